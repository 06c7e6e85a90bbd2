// Copyright 2026 Playhall. Not part of upstream Ebitengine: see PATCHES.md.

//go:build !linux || android

package graphics

// exactInternalImageSize: other platforms keep upstream's power-of-two
// textures (untested here with exact sizes).
const exactInternalImageSize = false
