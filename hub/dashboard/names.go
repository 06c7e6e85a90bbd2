package dashboard

import (
	"encoding/json"
	"net/http"
	"sync"

	"github.com/playhall/playhall/levels"
)

// namesPath is where the pages read display names for the ids reports carry.
const namesPath = "/static/names.json"

// names is the JSON the pages use to show drug, look-alike and level names
// instead of ids: {"drugs": {id: {"zh","en"}}, "lookalikes": {...},
// "levels": {...}}. It comes from the embedded default content pack; an id
// the pack does not know (a custom pack) is shown as the id itself.
type names struct {
	Drugs      map[string]levels.Text `json:"drugs"`
	Lookalikes map[string]levels.Text `json:"lookalikes"`
	Levels     map[string]levels.Text `json:"levels"`
}

var (
	namesOnce sync.Once
	namesJSON []byte
)

// buildNames encodes the default pack's names once. A broken default pack
// (which the levels tests prevent) gives empty maps, never an error page.
func buildNames() []byte {
	namesOnce.Do(func() {
		n := names{Drugs: map[string]levels.Text{}, Lookalikes: map[string]levels.Text{}, Levels: map[string]levels.Text{}}
		if p, err := levels.Default(); err == nil && p != nil {
			for _, d := range p.Drugs {
				n.Drugs[d.ID] = d.Name
			}
			for _, l := range p.Lookalikes {
				n.Lookalikes[l.ID] = l.Name
			}
			for _, l := range p.Levels {
				n.Levels[l.ID] = l.Title
			}
		}
		namesJSON, _ = json.Marshal(n)
	})
	return namesJSON
}

func serveNames(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "public, max-age=3600")
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(buildNames())
}
