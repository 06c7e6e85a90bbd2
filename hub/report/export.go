package report

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// Header returns the column headers in a language ("zh" or "en"; anything
// else gives the JSON keys).
func Header(cols []Column, lang string) []string {
	h := make([]string, len(cols))
	for i, c := range cols {
		switch lang {
		case "zh":
			h[i] = c.ZH
		case "en":
			h[i] = c.EN
		default:
			h[i] = c.Key
		}
	}
	return h
}

func cellString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// Source is what the writers encode: the columns, the query (K and by for
// the JSON head) and the rows as cells in order. *Table and *Export are
// sources; a writer holds one row at a time, so its memory is the source's.
type Source interface {
	Columns() []Column
	query() Query
	// each calls fn with every row's cells in order; fn must not keep
	// the slice. It stops at the first error fn returns.
	each(fn func(cells []Cell) error) error
}

func (t *Table) query() Query { return t.Query }

func (t *Table) each(fn func([]Cell) error) error {
	var cells []Cell
	for i := range t.Rows {
		cells = t.Cells(&t.Rows[i], cells)
		if err := fn(cells); err != nil {
			return err
		}
	}
	return nil
}

// WriteCSV streams the rows as CSV with a UTF-8 byte order mark (so Excel
// in Chinese locales reads it as UTF-8) and a header row in lang.
func WriteCSV(w io.Writer, src Source, lang string) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := bw.WriteString("\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	cols := src.Columns()
	if err := cw.Write(Header(cols, lang)); err != nil {
		return err
	}
	rec := make([]string, len(cols))
	err := src.each(func(cells []Cell) error {
		for j, c := range cells {
			rec[j] = cellString(c.Any())
		}
		return cw.Write(rec)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// WriteXLSX streams the rows as an XLSX workbook with one sheet, 报表
// (Report). excelize's StreamWriter keeps at most 16 MB of sheet XML in
// memory and spills the rest to a temporary file; the workbook is zipped
// from there when the last row is in.
func WriteXLSX(w io.Writer, src Source, lang string) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "报表"
	if lang == "en" {
		sheet = "Report"
	}
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	hdr := Header(src.Columns(), lang)
	row := make([]any, len(hdr))
	for i, h := range hdr {
		row[i] = h
	}
	if err := sw.SetRow("A1", row); err != nil {
		return err
	}
	var vals []any
	n := 1
	err = src.each(func(cells []Cell) error {
		vals = vals[:0]
		for _, c := range cells {
			vals = append(vals, c.Any())
		}
		n++
		cell, err := excelize.CoordinatesToCellName(1, n)
		if err != nil {
			return err
		}
		return sw.SetRow(cell, vals)
	})
	if err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// WriteJSON streams {"k": K, "by": [...], "columns": [...], "rows": [...]},
// one row object at a time.
func WriteJSON(w io.Writer, src Source) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	cols := src.Columns()
	q := src.query()
	by := q.By
	if by == nil {
		by = []string{}
	}
	head, _ := json.Marshal(map[string]any{"k": q.K, "by": by, "columns": cols})
	bw.Write(head[:len(head)-1])
	bw.WriteString(`,"rows":[`)
	keys := make([][]byte, len(cols))
	for j, c := range cols {
		kb, _ := json.Marshal(c.Key)
		keys[j] = append(kb, ':')
	}
	var num []byte
	first := true
	err := src.each(func(cells []Cell) error {
		if !first {
			bw.WriteByte(',')
		}
		first = false
		bw.WriteByte('{')
		for j := range cols {
			if j > 0 {
				bw.WriteByte(',')
			}
			bw.Write(keys[j])
			switch c := cells[j]; c.Kind {
			case CellNull:
				bw.WriteString("null")
			case CellInt:
				num = strconv.AppendInt(num[:0], c.I, 10)
				bw.Write(num)
			case CellFloat:
				num = strconv.AppendFloat(num[:0], c.F, 'f', -1, 64)
				bw.Write(num)
			default:
				if err := writeJSONValue(bw, c.S); err != nil {
					return err
				}
			}
		}
		return bw.WriteByte('}')
	})
	if err != nil {
		return err
	}
	bw.WriteString("]}\n")
	return bw.Flush()
}

// writeJSONValue writes v without HTML escaping (so "<10" stays readable).
func writeJSONValue(w *bufio.Writer, v any) error {
	switch x := v.(type) {
	case nil:
		_, err := w.WriteString("null")
		return err
	case int64:
		_, err := w.WriteString(strconv.FormatInt(x, 10))
		return err
	case float64:
		_, err := w.WriteString(strconv.FormatFloat(x, 'f', -1, 64))
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(bytes.TrimRight(buf.Bytes(), "\n"))
	return err
}
