package levels

import "testing"

func TestDefaultLoads(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if p.Level("shooter_adult") == nil || p.Level("sort_primary") == nil {
		t.Fatalf("default pack lacks its levels: %+v", p.Levels)
	}
	if p.Drug("meth") == nil || len(p.Version) != 16 {
		t.Fatalf("default pack incomplete: version %q", p.Version)
	}
}
