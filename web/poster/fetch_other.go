//go:build !js

package poster

import "net/http"

// fetchOptions does nothing outside a browser: net/http sends no cookies
// unless given a jar, and the poster's client has none.
func fetchOptions(*http.Request) {}
