// Package gametest builds small content packs and levels in Go for the game
// packages' tests, so a rule test states exactly the level it plays and does
// not change when the default pack's TOML is edited.
package gametest

import "github.com/playhall/playhall/levels"

// Pack returns a pack with three drugs (pills, powder_bag, leaf icons), two
// look-alikes (candy, sachet), the given levels and Version "test0000".
// It has no id index; Pack.Drug and the other lookups scan its slices.
func Pack(lv ...levels.Level) *levels.Pack {
	return &levels.Pack{
		Version: "test0000",
		Drugs: []levels.Drug{
			{ID: "meth", Name: levels.Text{Zh: "冰毒", En: "Meth"}, Icon: levels.Icon{Shape: "pills"}},
			{ID: "heroin", Name: levels.Text{Zh: "海洛因", En: "Heroin"}, Icon: levels.Icon{Shape: "powder_bag"}},
			{ID: "cannabis", Name: levels.Text{Zh: "大麻", En: "Cannabis"}, Icon: levels.Icon{Shape: "leaf"}},
		},
		Lookalikes: []levels.Lookalike{
			{ID: "rock_sugar", Resembles: "meth", Icon: levels.Icon{Shape: "candy"}},
			{ID: "shop_milk_tea", Resembles: "heroin", Icon: levels.Icon{Shape: "sachet"}},
		},
		Levels: lv,
	}
}

// Shooter returns a shooter level of duration seconds: one wave of drugs
// and look-alikes with traffickers, then a boss wave when boss is true.
func Shooter(duration float64, boss bool) levels.Level {
	l := levels.Level{
		ID: "test_shooter", Mode: levels.ModeShooter, Duration: duration,
		Difficulty: levels.Difficulty{Health: 3, TouchRadius: 20, SpeedScale: 1, BossHits: 5, HarmCardSecs: 2},
		Waves: []levels.Wave{{
			At: 0, Duration: duration * 0.6, Every: 1, Speed: 200, Traffickers: 4,
			Drugs: []string{"meth", "heroin", "cannabis"}, Lookalikes: []string{"rock_sugar", "shop_milk_tea"},
			LookalikeShare: 0.3,
		}},
	}
	if boss {
		l.Waves = append(l.Waves, levels.Wave{
			At: duration * 0.6, Duration: duration * 0.4, Every: 1, Speed: 240, Traffickers: 2,
			Drugs: []string{"meth", "heroin"}, Lookalikes: []string{"rock_sugar"}, LookalikeShare: 0.3, Boss: true,
		})
	}
	return l
}

// Sort returns a sort level of duration seconds: one wave, an item every
// 2 s, half of them look-alikes.
func Sort(duration float64) levels.Level {
	return levels.Level{
		ID: "test_sort", Mode: levels.ModeSort, Duration: duration,
		Difficulty: levels.Difficulty{TouchRadius: 30, SpeedScale: 1, CueSeconds: 1},
		Waves: []levels.Wave{{
			At: 0, Duration: duration, Every: 2, Speed: 120,
			Drugs: []string{"meth", "heroin"}, Lookalikes: []string{"rock_sugar", "shop_milk_tea"},
			LookalikeShare: 0.5,
		}},
	}
}
