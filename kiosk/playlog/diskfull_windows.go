//go:build windows

package playlog

// ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL.
const (
	diskFullErrno  = 112
	diskFullErrno2 = 39
)
