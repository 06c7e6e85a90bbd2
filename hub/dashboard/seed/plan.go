package seed

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/playhall/playhall/levels"
	"github.com/playhall/playhall/record"
)

// School is a school to register.
type School struct {
	Code, Name, District string
	// Bands says which age bands visit this school's kiosks, with weights.
	Bands map[string]int
	// Enrolment is grade label → students.
	Enrolment map[string]int
}

// Kiosk is a kiosk to add at a school, with how many plays it logs per day.
type Kiosk struct {
	School, Name string
	PerDay       int
	// Days overrides Plan.Days for this kiosk (0: Plan.Days).
	Days int
	// Silent kiosks are added but never enrol or sync.
	Silent bool
}

// User is an account to add.
type User struct{ Name, Role, Password string }

// Plan is everything a seeded hub holds.
type Plan struct {
	Schools []School
	Kiosks  []Kiosk
	Users   []User
	// Days of plays, ending yesterday (plays fall between 08:00 and 17:00
	// at UTC+8, so every play's day is the same in UTC and in China).
	Days int
	// Seed makes the plays reproducible.
	Seed uint64
}

// Totals is what Ingest sent (all stored; the hub rejected none).
type Totals struct {
	Plays     int
	ByBand    map[string]int
	BySchool  map[string]int
	Completed int
	Visits    int
	Students  int
}

// Setup registers the plan's schools, users and kiosks with the hub CLI on
// the data folder (the hub need not be running) and returns each kiosk's
// one-time enrolment code, in Plan.Kiosks order.
func Setup(bin, dir string, p Plan) ([]string, error) {
	for _, s := range p.Schools {
		args := []string{"school", "add", "--data", dir, s.Code, "--name", s.Name, "--district", s.District}
		for g, n := range s.Enrolment {
			args = append(args, "--enrolment", g+"="+strconv.Itoa(n))
		}
		if _, err := CLI(bin, "", args...); err != nil {
			return nil, err
		}
	}
	for _, u := range p.Users {
		if _, err := CLI(bin, u.Password+"\n", "user", "add", "--data", dir, u.Name, "--role", u.Role); err != nil {
			return nil, err
		}
	}
	codes := make([]string, len(p.Kiosks))
	for i, k := range p.Kiosks {
		out, err := CLI(bin, "", "kiosk", "add", "--data", dir, "--school", k.School, "--name", k.Name)
		if err != nil {
			return nil, err
		}
		codes[i] = LastLine(out)
	}
	return codes, nil
}

// PostJSON posts in as JSON (with a bearer token unless token is empty)
// and decodes a 200 answer into out; any other status is an error carrying
// the hub's message.
func PostJSON(url, token string, in, out any) error {
	b, err := json.Marshal(in)
	if err != nil {
		return err
	}
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("seed: POST %s: %s: %s", url, res.Status, strings.TrimSpace(string(body)))
	}
	return json.Unmarshal(body, out)
}

// Ingest enrols every kiosk that is not Silent with its code and sends its
// plays and class visits through POST /api/v1/ingest in batches of at most
// record.MaxBatchRecords. It fails if the hub rejects any record or acks
// less than everything.
func Ingest(hubURL string, p Plan, codes []string, now time.Time) (Totals, error) {
	pack, err := levels.Default()
	if err != nil {
		return Totals{}, fmt.Errorf("seed: default content pack: %w", err)
	}
	rng := rand.New(rand.NewPCG(p.Seed, p.Seed^0x9e3779b97f4a7c15))
	tot := Totals{ByBand: map[string]int{}, BySchool: map[string]int{}}
	schools := map[string]School{}
	for _, s := range p.Schools {
		schools[s.Code] = s
	}
	for i, k := range p.Kiosks {
		if k.Silent {
			continue
		}
		var en record.EnrollResponse
		if err := PostJSON(hubURL+"/api/v1/enroll", "", record.EnrollRequest{Code: codes[i]}, &en); err != nil {
			return tot, err
		}
		g := gen{rng: rng, pack: pack, kiosk: en.KioskID, school: schools[k.School], now: now}
		days := p.Days
		if k.Days > 0 {
			days = k.Days
		}
		entries := g.entries(days, k.PerDay, &tot)
		epoch := g.hex(8)
		for start := 0; start < len(entries); start += record.MaxBatchRecords {
			end := min(start+record.MaxBatchRecords, len(entries))
			b := record.Batch{KioskID: en.KioskID, Epoch: epoch, SentAt: time.Now().UTC(), Entries: entries[start:end],
				Health: record.Health{AppVersion: "1.0.0", ContentVersion: pack.Version, Backlog: len(entries) - end,
					UptimeSeconds: 3600, OpeningHours: "08:00-18:00", UTCOffsetMins: 480}}
			var ack record.Ack
			if err := PostJSON(hubURL+"/api/v1/ingest", en.Token, b, &ack); err != nil {
				return tot, err
			}
			if len(ack.Rejected) > 0 {
				return tot, fmt.Errorf("seed: hub rejected %d records, first seq %d: %s", len(ack.Rejected), ack.Rejected[0].Seq, ack.Rejected[0].Reason)
			}
			if ack.AckedSeq != entries[end-1].Seq {
				return tot, fmt.Errorf("seed: hub acked seq %d, sent up to %d", ack.AckedSeq, entries[end-1].Seq)
			}
		}
	}
	return tot, nil
}

type gen struct {
	rng    *rand.Rand
	pack   *levels.Pack
	kiosk  string
	school School
	now    time.Time
	seq    uint64
}

func (g *gen) hex(n int) string {
	const digits = "0123456789abcdef"
	var sb strings.Builder
	for range n * 2 {
		sb.WriteByte(digits[g.rng.IntN(16)])
	}
	return sb.String()
}

func (g *gen) pickBand() string {
	total := 0
	for _, w := range g.school.Bands {
		total += w
	}
	x := g.rng.IntN(max(total, 1))
	for _, b := range levels.Bands { // fixed order keeps the plan reproducible
		w := g.school.Bands[string(b)]
		if x < w {
			return string(b)
		}
		x -= w
	}
	return string(levels.BandJunior)
}

// skill is how likely a visitor of a band is to act right, so the charts
// show the differences an office would look for.
var skill = map[string]float64{"primary": 0.62, "junior": 0.74, "senior": 0.82, "adult": 0.86}

// hard drugs are disguised ones that every band recognises less often.
var hard = map[string]float64{"milk_tea_powder": 0.55, "laughing_gas": 0.7, "opium": 0.85}

func (g *gen) next() uint64 { g.seq++; return g.seq }

// fnv32 is FNV-1a, a stable hash of an id.
func fnv32(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// entries makes days × perDay plays (±30 %) and a class visit on most days.
func (g *gen) entries(days, perDay int, tot *Totals) []record.Entry {
	var out []record.Entry
	china := time.FixedZone("CST", 8*3600)
	for d := days; d >= 1; d-- {
		day := g.now.In(china).AddDate(0, 0, -d)
		n := perDay*7/10 + g.rng.IntN(perDay*6/10+1)
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
			n /= 3
		}
		if g.rng.IntN(4) == 0 {
			students := 30 + g.rng.IntN(16)
			start := time.Date(day.Year(), day.Month(), day.Day(), 9+g.rng.IntN(6), 0, 0, 0, china).UTC()
			grade := []string{"初一", "初二", "初三", "四年级", "五年级", "六年级", "高一", "高二"}[g.rng.IntN(8)]
			out = append(out, record.Entry{Seq: g.next(), Kind: record.KindVisit, Visit: &record.Visit{
				ID: g.hex(16), KioskID: g.kiosk, Label: fmt.Sprintf("%s(%d)班", grade, 1+g.rng.IntN(9)),
				Students: students, Start: start, End: start.Add(50 * time.Minute)}})
			tot.Visits++
			tot.Students += students
		}
		for range n {
			start := time.Date(day.Year(), day.Month(), day.Day(), 8+g.rng.IntN(9), g.rng.IntN(60), 0, 0, china).UTC()
			p := g.play(start)
			out = append(out, record.Entry{Seq: g.next(), Kind: record.KindPlay, Play: p})
			tot.Plays++
			tot.ByBand[p.Band]++
			tot.BySchool[g.school.Code]++
			if p.End == record.EndCompleted {
				tot.Completed++
			}
		}
	}
	return out
}

func (g *gen) play(start time.Time) *record.Play {
	band := g.pickBand()
	lv := g.pack.LevelsFor(levels.Band(band))
	if len(lv) == 0 {
		lv = []string{g.pack.Levels[0].ID}
	}
	level := g.pack.Level(lv[g.rng.IntN(len(lv))])
	sk := skill[band]
	end := record.EndCompleted
	switch x := g.rng.Float64(); {
	case x < 0.08:
		end = record.EndAbandoned
	case x < 0.13:
		end = record.EndTimedOut
	}
	p := &record.Play{ID: g.hex(16), KioskID: g.kiosk, Source: record.SourceKiosk, ContentVersion: g.pack.Version,
		AppVersion: "1.0.0", Start: start, Duration: float64(140 + g.rng.IntN(120)), Band: band,
		Lang: "zh", Level: level.ID, Mode: string(level.Mode), End: end}
	if g.rng.IntN(12) == 0 {
		p.Lang = "en"
	}
	for _, d := range g.pack.Drugs {
		seen := 1 + g.rng.IntN(3)
		it := record.ItemOutcome{ID: d.ID, Kind: "drug", Seen: seen}
		h := 0.8 + 0.2*float64(fnv32(d.ID)%100)/100 // each drug its own difficulty
		if v, ok := hard[d.ID]; ok {
			h = v
		}
		for range seen {
			if g.rng.Float64() < sk*h+0.1 {
				it.Seized++
			} else {
				it.Missed++
			}
		}
		p.Items = append(p.Items, it)
		p.Score += 100 * it.Seized
	}
	for _, l := range g.pack.Lookalikes {
		seen := 1 + g.rng.IntN(2)
		it := record.ItemOutcome{ID: l.ID, Kind: "lookalike", Seen: seen}
		for range seen {
			if g.rng.Float64() > sk+0.08 {
				it.FalseAlarms++
			}
		}
		p.Items = append(p.Items, it)
	}
	if end == record.EndCompleted {
		p.BossCaught = g.rng.Float64() < sk
		p.Arrests = 1 + g.rng.IntN(4)
		for _, q := range level.PreQuestions {
			p.Answers = append(p.Answers, g.answer(q, "pre", sk-0.2))
		}
		for _, q := range level.PostQuestions {
			p.Answers = append(p.Answers, g.answer(q, "post", sk+0.05))
		}
	}
	return p
}

// answer picks a right option with probability chance, else a wrong one.
func (g *gen) answer(id, phase string, chance float64) record.Answer {
	a := record.Answer{Question: id, Phase: phase, Choice: -1}
	q := g.pack.Question(id)
	if q == nil {
		return a
	}
	want := g.rng.Float64() < chance
	var pick []int
	for i, o := range q.Options {
		if o.Correct == want {
			pick = append(pick, i)
		}
	}
	if len(pick) > 0 {
		a.Choice = pick[g.rng.IntN(len(pick))]
		a.Correct = want
	}
	return a
}
