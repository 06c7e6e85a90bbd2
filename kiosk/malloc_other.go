//go:build !linux || !cgo

package kiosk

// tuneMalloc does nothing where the C allocator is not glibc's.
func tuneMalloc() bool { return false }

// reuseIsMapped is false where the C allocator is not glibc's.
func reuseIsMapped(int) bool { return false }
