//go:build linux && cgo

package kiosk

/*
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

static int playhall_glibc(void) {
#ifdef __GLIBC__
	return 1;
#else
	return 0;
#endif
}

static int playhall_tune_malloc(void) {
#ifdef __GLIBC__
	// A fixed threshold: a block of 128 KiB or more (a texture, a GL
	// buffer) that no free run of the heap can hold gets a mapping of its
	// own, returned to the system when freed. Setting it turns off glibc's
	// dynamic threshold, which after the first such block is freed raises
	// it (up to 32 MiB) so that later textures grow the heap, where a freed
	// one stays resident.
	int ok = mallopt(M_MMAP_THRESHOLD, 128 * 1024);
	// Give free memory at the heap's top back once 1 MiB has gathered.
	ok &= mallopt(M_TRIM_THRESHOLD, 1024 * 1024);
	return ok;
#else
	return 0;
#endif
}

// playhall_reuse_is_mapped frees a block of n bytes and allocates another
// of the same size, and reports whether that one got a mapping of its own
// (glibc marks such a block with bit 1 of the size word before it).
static int playhall_reuse_is_mapped(size_t n) {
#ifdef __GLIBC__
	void *volatile q = malloc(n); // volatile: the compiler may not drop the pair
	free(q);
	void *p = malloc(n);
	if (p == NULL) {
		return 0;
	}
	int mapped = (((size_t *)p)[-1] & 2) != 0;
	free(p);
	return mapped;
#else
	return 0;
#endif
}
*/
import "C"

// glibcMalloc reports whether the C allocator is glibc's, which tuneMalloc
// can tune.
func glibcMalloc() bool { return C.playhall_glibc() == 1 }

// tuneMalloc sets glibc's allocator, which the GL driver uses for its
// textures and buffers, to give freed memory back (see the C comment). Call
// it before the GL context exists. It reports whether glibc took both
// settings.
//
// Measured on the busiest-wave bench (bin/kiosk --bench-wave 150s, 1920×1080
// under software GL): resident set p50 227 → 223 MiB, max 240 → 232.
func tuneMalloc() bool { return C.playhall_tune_malloc() == 1 }

// reuseIsMapped reports whether a block of n bytes, allocated right after
// one of the same size was freed, gets a mapping of its own (for the test).
func reuseIsMapped(n int) bool { return C.playhall_reuse_is_mapped(C.size_t(n)) == 1 }
