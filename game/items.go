package game

import (
	"fmt"

	"github.com/playhall/playhall/levels"
)

// ItemInfo is one drug or look-alike a level can spawn.
type ItemInfo struct {
	ID    string
	Kind  ItemKind
	Icon  string // levels.Icon.Shape: how the renderer draws it
	Shape int    // index into the game's Shapes
}

// LevelItems lists the drugs and look-alikes lv's waves name, each once, in
// order of first appearance (wave by wave: its drugs, then its look-alikes),
// and appends shape(icon) to shapes for each, so a game's item table and hit
// shapes are built the same way in every game. An id p does not have is an
// error wrapping errLevel that names the wave. The order is part of every
// recorded replay hash (entities store item and shape indices).
func LevelItems(p *levels.Pack, lv *levels.Level, shapes []Shape, shape func(icon string) Shape, errLevel error) ([]ItemInfo, []Shape, error) {
	var items []ItemInfo
	add := func(id string, k ItemKind, icon string) {
		if ItemIndex(items, id, k) >= 0 {
			return
		}
		shapes = append(shapes, shape(icon))
		items = append(items, ItemInfo{ID: id, Kind: k, Icon: icon, Shape: len(shapes) - 1})
	}
	for wi, w := range lv.Waves {
		for _, id := range w.Drugs {
			d := p.Drug(id)
			if d == nil {
				return nil, nil, fmt.Errorf("%w: level %q wave %d: unknown drug %q", errLevel, lv.ID, wi+1, id)
			}
			add(id, Drug, d.Icon.Shape)
		}
		for _, id := range w.Lookalikes {
			l := p.Lookalike(id)
			if l == nil {
				return nil, nil, fmt.Errorf("%w: level %q wave %d: unknown look-alike %q", errLevel, lv.ID, wi+1, id)
			}
			add(id, Lookalike, l.Icon.Shape)
		}
	}
	return items, shapes, nil
}

// ItemIndex returns the position of the item with id and kind k, or -1.
func ItemIndex(items []ItemInfo, id string, k ItemKind) int {
	for i := range items {
		if items[i].ID == id && items[i].Kind == k {
			return i
		}
	}
	return -1
}
