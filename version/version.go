// Package version holds the build's version and commit, stamped by build.sh
// with -ldflags "-X github.com/playhall/playhall/version.Version=... -X ...Commit=...".
package version

import "fmt"

// Version is the release version ("dev" in an unstamped build).
var Version = "dev"

// Commit is the git commit the binary was built from ("unknown" when unstamped).
var Commit = "unknown"

// String returns "NAME VERSION (COMMIT)", the line every binary prints for --version.
func String(name string) string {
	return fmt.Sprintf("%s %s (%s)", name, Version, Commit)
}
