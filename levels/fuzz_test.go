package levels

import (
	"testing"
	"testing/fstest"
)

// FuzzLoad feeds arbitrary bytes to the loader as one of a pack's files
// (the others are the valid minimal pack), so both the decoder and the
// cross-file validation run on it. Loading must never panic, must return a
// pack or at least one error, and every problem must name a file.
func FuzzLoad(f *testing.F) {
	base := minimalFS(f, nil)
	for _, name := range []string{"drugs.toml", "levels.toml", "questions.toml", "story.toml"} {
		f.Add(name, string(base[name].Data))
	}
	f.Fuzz(func(t *testing.T, name, src string) {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		switch name {
		case "drugs.toml", "lookalikes.toml", "questions.toml", "levels.toml", "playlists.toml", "story.toml":
		default:
			name = "extra.toml"
		}
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
		p, probs := recoverLoad(t, fsys)
		if p == nil && !HasErrors(probs) {
			t.Fatalf("no pack and no error: %v", probs)
		}
		if p != nil && HasErrors(probs) {
			t.Fatalf("a pack despite errors: %v", probs)
		}
		for _, pr := range probs {
			if pr.File == "" || pr.Msg == "" {
				t.Fatalf("problem without file or message: %+v", pr)
			}
			if pr.Line < 0 || pr.Col < 0 {
				t.Fatalf("negative position: %+v", pr)
			}
		}
	})
}

// recoverLoad calls the loader's validation without its panic guard, so the
// fuzzer sees a panic as a failure instead of as a reported problem.
func recoverLoad(t *testing.T, fsys fstest.MapFS) (*Pack, []Problem) {
	t.Helper()
	files, err := readFiles(fsys)
	if err != nil {
		t.Fatal(err)
	}
	l := &loader{files: files, pack: &Pack{Version: contentVersion(files)}}
	l.decode()
	l.validate()
	if HasErrors(l.probs) {
		return nil, l.probs
	}
	return l.pack, l.probs
}
