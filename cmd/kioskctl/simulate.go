package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"time"

	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/game/ai"
	"github.com/playhall/playhall/game/replay"
	"github.com/playhall/playhall/game/round"
	"github.com/playhall/playhall/kiosk/playlog"
	"github.com/playhall/playhall/levels"
	"github.com/playhall/playhall/record"
	"github.com/playhall/playhall/version"
)

func init() {
	register("simulate", "play whole rounds headless through the AI (--plays N --seed S --json)", runSimulate)
}

const simulateUsage = `usage: kioskctl simulate [--plays N] [--seed S] [--level ID] [--band B]
                         [--skill novice|visitor|expert|mixed] [--portrait]
                         [--levels DIR] [--data DIR] [--json]
       kioskctl simulate --verify FILE [--levels DIR] [--json]
Plays N rounds headless with the built-in AI, one after another on one core.
Without --level each play uses its band's default level from the playlists;
without --band the bands take turns. The same flags and seed always give the
same state_hash. --data DIR appends every play to that kiosk's play log,
marked source "simulated" (stop the kiosk first: the log is locked while it runs).
--verify FILE replays a replay file (game/testdata/*.replay) on the content
and reports whether it reproduces its recorded state hash (exit 0) or not
(exit 1, "REGRESSION"); a replay from other content is refused.`

// simSummary is what --json prints.
type simSummary struct {
	Plays          int            `json:"plays"`
	Seed           uint64         `json:"seed"`
	Seconds        float64        `json:"seconds"`
	PlaysPerSecond float64        `json:"plays_per_second"`
	GameSeconds    float64        `json:"game_seconds"` // simulated play time
	StateHash      string         `json:"state_hash"`
	ContentVersion string         `json:"content_version"`
	ByReason       map[string]int `json:"by_reason"` // boss_caught, time_up, health_out, cleared
	ByEnd          map[string]int `json:"by_end"`    // record ends: completed, timed_out
	ByLevel        map[string]int `json:"by_level"`
	ByGrade        map[string]int `json:"by_grade"`
	MeanScore      float64        `json:"mean_score"`
	MeanAccuracy   float64        `json:"mean_accuracy"`
	Seized         int            `json:"seized"`
	Missed         int            `json:"missed"`
	FalseAlarms    int            `json:"false_alarms"`
	Arrests        int            `json:"arrests"`
	BossesCaught   int            `json:"bosses_caught"`
	Logged         int            `json:"logged,omitempty"` // plays appended to --data
}

func runSimulate(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("simulate", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	plays := fs.Int("plays", 100, "")
	seed := fs.Uint64("seed", 1, "")
	levelID := fs.String("level", "", "")
	band := fs.String("band", "", "")
	skill := fs.String("skill", "mixed", "")
	portrait := fs.Bool("portrait", false, "")
	dir := fs.String("levels", "", "")
	data := fs.String("data", "", "")
	asJSON := fs.Bool("json", false, "")
	verify := fs.String("verify", "", "")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fmt.Fprintln(stdout, simulateUsage)
			return 0
		}
		fmt.Fprintf(stderr, "kioskctl simulate: %v\n%s\n", err, simulateUsage)
		return 2
	}
	fail := func(code int, format string, a ...any) int {
		msg := fmt.Sprintf(format, a...)
		if *asJSON {
			json.NewEncoder(stdout).Encode(map[string]string{"error": msg})
		} else {
			fmt.Fprintln(stderr, "kioskctl simulate: "+msg)
		}
		return code
	}
	if fs.NArg() > 0 {
		return fail(2, "unexpected argument %q", fs.Arg(0))
	}
	if *verify != "" {
		return simVerify(*verify, *dir, *asJSON, stdout, stderr)
	}
	if *plays < 1 || *plays > 10_000_000 {
		return fail(2, "--plays %d out of range 1–10000000", *plays)
	}
	skills, ok := simSkills(*skill)
	if !ok {
		return fail(2, "--skill %q is not novice, visitor, expert or mixed", *skill)
	}
	bands := levels.Bands
	if *band != "" {
		if !levels.Band(*band).Valid() {
			return fail(2, "--band %q is not primary, junior, senior or adult", *band)
		}
		bands = []levels.Band{levels.Band(*band)}
	}
	pack, err := simPack(*dir)
	if err != nil {
		return fail(1, "%v", err)
	}
	levelFor := map[levels.Band]string{}
	for _, b := range bands {
		id := *levelID
		if id == "" {
			if ids := pack.LevelsFor(b); len(ids) > 0 {
				id = ids[0]
			} else if len(pack.Levels) > 0 {
				id = pack.Levels[0].ID
			}
		}
		if round.Level(pack, id) == nil {
			return fail(2, "--level %q is not in content %s", id, pack.Version)
		}
		levelFor[b] = id
	}
	canvas := game.Landscape
	if *portrait {
		canvas = game.Portrait
	}

	var log *playlog.Log
	var receipts []*playlog.Receipt
	if *data != "" {
		if log, err = playlog.Open(*data, playlog.Options{Logf: func(string, ...any) {}}); err != nil {
			return fail(1, "--data %s: %v", *data, err)
		}
		defer log.Close()
	}

	sum := simSummary{Plays: *plays, Seed: *seed, ContentVersion: pack.Version,
		ByReason: map[string]int{}, ByEnd: map[string]int{}, ByLevel: map[string]int{}, ByGrade: map[string]int{}}
	all := game.NewHasher()
	player := ai.New(0, skills[0])
	var buf []game.PointerEvent
	var tally game.Tally
	var accSum float64
	start := time.Now()
	for i := 0; i < *plays; i++ {
		s := game.Mix64(*seed + uint64(i))
		b := bands[i%len(bands)]
		g, err := round.New(round.Config{Pack: pack, Level: levelFor[b], Band: b, Seed: s, Canvas: canvas})
		if err != nil {
			return fail(1, "%v", err)
		}
		sk := skills[int(s>>32)%len(skills)]
		if player.Skill() != sk {
			player = ai.New(s, sk)
		} else {
			player.Reset(s)
		}
		tally.Reset()
		buf = round.Run(g, player, &tally, buf, 0)
		all.Uint64(g.Hash())
		sum.GameSeconds += float64(g.Tick()) / game.TPS
		sum.ByReason[string(tally.Reason)]++
		sum.ByEnd[string(tally.End())]++
		sum.ByLevel[levelFor[b]]++
		sum.ByGrade[tally.Grade()]++
		sum.MeanScore += float64(tally.Score)
		accSum += tally.Accuracy()
		sum.Seized += tally.Seized
		sum.Missed += tally.Missed
		sum.FalseAlarms += tally.FalseAlarms
		sum.Arrests += tally.Arrests
		if tally.BossCaught {
			sum.BossesCaught++
		}
		if log != nil {
			lv := round.Level(pack, levelFor[b])
			p := record.Play{Source: record.SourceSimulated, ContentVersion: pack.Version, AppVersion: version.Version,
				Start: time.Now(), Duration: float64(g.Tick()) / game.TPS, Band: string(b), Lang: "zh",
				Level: lv.ID, Mode: string(lv.Mode)}
			tally.Apply(&p)
			r, err := log.Append(p)
			if err != nil {
				return fail(1, "play %d: play log: %v", i+1, err)
			}
			receipts = append(receipts, r)
		}
	}
	for _, r := range receipts {
		if err := r.Err(); err != nil {
			return fail(1, "play log: %v", err)
		}
		sum.Logged++
	}
	sum.Seconds = time.Since(start).Seconds()
	sum.PlaysPerSecond = float64(*plays) / max(sum.Seconds, 1e-9)
	sum.StateHash = replay.HashString(all.Sum())
	sum.MeanScore /= float64(*plays)
	sum.MeanAccuracy = accSum / float64(*plays)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(&sum)
		return 0
	}
	fmt.Fprintf(stdout, "%d plays in %.2f s (%.0f plays/s, %.0f h of play), content %s\n",
		sum.Plays, sum.Seconds, sum.PlaysPerSecond, sum.GameSeconds/3600, sum.ContentVersion)
	fmt.Fprintf(stdout, "state_hash %s\n", sum.StateHash)
	fmt.Fprintf(stdout, "ends: %s\nlevels: %s\ngrades: %s\n", fmtCounts(sum.ByReason), fmtCounts(sum.ByLevel), fmtCounts(sum.ByGrade))
	fmt.Fprintf(stdout, "mean score %.0f, mean accuracy %.2f; seized %d, missed %d, false alarms %d, arrests %d, bosses caught %d\n",
		sum.MeanScore, sum.MeanAccuracy, sum.Seized, sum.Missed, sum.FalseAlarms, sum.Arrests, sum.BossesCaught)
	if log != nil {
		fmt.Fprintf(stdout, "%d plays appended to %s as source simulated\n", sum.Logged, *data)
	}
	return 0
}

// simVerify replays one file and checks its hash.
func simVerify(path, dir string, asJSON bool, stdout, stderr io.Writer) int {
	type result struct {
		File      string `json:"file"`
		OK        bool   `json:"ok"`
		Level     string `json:"level,omitempty"`
		Ticks     int    `json:"ticks,omitempty"`
		StateHash string `json:"state_hash,omitempty"`
		Score     int    `json:"score,omitempty"`
		Reason    string `json:"reason,omitempty"`
		Error     string `json:"error,omitempty"`
	}
	res := result{File: path}
	done := func(code int) int {
		if asJSON {
			json.NewEncoder(stdout).Encode(&res)
		} else if res.OK {
			fmt.Fprintf(stdout, "%s: ok, %s after %d ticks, score %d, state_hash %s\n", path, res.Reason, res.Ticks, res.Score, res.StateHash)
		} else {
			fmt.Fprintf(stderr, "kioskctl simulate: %s: %s\n", path, res.Error)
		}
		return code
	}
	pack, err := simPack(dir)
	if err != nil {
		res.Error = err.Error()
		return done(1)
	}
	f, err := os.Open(path)
	if err != nil {
		res.Error = err.Error()
		return done(1)
	}
	rep, err := replay.Read(f)
	f.Close()
	if err != nil {
		res.Error = err.Error()
		return done(1)
	}
	g, tl, err := round.Verify(pack, rep)
	res.Level = rep.Level
	if err != nil {
		res.Error = err.Error()
		return done(1)
	}
	res.OK, res.Ticks, res.StateHash, res.Score, res.Reason = true, g.Tick(), replay.HashString(g.Hash()), tl.Score, string(tl.Reason)
	return done(0)
}

func simSkills(name string) ([]ai.Skill, bool) {
	switch name {
	case "novice":
		return []ai.Skill{ai.Novice}, true
	case "visitor":
		return []ai.Skill{ai.Visitor}, true
	case "expert":
		return []ai.Skill{ai.Expert}, true
	case "mixed":
		return []ai.Skill{ai.Novice, ai.Visitor, ai.Visitor, ai.Expert}, true
	}
	return nil, false
}

func simPack(dir string) (*levels.Pack, error) {
	if dir == "" {
		return levels.Default()
	}
	p, probs := levels.LoadDir(dir)
	for _, pr := range probs {
		if pr.Severity == levels.SeverityError {
			return nil, fmt.Errorf("content %s has errors (kioskctl levels check %s lists them); first: %s", dir, dir, pr)
		}
	}
	return p, nil
}

func fmtCounts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	s := ""
	for i, k := range keys {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%s %d", k, m[k])
	}
	return s
}
