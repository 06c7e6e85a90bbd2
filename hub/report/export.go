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

// WriteCSV streams the table as CSV with a UTF-8 byte order mark (so Excel
// in Chinese locales reads it as UTF-8) and a header row in lang.
func WriteCSV(w io.Writer, t *Table, lang string) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := bw.WriteString("\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	cols := t.Columns()
	if err := cw.Write(Header(cols, lang)); err != nil {
		return err
	}
	rec := make([]string, len(cols))
	var cells []Cell
	for i := range t.Rows {
		cells = t.Cells(&t.Rows[i], cells)
		for j, c := range cells {
			rec[j] = cellString(c.Any())
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// WriteXLSX streams the table as an XLSX workbook (excelize StreamWriter:
// rows go to a temporary file, not memory) with one sheet, 报表.
func WriteXLSX(w io.Writer, t *Table, lang string) error {
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
	cols := t.Columns()
	hdr := Header(cols, lang)
	row := make([]any, len(hdr))
	for i, h := range hdr {
		row[i] = h
	}
	if err := sw.SetRow("A1", row); err != nil {
		return err
	}
	var vals []any
	for i := range t.Rows {
		vals = t.Values(&t.Rows[i], vals)
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, vals); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// WriteJSON streams {"k": K, "by": [...], "columns": [...], "rows": [...]},
// one row object at a time.
func WriteJSON(w io.Writer, t *Table) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	cols := t.Columns()
	by := t.Query.By
	if by == nil {
		by = []string{}
	}
	head, _ := json.Marshal(map[string]any{"k": t.Query.K, "by": by, "columns": cols})
	bw.Write(head[:len(head)-1])
	bw.WriteString(`,"rows":[`)
	keys := make([][]byte, len(cols))
	for j, c := range cols {
		kb, _ := json.Marshal(c.Key)
		keys[j] = append(kb, ':')
	}
	var cells []Cell
	var num []byte
	for i := range t.Rows {
		cells = t.Cells(&t.Rows[i], cells)
		if i > 0 {
			bw.WriteByte(',')
		}
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
		bw.WriteByte('}')
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
