package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/playhall/playhall/assets/fonts"
	"github.com/playhall/playhall/levels"
)

func init() {
	register("levels", "check or list a content pack (levels check|list [DIR] [--json])", runLevels)
}

const levelsUsage = `usage:
  kioskctl levels check [DIR]        validate a content folder (default: the built-in pack)
  kioskctl levels list [DIR] --json  print the pack's drugs, look-alikes, questions and levels as JSON
  kioskctl levels export DIR         copy the built-in pack's TOML files into DIR (new or empty) to edit
Problems print as path:line:column: message. check exits 0 when the pack is
valid (warnings allowed), 1 when it has errors, 2 on bad usage.`

// runLevels implements `kioskctl levels`. Every character is checked
// against the kiosk font (assets/fonts).
func runLevels(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(stdout, levelsUsage)
		return 0
	}
	sub, rest := args[0], args[1:]
	var dir string
	asJSON := false
	for _, a := range rest {
		switch {
		case a == "--json" || a == "-json":
			asJSON = true
		case len(a) > 0 && a[0] == '-':
			fmt.Fprintf(stderr, "kioskctl levels: unknown flag %q\n%s\n", a, levelsUsage)
			return 2
		case dir == "":
			dir = a
		default:
			fmt.Fprintf(stderr, "kioskctl levels: one folder at most, got %q and %q\n", dir, a)
			return 2
		}
	}
	opt := levels.CheckOptions{Glyphs: fonts.Glyphs()}
	load := func() (*levels.Pack, []levels.Problem) {
		if dir == "" {
			opt.Prefix = levels.DefaultPrefix
			return levels.LoadWith(levels.DefaultFS(), opt)
		}
		return levels.LoadDirWith(dir, opt)
	}
	switch sub {
	case "export":
		if dir == "" || asJSON {
			fmt.Fprintf(stderr, "kioskctl levels export: expected one folder\n%s\n", levelsUsage)
			return 2
		}
		n, err := exportDefault(dir)
		if err != nil {
			fmt.Fprintln(stderr, "kioskctl levels export:", err)
			return 1
		}
		fmt.Fprintf(stdout, "wrote %d files of the built-in pack to %s\n", n, dir)
		return 0
	case "check":
		if asJSON {
			fmt.Fprintln(stderr, "kioskctl levels check: --json is for list")
			return 2
		}
		p, probs := load()
		for _, pr := range probs {
			fmt.Fprintln(stdout, pr.String())
		}
		if p == nil {
			errs := 0
			for _, pr := range probs {
				if pr.Severity == levels.SeverityError {
					errs++
				}
			}
			fmt.Fprintf(stderr, "kioskctl levels check: %d error(s), %d warning(s); the pack is not valid\n", errs, len(probs)-errs)
			return 1
		}
		fmt.Fprintf(stdout, "ok: version %s, %d drugs, %d look-alikes, %d questions, %d levels, %d warning(s)\n",
			p.Version, len(p.Drugs), len(p.Lookalikes), len(p.Questions), len(p.Levels), len(probs))
		return 0
	case "list":
		p, probs := load()
		if p == nil {
			for _, pr := range probs {
				fmt.Fprintln(stderr, pr.String())
			}
			fmt.Fprintln(stderr, "kioskctl levels list: the pack is not valid (kioskctl levels check shows why)")
			return 1
		}
		if !asJSON {
			writeListText(stdout, p)
			return 0
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(listing(p)); err != nil {
			fmt.Fprintln(stderr, "kioskctl levels list:", err)
			return 1
		}
		return 0
	}
	fmt.Fprintf(stderr, "kioskctl levels: unknown subcommand %q\n%s\n", sub, levelsUsage)
	return 2
}

type listDrug struct {
	ID       string          `json:"id"`
	NameZh   string          `json:"name_zh"`
	NameEn   string          `json:"name_en"`
	Category levels.Category `json:"category"`
	Shape    string          `json:"shape"`
	Sources  []string        `json:"sources"`
}

type listLookalike struct {
	ID        string `json:"id"`
	NameZh    string `json:"name_zh"`
	NameEn    string `json:"name_en"`
	Resembles string `json:"resembles"`
	CueKind   string `json:"cue_kind"`
}

type listQuestion struct {
	ID      string        `json:"id"`
	Bands   []levels.Band `json:"bands"`
	PrePlay bool          `json:"pre_play"`
	Drugs   []string      `json:"drugs"`
}

type listLevel struct {
	ID       string        `json:"id"`
	Mode     levels.Mode   `json:"mode"`
	Bands    []levels.Band `json:"bands"`
	TitleZh  string        `json:"title_zh"`
	Duration float64       `json:"duration"`
	Waves    int           `json:"waves"`
}

type listPlaylist struct {
	Band   levels.Band `json:"band"`
	Levels []string    `json:"levels"`
}

type packListing struct {
	Version    string          `json:"version"`
	Drugs      []listDrug      `json:"drugs"`
	Lookalikes []listLookalike `json:"lookalikes"`
	Questions  []listQuestion  `json:"questions"`
	Levels     []listLevel     `json:"levels"`
	Playlists  []listPlaylist  `json:"playlists"`
}

func listing(p *levels.Pack) packListing {
	out := packListing{Version: p.Version,
		Drugs: []listDrug{}, Lookalikes: []listLookalike{}, Questions: []listQuestion{}, Levels: []listLevel{}, Playlists: []listPlaylist{}}
	for _, d := range p.Drugs {
		out.Drugs = append(out.Drugs, listDrug{d.ID, d.Name.Zh, d.Name.En, d.Category, d.Icon.Shape, d.Sources})
	}
	for _, a := range p.Lookalikes {
		out.Lookalikes = append(out.Lookalikes, listLookalike{a.ID, a.Name.Zh, a.Name.En, a.Resembles, a.CueKind})
	}
	for _, q := range p.Questions {
		out.Questions = append(out.Questions, listQuestion{q.ID, q.Bands, q.PrePlay, nonNil(q.Drugs)})
	}
	for _, l := range p.Levels {
		out.Levels = append(out.Levels, listLevel{l.ID, l.Mode, l.Bands, l.Title.Zh, l.Duration, len(l.Waves)})
	}
	for _, pl := range p.Playlists {
		out.Playlists = append(out.Playlists, listPlaylist{pl.Band, pl.Levels})
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func writeListText(w io.Writer, p *levels.Pack) {
	fmt.Fprintf(w, "version %s\n", p.Version)
	fmt.Fprintf(w, "drugs (%d):\n", len(p.Drugs))
	for _, d := range p.Drugs {
		fmt.Fprintf(w, "  %-22s %-12s %s / %s\n", d.ID, d.Category, d.Name.Zh, d.Name.En)
	}
	fmt.Fprintf(w, "look-alikes (%d):\n", len(p.Lookalikes))
	for _, a := range p.Lookalikes {
		fmt.Fprintf(w, "  %-22s resembles %-18s %s / %s\n", a.ID, a.Resembles, a.Name.Zh, a.Name.En)
	}
	fmt.Fprintf(w, "questions (%d):\n", len(p.Questions))
	for _, q := range p.Questions {
		fmt.Fprintf(w, "  %-22s bands %v pre_play=%t\n", q.ID, q.Bands, q.PrePlay)
	}
	fmt.Fprintf(w, "levels (%d):\n", len(p.Levels))
	for _, l := range p.Levels {
		fmt.Fprintf(w, "  %-22s %-7s %v %gs %d waves  %s\n", l.ID, l.Mode, l.Bands, l.Duration, len(l.Waves), l.Title.Zh)
	}
	for _, pl := range p.Playlists {
		fmt.Fprintf(w, "playlist %-8s %v\n", pl.Band, pl.Levels)
	}
}

// exportDefault writes the built-in pack into dir, which must not exist or
// be empty (nothing a member of staff wrote is ever overwritten).
func exportDefault(dir string) (int, error) {
	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		return 0, fmt.Errorf("%s is not empty; export into a new folder", dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return 0, err
	}
	src := levels.DefaultFS()
	n := 0
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		out := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		b, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		n++
		return os.WriteFile(out, b, 0o644)
	})
	return n, err
}
