package kiosk

import (
	"fmt"
	"image/color"
	"slices"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/playhall/playhall/assets/art"
	"github.com/playhall/playhall/assets/sounds"
	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/kiosk/config"
	"github.com/playhall/playhall/kiosk/flow"
	"github.com/playhall/playhall/levels"
)

// staffUI is the hidden staff menu: the PIN pad, then the menu, and the
// touch test page. While it is open the visitor flow is frozen; closing it
// returns the kiosk to its attract screen.
type staffUI struct {
	a       *App
	open    bool
	page    string // "pad", "menu", "touch"
	pad     flow.PINPad
	verdict chan bool
	btns    []staffBtn
	idle    int
	touches map[int][2]float64
	trail   [][2]float64
	sound   int
	grade   int
	class   int
	count   int
	msg     string
	set     *staffSettings // the menu's lasting changes (settings.go)
}

type staffBtn struct {
	r     flow.Rect
	label string
	act   func()
	on    bool // drawn highlighted
}

var grades = []string{"四年级", "五年级", "六年级", "初一", "初二", "初三", "高一", "高二", "高三", "中职"}

// The visit pickers' values on a fresh start: 初二(3)班, 40 students.
const defaultGrade, defaultClass, defaultCount = 4, 3, 40

func newStaffUI(a *App) *staffUI {
	return &staffUI{a: a, touches: map[int][2]float64{},
		pad:   flow.PINPad{MaxTries: a.cfg.Staff.MaxTries, LockTicks: int(a.cfg.Staff.LockFor.Seconds() * game.TPS)},
		grade: defaultGrade, class: defaultClass, count: defaultCount, set: &staffSettings{logf: a.logf}}
}

func (s *staffUI) openPad() {
	s.open, s.page, s.idle, s.msg = true, "pad", 0, ""
	s.pad.Digits = s.pad.Digits[:0]
	s.a.logf("staff: PIN pad opened")
}

func (s *staffUI) close() {
	s.open = false
	s.a.m.Reset()
	s.a.logf("staff: menu closed")
}

func (s *staffUI) now() int { return s.a.ticks }

// update handles one tick of input while the menu is open.
func (s *staffUI) update(evs []game.PointerEvent) {
	s.idle++
	if len(evs) > 0 {
		s.idle = 0
	}
	if s.page != "touch" && s.idle > int(s.a.cfg.Staff.MenuIdle.Seconds()*game.TPS) {
		s.close()
		return
	}
	if s.verdict != nil {
		select {
		case ok := <-s.verdict:
			s.verdict = nil
			if s.pad.Verdict(s.now(), ok) {
				s.page = "menu"
				s.a.logf("staff: menu unlocked")
			} else {
				s.msg = fmt.Sprintf("PIN 不对 · Wrong PIN (%d/%d)", s.pad.Tries(), s.pad.MaxTries)
				s.a.logf("staff: wrong PIN (%d/%d)", s.pad.Tries(), s.pad.MaxTries)
				if l, _ := s.pad.Locked(s.now()); l {
					s.a.logf("staff: PIN pad locked after %d wrong tries", s.pad.MaxTries)
				}
			}
		default:
		}
	}
	s.layout()
	for _, e := range evs {
		if s.page == "touch" {
			switch e.Kind {
			case game.Down, game.Move:
				s.touches[e.ID] = [2]float64{e.X, e.Y}
				s.trail = append(s.trail, [2]float64{e.X, e.Y})
				if len(s.trail) > 400 {
					s.trail = s.trail[len(s.trail)-400:]
				}
			case game.Up:
				delete(s.touches, e.ID)
			}
		}
		if e.Kind != game.Down {
			continue
		}
		for _, b := range s.btns {
			if b.r.Contains(e.X, e.Y, 8) {
				if s.page == "pad" {
					s.a.logf("staff: pad key %q", b.label)
				}
				b.act()
				s.a.snd.play(sounds.Tap)
				return
			}
		}
	}
}

func (s *staffUI) submit() {
	pin := s.pad.Submit(s.now())
	if pin == "" {
		return
	}
	hash := s.a.cfg.Staff.PINHash
	ch := make(chan bool, 1)
	s.verdict = ch
	if !s.a.opt.VirtualStart.IsZero() {
		// Harness runs (replay, autoplay) check at once so a run is the
		// same whatever the machine's load.
		ch <- config.CheckPIN(hash, pin)
		return
	}
	go func() { ch <- config.CheckPIN(hash, pin) }() // bcrypt: off the game loop
}

// layout builds the current page's buttons.
func (s *staffUI) layout() {
	c := s.a.canvas
	s.btns = s.btns[:0]
	add := func(r flow.Rect, label string, on bool, act func()) {
		s.btns = append(s.btns, staffBtn{r: r, label: label, act: act, on: on})
	}
	switch s.page {
	case "pad":
		kw, kh, gap := 200.0, 130.0, 20.0
		x0 := c.W/2 - (3*kw+2*gap)/2
		y0 := c.H/2 - 260
		keys := "123456789<0>"
		for i, k := range keys {
			r := rectOf(x0+float64(i%3)*(kw+gap), y0+float64(i/3)*(kh+gap), kw, kh)
			switch k {
			case '<':
				add(r, "删除 Del", false, func() { s.pad.Press(s.now(), '<') })
			case '>':
				add(r, "OK", true, s.submit)
			default:
				k := byte(k)
				add(r, string(k), false, func() { s.pad.Press(s.now(), k) })
			}
		}
		add(rectOf(c.W/2-160, y0+4*(kh+gap)+10, 320, 120), "取消 Cancel", false, s.close)
	case "touch":
		add(rectOf(c.W-flow.Margin-320, flow.Margin, 320, 130), "返回 Back", true, func() { s.page = "menu"; clear(s.touches); s.trail = nil })
	case "menu":
		s.menuButtons(add)
	}
}

func (s *staffUI) menuButtons(add func(flow.Rect, string, bool, func())) {
	a := s.a
	c := a.canvas
	x0, y0 := 900.0, 60.0
	if c.Portrait() {
		x0, y0 = float64(flow.Margin), 880
	}
	cols := 3
	bh, gap := 120.0, 24.0
	bw := (c.W - x0 - flow.Margin - float64(cols-1)*gap) / float64(cols)
	cell := func(col, row int) flow.Rect {
		return rectOf(x0+float64(col)*(bw+gap), y0+float64(row)*(bh+gap), bw, bh)
	}
	i := 0
	next := func() flow.Rect { r := cell(i%cols, i/cols); i++; return r }
	add(next(), "关闭菜单 Close", true, s.close)
	o := s.set.o
	add(next(), fmt.Sprintf("音量 - (%.0f%%)", a.volume*100)+staffMark(o.Volume != nil), false, func() { s.setVolume(a.volume - 0.1) })
	add(next(), "音量 + Volume", false, func() { s.setVolume(a.volume + 0.1) })
	add(next(), onOff("静音时段 Quiet hours", !a.quietOff)+staffMark(o.QuietHours != nil), !a.quietOff, s.toggleQuiet)
	add(next(), "声音测试 Sound test", false, func() {
		fx := []sounds.ID{sounds.Seize, sounds.Arrest, sounds.Bump, sounds.Harm, sounds.BossHorn, sounds.Fanfare}
		id := fx[s.sound%len(fx)]
		s.sound++
		a.snd.play(id)
		s.msg = "播放 playing: " + id.String() + " · audio " + a.snd.status
	})
	add(next(), "触摸测试 Touch test", false, func() { s.page = "touch" })
	add(next(), "重新载入内容 Reload", false, func() {
		a.content.requestReload()
		s.msg = "内容检查中 checking content…"
	})
	add(next(), onOff("帧率 FPS overlay", a.showFPS), a.showFPS, func() { a.showFPS = !a.showFPS })
	for _, b := range a.cfg.Bands() {
		b := b
		add(next(), flow.BandNames[b].Zh+" 关卡: "+s.currentLevel(b)+staffMark(s.overridden(b)), false, func() { s.cycleLevel(b) })
	}
	add(next(), "年级 "+grades[s.grade]+" ▶", false, func() { s.grade = (s.grade + 1) % len(grades); s.savePicks() })
	add(next(), fmt.Sprintf("班级 (%d)班 +", s.class), false, func() { s.class = s.class%30 + 1; s.savePicks() })
	add(next(), fmt.Sprintf("人数 - (%d)", s.count), false, func() { s.count = max(1, s.count-5); s.savePicks() })
	add(next(), "人数 + Students", false, func() { s.count = min(record500, s.count+5); s.savePicks() })
	visitOpen := a.plog != nil && a.plog.CurrentVisit() != nil
	if visitOpen {
		add(next(), "结束参观 End visit", true, func() {
			if _, err := a.plog.EndVisit(); err != nil {
				s.msg = "visit: " + err.Error()
			}
		})
	} else {
		add(next(), "开始参观 Start visit", false, func() {
			if a.plog == nil {
				s.msg = "play log not open"
				return
			}
			label := fmt.Sprintf("%s(%d)班", grades[s.grade], s.class)
			if _, err := a.plog.StartVisit(label, s.count); err != nil {
				s.msg = "visit: " + err.Error()
				return
			}
			a.logf("staff: visit %s with %d students started", label, s.count)
		})
	}
	add(next(), "恢复 kiosk.toml Reset", false, s.reset)
	if a.cfg.Staff.AllowExit {
		add(next(), "退出程序 Exit", false, func() {
			a.logf("staff: exit")
			a.exitErr = ErrExit
			a.quitting = true
		})
	}
}

const record500 = 500

func onOff(label string, on bool) string {
	if on {
		return label + ": 开 on"
	}
	return label + ": 关 off"
}

// currentLevel is the level a visitor of band gets: the staff's choice,
// else kiosk.toml's, else the pack's (the first the pack in use holds, as
// the flow picks it).
func (s *staffUI) currentLevel(b levels.Band) string {
	return s.firstInPack(s.set.o.Playlist[string(b)], s.a.cfg.Playlist[string(b)], s.packLevels(b))
}

// overridden reports whether the staff's choice is the level band gets.
func (s *staffUI) overridden(b levels.Band) bool {
	ids := s.set.o.Playlist[string(b)]
	return len(ids) > 0 && s.firstInPack(ids) == s.currentLevel(b)
}

// baseLevel is the level band gets without the staff's choice.
func (s *staffUI) baseLevel(b levels.Band) string {
	return s.firstInPack(s.a.cfg.Playlist[string(b)], s.packLevels(b))
}

func (s *staffUI) packLevels(b levels.Band) []string {
	if p := s.a.content.pack; p != nil {
		return p.LevelsFor(b)
	}
	return nil
}

// firstInPack is the first id of the lists the pack in use holds, "-" if none.
func (s *staffUI) firstInPack(lists ...[]string) string {
	p := s.a.content.pack
	for _, ids := range lists {
		for _, id := range ids {
			if p == nil || p.Level(id) != nil {
				return id
			}
		}
	}
	return "-"
}

// cycleLevel makes the next level of the pack the band's first choice.
func (s *staffUI) cycleLevel(b levels.Band) {
	p := s.a.content.pack
	if p == nil || len(p.Levels) == 0 {
		return
	}
	var ids []string
	for _, l := range p.Levels {
		if len(l.Bands) == 0 || slices.Contains(l.Bands, b) {
			ids = append(ids, l.ID)
		}
	}
	if len(ids) == 0 {
		return
	}
	cur := s.currentLevel(b)
	i := (slices.Index(ids, cur) + 1) % len(ids)
	o := s.set.o.Clone()
	if ids[i] == s.baseLevel(b) {
		delete(o.Playlist, string(b)) // back to kiosk.toml's choice
		if len(o.Playlist) == 0 {
			o.Playlist = nil
		}
	} else {
		if o.Playlist == nil {
			o.Playlist = map[string][]string{}
		}
		o.Playlist[string(b)] = []string{ids[i]}
	}
	s.set.set(o)
	s.a.applySettings()
	s.a.logf("staff: playlist %s → %s", b, ids[i])
}

// setVolume sets the master volume (kept on whole percents); kiosk.toml's
// own value clears the override.
func (s *staffUI) setVolume(v float64) {
	v = roundVolume(v)
	o := s.set.o.Clone()
	o.Volume = &v
	if v == s.a.cfg.Sound.Volume {
		o.Volume = nil
	}
	s.set.set(o)
	s.a.applySettings()
	s.a.logf("staff: volume %.0f%%", v*100)
}

// toggleQuiet switches kiosk.toml's quiet hours off or back on.
func (s *staffUI) toggleQuiet() {
	o := s.set.o.Clone()
	if s.a.quietOff {
		o.QuietHours = nil // on, as kiosk.toml says
	} else {
		off := false
		o.QuietHours = &off
	}
	s.set.set(o)
	s.a.applySettings()
	s.a.logf("staff: quiet hours %s", map[bool]string{true: "on", false: "off"}[!s.a.quietOff])
}

// savePicks keeps the visit pickers for today.
func (s *staffUI) savePicks() {
	o := s.set.o.Clone()
	o.Visit = &config.VisitPicks{Day: wallDay(), Grade: grades[s.grade], Class: s.class, Students: s.count}
	s.set.set(o)
}

// reset drops every staff override: kiosk.toml's values again, the visit
// pickers back to their defaults, settings.toml removed. An open visit
// stays open (End visit ends it).
func (s *staffUI) reset() {
	if s.set.o.Empty() && len(s.set.notices) == 0 {
		s.msg = "没有工作人员设置 nothing to reset: kiosk.toml values in use"
		return
	}
	s.set.set(config.Overrides{})
	s.set.notices = nil
	s.a.applySettings()
	s.grade, s.class, s.count = defaultGrade, defaultClass, defaultCount
	s.msg = "已恢复 kiosk.toml 的设置 · reset to kiosk.toml"
	s.a.logf("staff: settings reset to kiosk.toml")
}

// staffMark marks a value the staff set over kiosk.toml.
func staffMark(over bool) string {
	if over {
		return " *"
	}
	return ""
}

// info returns the status lines shown on the menu's left.
func (s *staffUI) info() []string {
	a := s.a
	lines := []string{
		"展项 Kiosk: " + a.cfg.Kiosk.Name + "   " + versionLine(),
	}
	if a.plog != nil {
		st := a.plog.Status()
		lines = append(lines,
			fmt.Sprintf("今日游玩 Plays today: %d", st.TodayPlays),
			fmt.Sprintf("待同步 Backlog: %d   已存 stored: %d", st.Backlog, st.Records))
		lines = append(lines, st.Warnings()...)
		if st.Visit != nil {
			lines = append(lines, fmt.Sprintf("参观 Visit: %s, %d 人", st.Visit.Label, st.Visit.Students))
		}
	} else {
		lines = append(lines, "播放记录未打开 Play log not open")
	}
	lines = append(lines, "同步 Sync: "+a.syncState())
	lines = append(lines, "内容 Content: "+a.content.version())
	if a.content.err != "" {
		lines = append(lines, "内容错误 Content error: "+strings.SplitN(a.content.err, "\n", 2)[0])
	}
	lines = append(lines, "声音 Audio: "+a.snd.status)
	quiet := "none"
	if len(a.cfg.Sound.QuietHours) > 0 {
		var qs []string
		for _, q := range a.cfg.Sound.QuietHours {
			qs = append(qs, q.String())
		}
		quiet = strings.Join(qs, ", ")
	}
	if a.quietOff {
		quiet += " (关 off)"
	}
	o := s.set.o
	vol := fmt.Sprintf("%.0f%%", a.volume*100)
	if o.Volume != nil {
		vol += fmt.Sprintf(" * (kiosk.toml %.0f%%)", a.cfg.Sound.Volume*100)
	}
	lines = append(lines, fmt.Sprintf("音量 Volume %s  静音时段 Quiet %s%s", vol, quiet, staffMark(o.QuietHours != nil)))
	lines = append(lines, fmt.Sprintf("卡住的触点 Stuck touches: %d", a.m.StuckPointers()))
	lines = append(lines, s.settingsLines()...)
	if s.msg != "" {
		lines = append(lines, s.msg)
	}
	return lines
}

// settingsLines say where the marked (*) values come from and what went
// wrong with the settings file.
func (s *staffUI) settingsLines() []string {
	var lines []string
	if !s.set.o.Empty() {
		l := "* 工作人员设置, 重启后不保留 staff setting, lost at restart"
		if s.set.path != "" {
			l = "* 工作人员设置, 重启后保留 staff setting, kept in " + s.set.path
		}
		lines = append(lines, l)
	}
	for i, n := range s.set.notices {
		if i == maxNotices {
			lines = append(lines, fmt.Sprintf("设置 Settings: %d more in the log", len(s.set.notices)-maxNotices))
			break
		}
		lines = append(lines, "设置 Settings: "+n)
	}
	if err := s.set.lastSaveErr(); err != nil {
		lines = append(lines, "设置未保存 Settings not saved: "+firstLine(err))
	}
	return lines
}

func (s *staffUI) draw(dst *ebiten.Image) {
	v := s.a.view
	c := s.a.canvas
	v.gradient(dst, rectOf(0, 0, c.W, c.H), color.RGBA{0x08, 0x14, 0x22, 0xF0}, color.RGBA{0x08, 0x14, 0x22, 0xF8})
	switch s.page {
	case "pad":
		v.text(dst, "工作人员 · Staff", c.W/2, c.H/2-470, 60, true, art.White, center, center)
		dots := strings.Repeat("●", len(s.pad.Digits)) + strings.Repeat("○", max(0, 4-len(s.pad.Digits)))
		v.text(dst, dots, c.W/2, c.H/2-375, 64, true, art.Gold, center, center)
		msg := s.msg
		if l, left := s.pad.Locked(s.now()); l {
			msg = fmt.Sprintf("已锁定 Locked: %d s", (left+game.TPS-1)/game.TPS)
		} else if s.pad.Checking {
			msg = "…"
		}
		v.text(dst, msg, c.W/2, c.H/2-305, 36, false, color.RGBA{0xFF, 0xB0, 0xA0, 0xFF}, center, center)
	case "touch":
		v.text(dst, "触摸测试 Touch test — 每个触点都会画出 · every pointer is drawn", flow.Margin, flow.Margin+60, 40, true, art.White, start, center)
		for _, p := range s.trail {
			v.circle(dst, p[0], p[1], 6, color.RGBA{0x6A, 0xB0, 0xFF, 0xA0})
		}
		for id, p := range s.touches {
			v.circle(dst, p[0], p[1], 60, art.Alpha(art.Gold, 0.6))
			v.text(dst, fmt.Sprintf("#%d  %.0f,%.0f", id, p[0], p[1]), p[0], p[1]-90, 34, true, art.White, center, center)
		}
	case "menu":
		x, y, w := float64(flow.Margin+12), 80.0, 800.0
		if c.Portrait() {
			w = c.W - 2*flow.Margin - 24
		}
		v.text(dst, "工作人员菜单 Staff menu", x, y, 56, true, art.Gold, start, center)
		y += 70
		for _, l := range s.info() {
			y = v.paragraph(dst, l, x, y, 32, w, false, art.White, start) + 8
		}
	}
	for _, b := range s.btns {
		fill := color.RGBA{0x22, 0x3A, 0x55, 0xFF}
		col := art.White
		if b.on {
			fill, col = art.Gold, ink
		}
		v.panel(dst, b.r, 20, fill, color.RGBA{0x9F, 0xB7, 0xCC, 0xFF})
		x, y := b.r.Center()
		size := 40.0
		if s.page == "pad" && len(b.label) <= 2 {
			size = 64
		}
		v.text(dst, b.label, x, y, fitSize(b.label, size, b.r.W-24), true, col, center, center)
	}
}

// fitSize shrinks size until s fits in width.
func fitSize(s string, size, width float64) float64 {
	for size > 18 {
		w, _ := art.Measure(s, size, true)
		if w <= width {
			return size
		}
		size -= 2
	}
	return size
}
