package chart

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"sync"

	"github.com/klauspost/compress/zlib"
)

// encodePNG writes img as an 8-bit paletted PNG (filter None on every
// row, one IDAT chunk). image/png does the same for a paletted image, but
// compresses with compress/flate: klauspost/compress's level 1 is about
// twice as fast on these pictures (1181×803: 1.1 ms against 2.2 ms) for
// the same size (48.3 KB against 48.7 KB), and its writers are pooled.
// Every colour of a chart is opaque, so no tRNS chunk is written.
func encodePNG(buf *bytes.Buffer, img *image.Paletted) error {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	if w <= 0 || h <= 0 || len(img.Palette) == 0 || len(img.Palette) > 256 {
		return errors.New("chart: empty image or palette")
	}
	buf.WriteString("\x89PNG\r\n\x1a\n")
	var hdr [13]byte
	binary.BigEndian.PutUint32(hdr[0:], uint32(w))
	binary.BigEndian.PutUint32(hdr[4:], uint32(h))
	hdr[8], hdr[9] = 8, 3 // bit depth 8, colour type 3 (palette)
	chunk(buf, "IHDR", hdr[:])

	pal := make([]byte, 0, 3*len(img.Palette))
	for _, c := range img.Palette {
		r, g, b, _ := c.RGBA()
		pal = append(pal, byte(r>>8), byte(g>>8), byte(b>>8))
	}
	chunk(buf, "PLTE", pal)

	// IDAT: the length is patched once the compressed size is known.
	start := buf.Len()
	buf.Write([]byte{0, 0, 0, 0})
	buf.WriteString("IDAT")
	zw := zlibPool.Get().(*zlib.Writer)
	defer zlibPool.Put(zw)
	zw.Reset(buf)
	row := make([]byte, w+1) // row[0] is the filter type: None
	for y := 0; y < h; y++ {
		o := img.PixOffset(img.Rect.Min.X, img.Rect.Min.Y+y)
		copy(row[1:], img.Pix[o:o+w])
		if _, err := zw.Write(row); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	b := buf.Bytes()
	binary.BigEndian.PutUint32(b[start:], uint32(len(b)-start-8))
	var crc [4]byte
	binary.BigEndian.PutUint32(crc[:], crc32.ChecksumIEEE(b[start+4:]))
	buf.Write(crc[:])
	chunk(buf, "IEND", nil)
	return nil
}

// chunk writes one PNG chunk: length, type, data, CRC of type and data.
func chunk(buf *bytes.Buffer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	buf.Write(n[:])
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	buf.WriteString(typ)
	buf.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	buf.Write(n[:])
}

var zlibPool = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return w
}}
