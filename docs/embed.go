// Package docs ships the administrator's guides with the binary: jixiao init
// writes them into the workspace it makes, so what init points to is there
// on a server that never saw the source.
package docs

import _ "embed"

// Unattended is docs/unattended.zh.md: the unattended set-up in Chinese.
//
//go:embed unattended.zh.md
var Unattended []byte

// UnattendedName is the file init writes it to.
const UnattendedName = "无人值守运行说明.md"
