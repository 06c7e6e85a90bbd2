// Package e2e holds the end-to-end tests of the whole chain, run against
// the real binaries (internal/testbin), a real headless Chromium and, for
// the kiosk, a real X server (Xvfb):
//
//   - kiosk_test.go: a hub is set up with its CLI, a kiosk is enrolled with
//     kioskctl, the kiosk binary plays in autoplay under Xvfb, kioskctl syncs,
//     and the hub's API, its database and its dashboard in Chromium must show
//     exactly the plays the kiosk logged, with the same outcomes.
//   - web_test.go: the web edition (scripts/web.sh) is served by the hub at
//     /play/ and played in Chromium with real touch events sent over the
//     DevTools protocol (Input.dispatchTouchEvent): a tap seizes a drug in the
//     shooter, a drag sorts a drug into the police bin; the plays must reach
//     the hub anonymously.
//
// The package has no non-test code besides this comment; see
// README.md (The web edition) for how to run the tests.
package e2e
