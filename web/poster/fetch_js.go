//go:build js

package poster

import "net/http"

// fetchOptions makes the browser's fetch send no credentials: no cookie,
// no HTTP authentication, whatever the page's origin holds. (Go's js
// transport reads these pseudo-headers and removes them from the request.)
func fetchOptions(req *http.Request) {
	req.Header.Set("js.fetch:credentials", "omit")
	req.Header.Set("js.fetch:mode", "cors")
}
