package playlog_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/playhall/playhall/kiosk/playlog"
	"github.com/playhall/playhall/record"
)

// A kiosk logs a play: Begin when it starts, Append when it ends. Append
// returns at once; the Receipt says when the play is on disk.
func Example() {
	dir, _ := os.MkdirTemp("", "playlog-example-")
	defer os.RemoveAll(dir)
	l, err := playlog.Open(dir, playlog.Options{Logf: func(string, ...any) {}})
	if err != nil {
		panic(err)
	}
	defer l.Close()

	p := record.Play{Source: record.SourceKiosk, ContentVersion: "default-1", Start: time.Now(),
		Band: "junior", Lang: "zh", Level: "shooter_junior", Mode: "shooter"}
	p.ID, _ = l.Begin(p)
	p.Duration, p.End, p.Score = 151, record.EndCompleted, 12040
	r, err := l.Append(p)
	if err != nil {
		panic(err)
	}
	seq, err := r.Wait(context.Background())
	fmt.Println(seq, err)
	s := l.Status()
	fmt.Println(s.TodayPlays, s.Backlog)
	// Output:
	// 1 <nil>
	// 1 1
}
