//go:build !windows

package playlog

import "syscall"

// Extra "disk full" errnos besides ENOSPC.
const (
	diskFullErrno  = syscall.EDQUOT
	diskFullErrno2 = syscall.EFBIG
)
