// Package config reads the workspace configuration of the unattended mode
// (jixiao.yaml): where the inbox and the outputs are, how many workers, the
// watch schedule, the scoring weights of the locality (mapped onto
// compute.Config) and who gets the report by email over which SMTP server.
//
// Sample is the commented file `jixiao init` writes; its comments are in
// Chinese for the office's administrator. Unknown keys are an error, so a
// typo never silently falls back to a default.
package config
