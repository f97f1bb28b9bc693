// Package inbox is the workspace on disk: the folders a workbook travels
// through (inbox/ → processing/ → done/ or failed/), the rules for which
// files are workbooks and which are Office/WPS/LibreOffice lock and temp
// files to leave alone, the check that a file has finished being copied
// (size and modification time stable over an interval, and the file can be
// opened for writing, which fails on Windows while Explorer or an SMB client
// still writes it), moves that never overwrite, and the workspace lock that
// keeps two runs from overlapping.
//
// Files are only ever moved, never deleted.
package inbox
