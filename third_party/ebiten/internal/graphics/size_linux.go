// Copyright 2026 Playhall. Not part of upstream Ebitengine: see PATCHES.md.

//go:build linux && !android

package graphics

// exactInternalImageSize: on desktop Linux (OpenGL 3.2 core or ES 3.0,
// which take any texture size) a texture is the image's own size, not the
// next power of two, so a 1920×1080 screen is 8 MB of texture, not 16.
const exactInternalImageSize = true
