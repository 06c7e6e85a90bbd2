package report

import (
	"bufio"
	"container/heap"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"

	"github.com/playhall/playhall/hub/store"
)

// Export is a report prepared for download with bounded memory: the rows
// Build(s, q) gives, with the same cells and small-cell suppression, in the
// same order, but never all in memory at once.
//
// When the table falls apart into independent parts (two or more place
// dimensions in by ∪ filters, see parts), NewExport computes and suppresses
// a batch of whole parts at a time (at most ExportOptions.BatchCells roll-up
// cells, or one part), writes the batch's rows as encoded cells to a
// temporary file and forgets them; the writers then merge the batches' sorted runs. Memory is
// then one batch (or the largest part) plus a 16 KB read buffer per batch,
// whatever the number of rows; disk holds about 80 bytes a row until
// Close. Any other table needs all its rows for suppression and is held
// whole, as Build holds it.
//
// Each batch is computed under its own short read lock. A change to the
// store between batches that could join two parts (a new school or kiosk, a
// kiosk seen in a second school, a school moved to another district) is
// detected and the export is planned again, at most three times, then
// computed whole.
type Export struct {
	q     Query
	cols  []Column
	table *Table   // the whole table, when not spilled
	spill *os.File // batches' rows, one run each
	runs  []run
	keys  []int // column of each by key in a row's cells

	spillErr error
}

// run is one batch's rows in the spill file.
type run struct{ off, size int64 }

// ExportOptions tune NewExport; the zero value is the default.
type ExportOptions struct {
	TempDir    string // folder of the spill file (empty: os.TempDir())
	BatchCells int    // roll-up cells computed at once (0: DefaultBatchCells)
}

// NewExport prepares q's rows, computing and spilling the batches before
// it returns. If the spill file cannot be written (no temp folder, disk
// full) it computes the table whole, as Build does, and SpillErr says why.
// Close removes the spill file.
func NewExport(s *store.Store, q Query, opt ExportOptions) *Export {
	if opt.BatchCells <= 0 {
		opt.BatchCells = DefaultBatchCells
	}
	e := &Export{q: q}
	dims := scopeDims(q)
	fq := Query{By: dims, From: q.From, To: q.To, K: q.K, Filter: map[string]string{}}
	for f, v := range q.Filter {
		if !slices.Contains(dims, f) {
			fq.Filter[f] = v
		}
	}
	for attempt := 0; attempt < 3; attempt++ {
		pl := planParts(s, fq, opt.BatchCells)
		if pl == nil {
			break
		}
		ok, err := e.spillBatches(s, fq, pl, opt.TempDir)
		if err != nil {
			e.spillErr = err
			break
		}
		if ok {
			e.cols = (&Table{Query: q}).Columns()
			for i, c := range e.cols {
				if slices.Contains(q.By, c.Key) {
					e.keys = append(e.keys, i)
				}
			}
			return e
		}
	}
	e.Close()
	e.table = Build(s, q)
	e.cols = e.table.Columns()
	return e
}

// SpillErr is the error that made NewExport hold a table with parts whole
// (nil when it did not).
func (e *Export) SpillErr() error { return e.spillErr }

// spillBatches computes each batch of pl, keeps q's rows of it (as Build
// does) and appends them to the spill file as one run. It returns false,
// with the file emptied, when pl went stale.
func (e *Export) spillBatches(s *store.Store, fq Query, pl *parts, tempDir string) (bool, error) {
	if e.spill == nil {
		f, err := os.CreateTemp(tempDir, "playhall-export-")
		if err != nil {
			return false, fmt.Errorf("export spill: %w", err)
		}
		e.spill = f
	}
	if err := e.spill.Truncate(0); err != nil {
		return false, err
	}
	if _, err := e.spill.Seek(0, io.SeekStart); err != nil {
		return false, err
	}
	e.runs = e.runs[:0]
	bw := bufio.NewWriterSize(e.spill, 64<<10)
	var off int64
	var buf []byte
	var cells []Cell
	whole := len(e.q.Filter) == 0 && slices.Equal(fq.By, e.q.By)
	only := pl.batchesFor(s, e.q.Filter)
	for b := 0; b < pl.nBatches; b++ {
		if only != nil && !only[b] {
			continue // no row of this batch matches the filters
		}
		t := buildPart(s, fq, pl, b)
		if pl.stale {
			return false, nil
		}
		if !whole {
			t = project(t, e.q)
		}
		start := off
		for i := range t.Rows {
			cells = t.Cells(&t.Rows[i], cells)
			buf = appendCells(buf[:0], cells)
			n, err := bw.Write(buf)
			if err != nil {
				return false, fmt.Errorf("export spill: %w", err)
			}
			off += int64(n)
		}
		e.runs = append(e.runs, run{start, off - start})
	}
	if err := bw.Flush(); err != nil {
		return false, fmt.Errorf("export spill: %w", err)
	}
	return true, nil
}

// Close removes the spill file. The Export is unusable after.
func (e *Export) Close() error {
	if e.spill == nil {
		return nil
	}
	f := e.spill
	e.spill = nil
	err := f.Close()
	if rerr := os.Remove(f.Name()); err == nil {
		err = rerr
	}
	return err
}

// Columns lists the export's columns (those of Build's table).
func (e *Export) Columns() []Column { return e.cols }

// Spilled reports whether the rows went through the spill file (the table
// had parts) rather than being held whole.
func (e *Export) Spilled() bool { return e.table == nil }

func (e *Export) query() Query { return e.q }

func (e *Export) each(fn func([]Cell) error) error {
	if e.table != nil {
		return e.table.each(fn)
	}
	if e.spill == nil {
		return errors.New("export: closed")
	}
	h := &runHeap{keys: e.keys}
	for _, r := range e.runs {
		if r.size == 0 {
			continue
		}
		c := &cursor{r: bufio.NewReaderSize(io.NewSectionReader(e.spill, r.off, r.size), 16<<10),
			cells: make([]Cell, len(e.cols)), intern: map[string]string{}}
		if err := c.next(); err != nil {
			return err
		}
		h.cs = append(h.cs, c)
	}
	heap.Init(h)
	for h.Len() > 0 {
		c := h.cs[0]
		if err := fn(c.cells); err != nil {
			return err
		}
		switch err := c.next(); {
		case err == io.EOF:
			heap.Pop(h)
		case err != nil:
			return err
		default:
			heap.Fix(h, 0)
		}
	}
	return nil
}

// appendCells encodes one row: per cell its kind, then an int as a varint,
// a float as 8 bytes, a string as its length and bytes.
func appendCells(b []byte, cells []Cell) []byte {
	for _, c := range cells {
		b = append(b, c.Kind)
		switch c.Kind {
		case CellInt:
			b = binary.AppendVarint(b, c.I)
		case CellFloat:
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(c.F))
		case CellString:
			b = binary.AppendUvarint(b, uint64(len(c.S)))
			b = append(b, c.S...)
		}
	}
	return b
}

// cursor reads one run's rows back.
type cursor struct {
	r      *bufio.Reader
	cells  []Cell
	str    []byte
	intern map[string]string // labels repeat row after row: one copy each
}

// maxIntern bounds a cursor's interned strings.
const maxIntern = 4096

// next decodes the run's next row into c.cells; io.EOF at the run's end.
func (c *cursor) next() error {
	for i := range c.cells {
		kind, err := c.r.ReadByte()
		if err != nil {
			if err == io.EOF && i > 0 {
				err = io.ErrUnexpectedEOF
			}
			return err
		}
		cell := Cell{Kind: kind}
		switch kind {
		case CellNull:
		case CellInt:
			cell.I, err = binary.ReadVarint(c.r)
		case CellFloat:
			var b [8]byte
			_, err = io.ReadFull(c.r, b[:])
			cell.F = math.Float64frombits(binary.LittleEndian.Uint64(b[:]))
		case CellString:
			var n uint64
			if n, err = binary.ReadUvarint(c.r); err == nil {
				c.str = slices.Grow(c.str[:0], int(n))[:n]
				_, err = io.ReadFull(c.r, c.str)
				var ok bool
				if cell.S, ok = c.intern[string(c.str)]; !ok {
					cell.S = string(c.str)
					if len(c.intern) < maxIntern {
						c.intern[cell.S] = cell.S
					}
				}
			}
		default:
			err = fmt.Errorf("export spill: bad cell kind %d", kind)
		}
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return err
		}
		c.cells[i] = cell
	}
	return nil
}

// runHeap orders the runs' current rows by their keys, as sortRows does.
type runHeap struct {
	cs   []*cursor
	keys []int
}

func (h *runHeap) Len() int { return len(h.cs) }
func (h *runHeap) Less(i, j int) bool {
	a, b := h.cs[i].cells, h.cs[j].cells
	for _, k := range h.keys {
		if c := strings.Compare(a[k].S, b[k].S); c != 0 {
			return c < 0
		}
	}
	return false
}
func (h *runHeap) Swap(i, j int) { h.cs[i], h.cs[j] = h.cs[j], h.cs[i] }
func (h *runHeap) Push(x any)    { h.cs = append(h.cs, x.(*cursor)) }
func (h *runHeap) Pop() any {
	c := h.cs[len(h.cs)-1]
	h.cs = h.cs[:len(h.cs)-1]
	return c
}

var _ Source = (*Export)(nil)
var _ Source = (*Table)(nil)
