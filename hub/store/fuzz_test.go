package store

import (
	"bytes"
	"testing"
)

// FuzzParseSchoolsCSV: no input panics, and every accepted school is valid.
func FuzzParseSchoolsCSV(f *testing.F) {
	f.Add([]byte("\uFEFFcode,name,district,7,8\nS1,一中,东区,300,280\nS2,二中,东区,,90\n"))
	f.Add([]byte("学校代码,学校名称,区县\nS1,一中,东区\n"))
	f.Add([]byte("code,name\n"))
	f.Add([]byte("code,name,district,7\nS1,a,b,x\n"))
	f.Add([]byte("code,name,district\n\"S1,a,b\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		list, err := ParseSchoolsCSV(bytes.NewReader(data), "f.csv")
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, s := range list {
			if s.Validate() != nil || seen[s.Code] {
				t.Fatalf("accepted %+v", s)
			}
			seen[s.Code] = true
		}
	})
}
