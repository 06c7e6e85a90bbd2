package main

import (
	"fmt"
	"io"

	"github.com/playhall/playhall/kiosk/playlog"
)

func init() {
	register("db", "check or compact the play log (db check|compact --data DIR)", runDB)
}

func runDB(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "check" && args[0] != "compact") {
		fmt.Fprintln(stderr, "usage: kioskctl db check --data DIR | kioskctl db compact --data DIR")
		return 2
	}
	sub := args[0]
	fs := logFlags("db "+sub, stderr)
	data := fs.String("data", "", "the kiosk's data folder")
	if code := logParse(fs, args[1:], data, stderr); code >= 0 {
		return code
	}
	if sub == "compact" {
		before, after, err := playlog.Compact(*data)
		if err != nil {
			fmt.Fprintln(stderr, "kioskctl db compact:", err)
			return 1
		}
		fmt.Fprintf(stdout, "compacted: %d → %d bytes\n", before, after)
		return 0
	}
	in, problems, err := playlog.Check(*data)
	if err != nil {
		fmt.Fprintln(stderr, "kioskctl db check:", err)
		return 1
	}
	for _, p := range problems {
		fmt.Fprintln(stdout, "PROBLEM:", p)
	}
	fmt.Fprintf(stdout, "%s: %d records (seq %d–%d), acknowledged up to %d, epoch %s, %d bytes",
		in.Path, in.Records, in.FirstSeq, in.LastSeq, in.AckedSeq, in.Epoch, in.FileBytes)
	if in.LostToHub > 0 {
		fmt.Fprintf(stdout, ", %d records lost to the hub (pruned here before a hub restored from a backup asked again)", in.LostToHub)
	}
	if in.Checkpoint {
		fmt.Fprint(stdout, ", a play in progress (logged as crashed at next start)")
	}
	fmt.Fprintln(stdout)
	if len(problems) > 0 {
		fmt.Fprintf(stdout, "%d problems\n", len(problems))
		return 1
	}
	fmt.Fprintln(stdout, "ok")
	return 0
}
