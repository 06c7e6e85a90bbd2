package kiosk

import "testing"

// A texture-sized block freed and allocated again must get a mapping of its
// own, which goes back to the system when the GL driver frees it: glibc's
// default would have raised its threshold past the first freed block and
// served the second from the heap.
func TestTunedMallocMapsTextureSizedBlocks(t *testing.T) {
	if !glibcMalloc() {
		if tuneMalloc() {
			t.Fatal("tuneMalloc reported success with no glibc allocator to tune")
		}
		return
	}
	if !tuneMalloc() {
		t.Fatal("glibc refused the malloc settings")
	}
	// Sizes of textures (1920×1080 is 7.9 MiB) that no free run of the
	// test process's heap holds: glibc serves a request from the heap
	// before it considers a mapping.
	for _, n := range []int{4 << 20, 16 << 20, 4 << 20, 16 << 20} {
		if !reuseIsMapped(n) {
			t.Errorf("a %d KiB block allocated after freeing one was served from the heap, not mapped", n>>10)
		}
	}
}
