package kiosk

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"slices"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
)

// memWatch samples the resident set under --bench while the kiosk runs:
// the figure at exit comes after Ebitengine has let go of the GL context
// and its textures, so it is lower than what the kiosk holds running.
type memWatch struct {
	rss     []float64 // MiB, one sample every 60 drawn frames
	worst   memParts  // the breakdown at the largest sample
	worstAt string    // where it was taken: frame and screen
	max     float64   // the largest sample, MiB
	maxAt   string    // where it was taken
}

// memParts splits the resident set, in MiB, by who holds it.
type memParts struct {
	total    float64
	goHeap   float64 // Go's heap and runtime, mapped and not returned to the OS
	textures float64 // Ebitengine's textures: in RAM under software GL
	llvm     float64 // libLLVM, which software GL (llvmpipe) loads
	driver   float64 // the GL driver (*_dri.so, libgallium)
	binary   float64 // the kiosk's own executable (code, fonts, content)
}

// sample records the resident set at frame on screen; every tenth call, or
// when it is the largest yet, also its breakdown.
func (w *memWatch) sample(frame int, screen fmt.Stringer) {
	rss := rssMB()
	if rss == 0 {
		return
	}
	if len(w.rss)%10 == 0 || rss > w.worst.total+2 {
		if p := readMemParts(); p.total >= w.worst.total {
			w.worst = p
			w.worstAt = fmt.Sprintf("frame %d, screen %s", frame, screen)
		}
	}
	if rss > w.max {
		w.max, w.maxAt = rss, fmt.Sprintf("frame %d, screen %s", frame, screen)
	}
	w.rss = append(w.rss, rss)
}

// print writes the figures of --bench.
func (w *memWatch) print() {
	rss := rssMB()
	s := slices.Clone(w.rss)
	slices.Sort(s)
	if len(s) == 0 {
		s = []float64{rss}
	}
	fmt.Printf("rss_mb running p50 %.0f max %.0f (%s), at exit %.0f\n", s[len(s)/2], s[len(s)-1], w.maxAt, rss)
	p := w.worst
	fmt.Printf("rss_parts_mb at the largest (%s): total %.0f = go %.0f + textures %.0f + llvm %.0f + gl_driver %.0f + binary %.0f + other %.0f\n",
		w.worstAt, p.total, p.goHeap, p.textures, p.llvm, p.driver, p.binary, p.total-p.goHeap-p.textures-p.llvm-p.driver-p.binary)
}

// readMemParts reads /proc/self/smaps, Go's runtime metrics and
// Ebitengine's texture total. Textures are not a mapping of their own: the
// figure is Ebitengine's count, which software GL keeps in its heap. The
// file (about 300 KB) is scanned line by line without copying it or its
// fields: read whole and split into strings, it made 10 MB of garbage in a
// 90-second bench, a share of the collections the bench counts.
func readMemParts() memParts {
	var p memParts
	exe, _ := os.Executable()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return p
	}
	defer f.Close()
	var part *float64 // the part the current mapping counts towards, if any
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Bytes()
		if rest, ok := bytes.CutPrefix(line, []byte("Rss:")); ok {
			mb := float64(leadingInt(bytes.TrimLeft(rest, " "))) / 1024
			p.total += mb
			if part != nil {
				*part += mb
			}
			continue
		}
		if sp := bytes.IndexByte(line, ' '); sp <= 0 || line[sp-1] == ':' {
			continue // another field of the mapping
		}
		// a mapping's header: address perms offset dev inode [path]
		path := line
		for range 5 {
			path = bytes.TrimLeft(path, " ")
			if i := bytes.IndexByte(path, ' '); i >= 0 {
				path = path[i:]
			} else {
				path = nil
			}
		}
		path = bytes.TrimSpace(path)
		switch {
		case bytes.Contains(path, []byte("libLLVM")):
			part = &p.llvm
		case bytes.HasSuffix(path, []byte("_dri.so")) || bytes.Contains(path, []byte("libgallium")):
			part = &p.driver
		case len(path) > 0 && string(path) == exe:
			part = &p.binary
		default:
			part = nil
		}
	}
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	p.goHeap = float64(s[0].Value.Uint64()-s[1].Value.Uint64()) / (1 << 20)
	var di ebiten.DebugInfo
	ebiten.ReadDebugInfo(&di)
	p.textures = float64(di.TotalGPUImageMemoryUsageInBytes) / (1 << 20)
	return p
}

// printBench prints the figures of this run to stdout.
func (a *App) printBench() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	p50, p99, mx := a.stats.percentiles()
	if a.waveDesc != "" {
		fmt.Printf("wave %s\n", a.waveDesc)
	}
	fmt.Printf("first_frame_ms %.0f\n", a.firstFrame.Seconds()*1000)
	fmt.Printf("frames %d ticks %d\n", a.frames, a.ticks)
	fmt.Printf("engine_frame_ms p50 %.2f p99 %.2f max %.2f\n", p50, p99, mx)
	fmt.Printf("over_16.7ms %d\n", a.stats.over(16700*time.Microsecond))
	p50, p99, mx = a.play.percentiles()
	fmt.Printf("play_frames %d\n", a.play.n)
	fmt.Printf("play_frame_ms p50 %.2f p99 %.2f max %.2f\n", p50, p99, mx)
	fmt.Printf("play_over_16.7ms %d\n", a.play.over(16700*time.Microsecond))
	a.mem.print()
	var di ebiten.DebugInfo
	ebiten.ReadDebugInfo(&di)
	fmt.Printf("gpu_image_mb %.0f\n", float64(di.TotalGPUImageMemoryUsageInBytes)/1e6)
	gc := []metrics.Sample{{Name: "/cpu/classes/gc/total:cpu-seconds"}, {Name: "/cpu/classes/total:cpu-seconds"}}
	metrics.Read(gc)
	fmt.Printf("go_heap_mb %.0f gc_cycles %d gc_cpu_s %.2f of %.1f\n", float64(ms.HeapAlloc)/1e6, ms.NumGC, gc[0].Value.Float64(), gc[1].Value.Float64())
}

// rssMB reads the resident set size (Linux); 0 where unknown.
func rssMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmRSS:") {
			var kb float64
			fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(l, "VmRSS:")), "%f", &kb)
			return kb / 1024
		}
	}
	return 0
}

// leadingInt parses the decimal digits b starts with.
func leadingInt(b []byte) int {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
	}
	return n
}
