// Package zipx is what the two writers of OOXML packages (pipeline/word
// for the report, pipeline/checked for the 核查版) share: a pooled deflate
// compressor at the fastest level (klauspost/compress: the parts written
// are small, and a new compress/flate writer allocates about 1 MB), and
// copying a part of a package held in memory still compressed, which
// zip.Writer.Copy does with a new 32 KB buffer for every part.
package zipx
