//go:build !linux

package fonts

// Release does nothing here: see resident_linux.go.
func Release() {}
