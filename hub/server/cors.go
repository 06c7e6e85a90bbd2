package server

import "net/http"

// webPlaysPath is the anonymous web-play endpoint, the only route that
// answers cross-origin requests.
const webPlaysPath = "/api/v1/web/plays"

// setWebCORS marks a response of the web-play endpoint readable from any
// origin: a copy of the web edition on a school's own web server posts
// plays straight to the hub. The endpoint takes no cookie or token, so no
// credentials are allowed (Access-Control-Allow-Credentials is never sent);
// every other route sends no CORS header, so browsers keep them same-origin.
func setWebCORS(h http.Header) {
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Access-Control-Allow-Methods", "POST")
	h.Set("Access-Control-Allow-Headers", "Content-Type")
	h.Set("Access-Control-Max-Age", "86400")
}

// webPlayPreflight answers OPTIONS /api/v1/web/plays with 204 and the CORS
// headers wrap has set; it reads nothing and is not rate-limited.
func webPlayPreflight(w http.ResponseWriter, _ *http.Request) {
	w.WriteHeader(http.StatusNoContent)
}
