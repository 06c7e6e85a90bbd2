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
// figure is Ebitengine's count, which software GL keeps in its heap.
func readMemParts() memParts {
	var p memParts
	exe, _ := os.Executable()
	b, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		return p
	}
	var path string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if !strings.HasSuffix(f[0], ":") { // a mapping's header line
			path = ""
			if len(f) >= 6 {
				path = f[5]
			}
			continue
		}
		if f[0] != "Rss:" || len(f) < 2 {
			continue
		}
		var kb float64
		fmt.Sscanf(f[1], "%f", &kb)
		mb := kb / 1024
		p.total += mb
		switch {
		case strings.Contains(path, "libLLVM"):
			p.llvm += mb
		case strings.HasSuffix(path, "_dri.so") || strings.Contains(path, "libgallium"):
			p.driver += mb
		case path != "" && path == exe:
			p.binary += mb
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
