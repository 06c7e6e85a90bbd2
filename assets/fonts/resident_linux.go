package fonts

import (
	"os"
	"syscall"
	"unsafe"
)

// Release tells the kernel it may drop the pages of Regular and Bold that
// the process has read: they are part of the executable's data, mapped
// from the file, and once text/v2 has parsed the fonts it holds its own
// copy of every table, so those 6 MB only counted twice in the resident
// set. Nothing else changes: a later read of the bytes (the content
// validator's Glyphs) faults the pages back in from the file. Only pages
// wholly inside each font are released; the neighbouring variables share
// the edge pages.
func Release() {
	page := os.Getpagesize()
	for _, b := range [][]byte{Regular, Bold} {
		releasePages(b, page)
	}
}

func releasePages(b []byte, page int) {
	if len(b) == 0 {
		return
	}
	start := addr(b)
	first := (start + uintptr(page) - 1) &^ uintptr(page-1)
	last := (start + uintptr(len(b))) &^ uintptr(page-1)
	if last <= first {
		return
	}
	off := int(first - start)
	syscall.Madvise(b[off:off+int(last-first)], syscall.MADV_DONTNEED)
}

// addr is the address of b's first byte.
func addr(b []byte) uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(b))) }
