package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"golang.org/x/term"

	"github.com/playhall/playhall/kiosk/playlog"
	ksync "github.com/playhall/playhall/kiosk/sync"
	"github.com/playhall/playhall/record"
	"github.com/playhall/playhall/version"
)

func init() {
	register("sync", "send unsynced plays to the hub now (--data DIR); exit 0 only when all are sent", runSync)
}

func runSync(args []string, stdout, stderr io.Writer) int {
	fs := logFlags("sync", stderr)
	data := fs.String("data", "", "the kiosk's data folder")
	quiet := fs.Bool("quiet", false, "no progress output")
	if c := logParse(fs, args, data, stderr); c >= 0 {
		return c
	}
	if _, err := ksync.LoadEnrollment(*data); err != nil {
		fmt.Fprintln(stderr, "kioskctl sync:", err)
		return 1
	}
	l, err := playlog.Open(*data, playlog.Options{Logf: func(f string, a ...any) { fmt.Fprintf(stderr, f+"\n", a...) }})
	if err != nil {
		fmt.Fprintln(stderr, "kioskctl sync:", err)
		return 1
	}
	defer l.Close()
	c := ksync.New(ksync.Config{DataDir: *data, Log: l, Health: func() record.Health {
		return record.Health{AppVersion: version.String("kioskctl")}
	}})
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	tty := false
	if f, ok := stdout.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		tty = true
	}
	progress := func(sent, total int) {
		switch {
		case *quiet:
		case tty:
			fmt.Fprintf(stdout, "\r%s", syncBar(sent, total, 40))
		default:
			fmt.Fprintf(stdout, "sent %d of %d\n", sent, total)
		}
	}
	err = c.SyncNow(ctx, progress)
	if tty && !*quiet {
		fmt.Fprintln(stdout)
	}
	left := l.Backlog()
	if err != nil {
		var he *ksync.HTTPError
		if errors.As(err, &he) && he.Unauthorized() {
			fmt.Fprintln(stderr, "kioskctl sync: the hub refused this kiosk's token (revoked?): enrol again with kioskctl enroll")
		}
		fmt.Fprintf(stderr, "kioskctl sync: %v (%d records left to send)\n", err, left)
		return 1
	}
	if left > 0 {
		fmt.Fprintf(stderr, "kioskctl sync: %d records left to send\n", left)
		return 1
	}
	if !*quiet {
		fmt.Fprintln(stdout, "all records acknowledged by the hub")
	}
	return 0
}

// syncBar renders "[#####.....] sent/total".
func syncBar(sent, total, width int) string {
	if total <= 0 {
		return fmt.Sprintf("[%s] 0/0", strings.Repeat("#", width))
	}
	n := min(width, sent*width/total)
	return fmt.Sprintf("[%s%s] %d/%d", strings.Repeat("#", n), strings.Repeat(".", width-n), sent, total)
}
