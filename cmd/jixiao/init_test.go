package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/jixiao/jixiao/docs"
	"github.com/jixiao/jixiao/pipeline/config"
	"github.com/jixiao/jixiao/samples"
	"github.com/jixiao/jixiao/templates"
)

func TestInitMakesAWorkspaceAndRefusesToOverwrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "绩效工作区")
	if got := run([]string{"init", dir}); got != exitOK {
		t.Fatalf("exit %d", got)
	}
	for _, d := range []string{"inbox", "processing", "done", "failed", "out"} {
		if fi, err := os.Stat(filepath.Join(dir, d)); err != nil || !fi.IsDir() {
			t.Errorf("%s missing", d)
		}
	}
	tpl, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(config.TemplateFile)))
	if !bytes.Equal(tpl, templates.DefaultReport) {
		t.Error("the template is not the default report")
	}
	blank, _ := os.ReadFile(filepath.Join(dir, samples.BlankName))
	if !bytes.Equal(blank, samples.Blank) {
		t.Error("the blank workbook is missing")
	}
	// What init points to (the unattended guide) is there, not only in
	// the source tree.
	if guide, _ := os.ReadFile(filepath.Join(dir, docs.UnattendedName)); !bytes.Equal(guide, docs.Unattended) || len(guide) == 0 {
		t.Error("the unattended guide is missing from the workspace")
	}
	cfg, err := config.Load(filepath.Join(dir, config.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.TemplatePath() != filepath.Join(dir, filepath.FromSlash(config.TemplateFile)) {
		t.Errorf("template path %s", cfg.TemplatePath())
	}
	// The clerk's edits survive a second init.
	p := filepath.Join(dir, config.FileName)
	os.WriteFile(p, []byte("workers: 1\n"), 0o644)
	if got := run([]string{"init", dir}); got != exitFatal {
		t.Fatalf("second init: exit %d", got)
	}
	if b, _ := os.ReadFile(p); string(b) != "workers: 1\n" {
		t.Fatal("the configuration was overwritten")
	}
	// The workspace works with the template it wrote.
	copyTo(t, sampleWB, filepath.Join(dir, "inbox", "a.xlsx"))
	os.WriteFile(p, []byte("settle: 50ms\ntemplate: "+config.TemplateFile+"\n"), 0o644)
	if got := run([]string{"run", "--config", p}); got != exitOK {
		t.Fatalf("run in the new workspace: exit %d", got)
	}
}
