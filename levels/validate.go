package levels

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Ranges and limits the validator enforces. README.md (Editing content) lists
// them for staff; keep the two in step.
var (
	idPattern    = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,39}$`)
	colorPattern = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)
)

const (
	maxIconColors  = 4
	maxLabelRunes  = 6
	minOptions     = 2
	maxOptions     = 6
	minLevelSecs   = 30
	maxLevelSecs   = 300
	minEvery       = 0.2
	maxEvery       = 30
	minSpeed       = 10
	maxSpeed       = 1000
	maxTraffickers = 50
	maxShare       = 0.8
)

// knob is one difficulty setting: its range and the value used when the
// key is absent.
type knob struct {
	key      string
	min, max float64
	def      float64
	get      func(*Difficulty) float64
	set      func(*Difficulty, float64)
}

var knobs = []knob{
	{"health", 1, 10, 3, func(d *Difficulty) float64 { return float64(d.Health) }, func(d *Difficulty, v float64) { d.Health = int(v) }},
	{"touch_radius", 0, 120, 24, func(d *Difficulty) float64 { return d.TouchRadius }, func(d *Difficulty, v float64) { d.TouchRadius = v }},
	{"speed_scale", 0.25, 3, 1, func(d *Difficulty) float64 { return d.SpeedScale }, func(d *Difficulty, v float64) { d.SpeedScale = v }},
	{"boss_hits", 1, 30, 8, func(d *Difficulty) float64 { return float64(d.BossHits) }, func(d *Difficulty, v float64) { d.BossHits = int(v) }},
	{"cue_seconds", 0.5, 10, 3, func(d *Difficulty) float64 { return d.CueSeconds }, func(d *Difficulty, v float64) { d.CueSeconds = v }},
	{"harm_card_seconds", 0.5, 5, 2, func(d *Difficulty) float64 { return d.HarmCardSecs }, func(d *Difficulty, v float64) { d.HarmCardSecs = v }},
}

func (l *loader) validate() {
	p := l.pack
	drugIDs := l.ids("drug", len(p.Drugs), func(i int) string { return p.Drugs[i].ID }, l.drugAt)
	lookIDs := l.ids("look-alike", len(p.Lookalikes), func(i int) string { return p.Lookalikes[i].ID }, l.lookAt)
	questionIDs := l.ids("question", len(p.Questions), func(i int) string { return p.Questions[i].ID }, l.questionAt)
	levelIDs := l.ids("level", len(p.Levels), func(i int) string { return p.Levels[i].ID }, l.levelAt)
	for id, i := range lookIDs {
		if j, ok := drugIDs[id]; ok {
			l.errAt(l.lookAt[i], []string{"id"}, "id %q is already a drug's id (%s); items need distinct ids", id, l.where(l.drugAt[j]))
		}
	}
	for i := range p.Drugs {
		l.drug(l.drugAt[i], &p.Drugs[i])
	}
	for i := range p.Lookalikes {
		l.lookalike(l.lookAt[i], &p.Lookalikes[i], drugIDs)
	}
	for i := range p.Questions {
		l.question(l.questionAt[i], &p.Questions[i], drugIDs)
	}
	for i := range p.Levels {
		l.level(l.levelAt[i], &p.Levels[i], drugIDs, lookIDs, questionIDs)
	}
	l.playlists(levelIDs)
	l.story()
	if len(p.Drugs) == 0 {
		l.errAt(packWide, nil, "the pack has no [[drug]]; at least one is needed")
	}
	if len(p.Levels) == 0 {
		l.errAt(packWide, nil, "the pack has no [[level]]; at least one is needed")
	}
}

// ids checks each id's form and uniqueness and returns id -> position.
func (l *loader) ids(kind string, n int, id func(int) string, at []origin) map[string]int {
	seen := make(map[string]int, n)
	for i := 0; i < n; i++ {
		v := id(i)
		switch {
		case v == "":
			l.errAt(at[i], []string{"id"}, "missing: every %s needs an id (lower-case letters, digits, _ or -)", kind)
			continue
		case !idPattern.MatchString(v):
			l.errAt(at[i], []string{"id"}, "%q is not a valid id: use 1-40 lower-case letters, digits, _ or -, starting with a letter or digit", v)
		}
		if j, dup := seen[v]; dup {
			l.errAt(at[i], []string{"id"}, "duplicate %s id %q (first defined at %s)", kind, v, l.where(at[j]))
			continue
		}
		seen[v] = i
	}
	return seen
}

func (l *loader) drug(o origin, d *Drug) {
	switch d.Category {
	case CategoryTraditional, CategorySynthetic, CategoryNPS, CategoryOther:
	case "":
		l.errAt(o, []string{"category"}, "missing: expected traditional, synthetic, nps or other")
	default:
		l.errAt(o, []string{"category"}, "%q is not a category: expected traditional, synthetic, nps or other", d.Category)
	}
	l.icon(o, d.Icon)
	l.text(o, []string{"name"}, d.Name, limName)
	l.text(o, []string{"looks"}, d.Looks, limCard)
	l.text(o, []string{"harm"}, d.Harm, limHarm)
	for _, b := range sortedBands(d.HarmByBand) {
		if !b.Valid() {
			l.errAt(o, []string{"harm_by_band", string(b)}, "%q is not an age band: expected primary, junior, senior or adult", b)
			continue
		}
		l.text(o, []string{"harm_by_band", string(b)}, d.HarmByBand[b], limHarm)
	}
	l.text(o, []string{"cue"}, d.Cue, limCard)
	l.text(o, []string{"refuse"}, d.Refuse, limCard)
	if d.Legal.Zh != "" || d.Legal.En != "" {
		l.text(o, []string{"legal"}, d.Legal, limHarm)
	} else if d.Category == CategoryOther {
		l.errAt(o, []string{"legal"}, "missing: a drug in category \"other\" needs a legal note saying how the law treats it")
	}
	l.sources(o, d.Sources, "a drug needs at least one source URL for its facts")
}

func sortedBands(m map[Band]Text) []Band {
	out := make([]Band, 0, len(m))
	for b := range m {
		out = append(out, b)
	}
	slices.Sort(out)
	return out
}

func (l *loader) sources(o origin, srcs []string, why string) {
	if len(srcs) == 0 {
		l.errAt(o, []string{"sources"}, "missing: %s", why)
		return
	}
	for i, s := range srcs {
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			l.errAt(o, []string{"sources", strconv.Itoa(i)}, "%q is not a web address: expected http:// or https:// followed by a host", s)
		}
	}
}

func (l *loader) icon(o origin, ic Icon) {
	switch {
	case ic.Shape == "":
		l.errAt(o, []string{"icon", "shape"}, "missing: expected one of %s", strings.Join(IconShapes, ", "))
	case !slices.Contains(IconShapes, ic.Shape):
		l.errAt(o, []string{"icon", "shape"}, "%q is not an icon shape: expected one of %s", ic.Shape, strings.Join(IconShapes, ", "))
	}
	if len(ic.Colors) < 1 || len(ic.Colors) > maxIconColors {
		l.errAt(o, []string{"icon", "colors"}, "expected 1 to %d colours like \"#A0522D\", found %d", maxIconColors, len(ic.Colors))
	}
	for i, c := range ic.Colors {
		if !colorPattern.MatchString(c) {
			l.errAt(o, []string{"icon", "colors", strconv.Itoa(i)}, "%q is not a colour: expected \"#RRGGBB\"", c)
		}
	}
	if n := len([]rune(ic.Label)); n > maxLabelRunes {
		l.warnAt(o, []string{"icon", "label"}, "%d characters will not fit on the icon (at most %d)", n, maxLabelRunes)
	}
	l.glyphs(o, []string{"icon", "label"}, ic.Label)
}

func (l *loader) lookalike(o origin, a *Lookalike, drugs map[string]int) {
	switch {
	case a.Resembles == "":
		l.errAt(o, []string{"resembles"}, "missing: expected the id of the drug this look-alike resembles")
	default:
		if _, ok := drugs[a.Resembles]; !ok {
			l.errAt(o, []string{"resembles"}, "no drug has id %q", a.Resembles)
		}
	}
	switch a.CueKind {
	case "packaging", "who", "where":
	case "":
		l.errAt(o, []string{"cue_kind"}, "missing: expected packaging, who or where")
	default:
		l.errAt(o, []string{"cue_kind"}, "%q is not a cue kind: expected packaging, who or where", a.CueKind)
	}
	l.icon(o, a.Icon)
	l.text(o, []string{"name"}, a.Name, limName)
	l.text(o, []string{"safe_cue"}, a.SafeCue, limCard)
	if smokes(a) {
		l.errAt(o, []string{"name"}, "a look-alike is shown as safe, and cigarettes and e-cigarettes are never safe for young visitors: choose another everyday twin")
	}
}

// smokeWords name cigarettes, e-cigarettes and tobacco in either language.
var smokeWords = []string{"香烟", "电子烟", "烟弹", "卷烟", "雪茄", "烟草", "烟斗", "cigar", "vape", "e-cig", "tobacco"}

// smokes reports whether a look-alike is a cigarette, an e-cigarette or
// tobacco by its name, or drawn as a vape cartridge.
func smokes(a *Lookalike) bool {
	if a.Icon.Shape == "cartridge" {
		return true
	}
	name := strings.ToLower(a.Name.Zh + " " + a.Name.En)
	for _, w := range smokeWords {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

func (l *loader) bands(o origin, key string, bs []Band) {
	if len(bs) == 0 {
		l.errAt(o, []string{key}, "missing: expected one or more of primary, junior, senior, adult")
	}
	seen := map[Band]bool{}
	for i, b := range bs {
		switch {
		case !b.Valid():
			l.errAt(o, []string{key, strconv.Itoa(i)}, "%q is not an age band: expected primary, junior, senior or adult", b)
		case seen[b]:
			l.errAt(o, []string{key, strconv.Itoa(i)}, "band %q is listed twice", b)
		}
		seen[b] = true
	}
}

func (l *loader) refs(o origin, key []string, ids []string, known map[string]int, kind string) {
	for i, id := range ids {
		if _, ok := known[id]; !ok {
			l.errAt(o, append(append([]string(nil), key...), strconv.Itoa(i)), "no %s has id %q", kind, id)
		}
	}
}

func (l *loader) question(o origin, q *Question, drugs map[string]int) {
	l.bands(o, "bands", q.Bands)
	l.text(o, []string{"prompt"}, q.Prompt, limPrompt)
	l.refs(o, []string{"drugs"}, q.Drugs, drugs, "drug")
	if n := len(q.Options); n < minOptions || n > maxOptions {
		l.errAt(o, []string{"options"}, "expected %d to %d options, found %d", minOptions, maxOptions, n)
	}
	correct := 0
	for i, op := range q.Options {
		k := []string{"options", strconv.Itoa(i)}
		if op.Correct {
			correct++
		}
		l.text(o, append(k, "text"), op.Text, limOption)
		l.text(o, append(k, "why"), op.Why, limWhy)
	}
	if len(q.Options) > 0 && correct != 1 {
		l.errAt(o, []string{"options"}, "expected exactly one option with correct = true, found %d", correct)
	}
}

func (l *loader) level(o origin, lv *Level, drugs, looks, questions map[string]int) {
	switch lv.Mode {
	case ModeShooter, ModeSort:
	case "":
		l.errAt(o, []string{"mode"}, "missing: expected shooter or sort")
	default:
		l.errAt(o, []string{"mode"}, "%q is not a mode: expected shooter or sort", lv.Mode)
	}
	l.bands(o, "bands", lv.Bands)
	if lv.Duration < minLevelSecs || lv.Duration > maxLevelSecs {
		l.errAt(o, []string{"duration"}, "expected %d to %d seconds, found %g", minLevelSecs, maxLevelSecs, lv.Duration)
	}
	l.text(o, []string{"title"}, lv.Title, limTitle)
	l.text(o, []string{"intro"}, lv.Intro, limStory)
	if lv.Outro.Zh != "" || lv.Outro.En != "" {
		l.text(o, []string{"outro"}, lv.Outro, limStory)
	}
	l.difficulty(o, &lv.Difficulty)
	l.waves(o, lv, drugs, looks)
	for _, qk := range []struct {
		key string
		ids []string
		pre bool
	}{{"pre_questions", lv.PreQuestions, true}, {"post_questions", lv.PostQuestions, false}} {
		for i, id := range qk.ids {
			k := []string{qk.key, strconv.Itoa(i)}
			qi, ok := questions[id]
			if !ok {
				l.errAt(o, k, "no question has id %q", id)
				continue
			}
			q := &l.pack.Questions[qi]
			if qk.pre && !q.PrePlay {
				l.errAt(o, k, "question %q is not marked pre_play = true, so it cannot be asked before play", id)
			}
			if !overlaps(q.Bands, lv.Bands) {
				l.warnAt(o, k, "question %q is for bands %v, none of which play this level (%v)", id, q.Bands, lv.Bands)
			}
		}
	}
}

func overlaps(a, b []Band) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

func (l *loader) difficulty(o origin, d *Difficulty) {
	x := l.idx[o.file]
	for _, k := range knobs {
		key := append(append([]string(nil), o.key...), "difficulty", k.key)
		if !x.Has(key) {
			k.set(d, k.def)
			continue
		}
		if v := k.get(d); v < k.min || v > k.max {
			l.errAt(o, []string{"difficulty", k.key}, "expected %g to %g, found %g", k.min, k.max, v)
		}
	}
}

func (l *loader) waves(o origin, lv *Level, drugs, looks map[string]int) {
	if len(lv.Waves) == 0 {
		l.errAt(o, []string{"waves"}, "missing: a level needs at least one [[level.waves]]")
		return
	}
	anyLook := false
	for i, w := range lv.Waves {
		k := func(s string) []string { return []string{"waves", strconv.Itoa(i), s} }
		wk := []string{"waves", strconv.Itoa(i)}
		if w.At < 0 || (lv.Duration > 0 && w.At >= lv.Duration) {
			l.errAt(o, k("at"), "expected 0 to less than the level's duration (%g s), found %g", lv.Duration, w.At)
		}
		if i > 0 && w.At < lv.Waves[i-1].At {
			l.errAt(o, k("at"), "waves must be in time order: this one starts at %g s, before the previous one (%g s)", w.At, lv.Waves[i-1].At)
		}
		if w.Duration <= 0 {
			l.errAt(o, k("duration"), "expected more than 0 seconds, found %g", w.Duration)
		} else if lv.Duration > 0 && w.At+w.Duration > lv.Duration+1e-9 {
			l.errAt(o, k("duration"), "the wave ends at %g s, after the level's %g s", w.At+w.Duration, lv.Duration)
		}
		if w.Every < minEvery || w.Every > maxEvery {
			l.errAt(o, k("every"), "expected %g to %g seconds between spawns, found %g", float64(minEvery), float64(maxEvery), w.Every)
		}
		if w.Speed < minSpeed || w.Speed > maxSpeed {
			l.errAt(o, k("speed"), "expected %d to %d px/s, found %g", minSpeed, maxSpeed, w.Speed)
		}
		if w.Traffickers < 0 || w.Traffickers > maxTraffickers {
			l.errAt(o, k("traffickers"), "expected 0 to %d, found %d", maxTraffickers, w.Traffickers)
		}
		if w.LookalikeShare < 0 || w.LookalikeShare > maxShare {
			l.errAt(o, k("lookalike_share"), "expected 0 to %g, found %g", maxShare, w.LookalikeShare)
		}
		if len(w.Drugs) == 0 {
			l.errAt(o, wk, "drugs: missing: a wave needs at least one drug id")
		}
		l.refs(o, k("drugs"), w.Drugs, drugs, "drug")
		l.refs(o, k("lookalikes"), w.Lookalikes, looks, "look-alike")
		if w.LookalikeShare > 0 && len(w.Lookalikes) == 0 {
			l.errAt(o, k("lookalike_share"), "is %g but the wave lists no lookalikes", w.LookalikeShare)
		}
		if len(w.Lookalikes) > 0 {
			anyLook = true
		}
		last := i == len(lv.Waves)-1
		switch lv.Mode {
		case ModeShooter:
			if w.Boss && !last {
				l.errAt(o, k("boss"), "only the last wave of a shooter level may bring the boss")
			}
			if last && !w.Boss {
				l.errAt(o, wk, "boss: the last wave of a shooter level must have boss = true")
			}
		case ModeSort:
			if w.Traffickers != 0 {
				l.errAt(o, k("traffickers"), "a sort level has no traffickers: expected 0, found %d", w.Traffickers)
			}
			if w.Boss {
				l.errAt(o, k("boss"), "a sort level has no boss: expected false")
			}
		}
	}
	if lv.Mode == ModeSort && !anyLook {
		l.errAt(o, []string{"waves"}, "a sort level needs look-alikes in at least one wave")
	}
}

func (l *loader) playlists(levels map[string]int) {
	p := l.pack
	seen := map[Band]int{}
	for i, pl := range p.Playlists {
		o := l.playlistAt[i]
		switch {
		case !pl.Band.Valid():
			l.errAt(o, []string{"band"}, "%q is not an age band: expected primary, junior, senior or adult", pl.Band)
		default:
			if j, dup := seen[pl.Band]; dup {
				l.errAt(o, []string{"band"}, "band %q already has a playlist (%s)", pl.Band, l.where(l.playlistAt[j]))
			}
			seen[pl.Band] = i
		}
		if len(pl.Levels) == 0 {
			l.errAt(o, []string{"levels"}, "missing: expected one or more level ids, the default first")
		}
		for j, id := range pl.Levels {
			li, ok := levels[id]
			if !ok {
				l.errAt(o, []string{"levels", strconv.Itoa(j)}, "no level has id %q", id)
				continue
			}
			if pl.Band.Valid() && !slices.Contains(p.Levels[li].Bands, pl.Band) {
				l.warnAt(o, []string{"levels", strconv.Itoa(j)}, "level %q is not meant for band %q (its bands: %v)", id, pl.Band, p.Levels[li].Bands)
			}
		}
	}
	for _, b := range Bands {
		if _, ok := seen[b]; !ok {
			o := packWide
			if len(l.playlistAt) > 0 {
				o = origin{file: l.playlistAt[0].file}
			}
			l.warnAt(o, nil, "no [[playlist]] for band %q: kiosks will offer it every level", b)
		}
	}
}

func (l *loader) story() {
	if l.storyAt == nil {
		l.errAt(packWide, nil, "the pack has no [story] table (title, pages, pledge, sources)")
		return
	}
	o, s := *l.storyAt, &l.pack.Story
	l.text(o, []string{"title"}, s.Title, limTitle)
	if s.Subtitle.Zh != "" || s.Subtitle.En != "" {
		l.text(o, []string{"subtitle"}, s.Subtitle, limLine)
	}
	if len(s.Pages) == 0 {
		l.errAt(o, []string{"pages"}, "missing: expected at least one [[story.pages]]")
	}
	for i, pg := range s.Pages {
		l.text(o, []string{"pages", strconv.Itoa(i)}, pg, limStory)
	}
	l.text(o, []string{"pledge"}, s.Pledge, limLine)
	l.sources(o, s.Sources, "the story needs at least one source URL")
}
