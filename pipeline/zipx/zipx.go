package zipx

import (
	"archive/zip"
	"fmt"
	"io"
	"sync"

	"github.com/klauspost/compress/flate"
)

// Compressor is a deflate compressor for zip.Writer.RegisterCompressor:
// flate at BestSpeed, its writers pooled.
func Compressor(w io.Writer) (io.WriteCloser, error) {
	if fw, ok := pool.Get().(*flate.Writer); ok {
		fw.Reset(w)
		return pooled{fw}, nil
	}
	fw, err := flate.NewWriter(w, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	return pooled{fw}, nil
}

var pool sync.Pool

type pooled struct{ *flate.Writer }

func (p pooled) Close() error {
	err := p.Writer.Close()
	pool.Put(p.Writer)
	return err
}

// Raw is the compressed data of f, a part of the package data, as it is
// in data.
func Raw(data []byte, f *zip.File) ([]byte, error) {
	off, err := f.DataOffset()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	end := off + int64(f.CompressedSize64)
	if off < 0 || end < off || end > int64(len(data)) {
		return nil, fmt.Errorf("%s: part data outside the file", f.Name)
	}
	return data[off:end], nil
}

// CopyRaw is zw.Copy(f) for f a part of the package data: the part copied
// still compressed, from data.
func CopyRaw(zw *zip.Writer, data []byte, f *zip.File) error {
	raw, err := Raw(data, f)
	if err != nil {
		return err
	}
	fh := f.FileHeader
	w, err := zw.CreateRaw(&fh)
	if err != nil {
		return err
	}
	_, err = w.Write(raw)
	return err
}
