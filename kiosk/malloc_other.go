//go:build !linux || !cgo

package kiosk

// Without cgo on Linux, or elsewhere, the kiosk has no handle on the C
// allocator the GL driver uses.

// glibcMalloc is false: there is nothing to tune from here.
func glibcMalloc() bool { return false }

// tuneMalloc does nothing.
func tuneMalloc() bool { return false }

// reuseIsMapped is false.
func reuseIsMapped(int) bool { return false }
