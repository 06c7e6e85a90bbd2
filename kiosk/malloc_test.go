package kiosk

import (
	"runtime"
	"testing"
)

// A texture-sized block freed and allocated again must get a mapping of its
// own, which goes back to the system when the GL driver frees it: glibc's
// default would have raised its threshold past the first freed block and
// served the second from the heap.
func TestTunedMallocMapsTextureSizedBlocks(t *testing.T) {
	if runtime.GOOS != "linux" {
		if tuneMalloc() {
			t.Fatal("tuneMalloc reported success off Linux")
		}
		return
	}
	if !tuneMalloc() {
		t.Fatal("glibc refused the malloc settings")
	}
	for _, n := range []int{256 << 10, 8 << 20, 256 << 10, 8 << 20} {
		if !reuseIsMapped(n) {
			t.Errorf("a %d KiB block allocated after freeing one was served from the heap, not mapped", n>>10)
		}
	}
}
