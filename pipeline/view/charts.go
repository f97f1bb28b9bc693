package view

import (
	"math"

	"github.com/jixiao/jixiao/pipeline/chart"
	"github.com/jixiao/jixiao/pipeline/compute"
	"github.com/jixiao/jixiao/pipeline/word"
)

// chartWidthPx prints sharp at 15 cm (200 dpi).
const chartWidthPx = 1181

// AddCharts renders the two charts (预算执行图, 指标完成图) into d as PNG
// images 15 cm wide, from the same chart.Spec the PDF draws. A chart with
// more bars than one figure holds becomes several images under one tag.
func AddCharts(d word.Data, ev *compute.Evaluation) error {
	for name, spec := range map[string]chart.Spec{"预算执行图": chart.Budget(ev), "指标完成图": chart.Indicators(ev)} {
		var imgs []word.Image
		for _, part := range chart.Split(spec, chart.PerFigure) {
			hPt := chart.SuggestHeight(part, chart.DesignWidth)
			hPx := int(math.Ceil(hPt * chartWidthPx / chart.DesignWidth))
			png, err := chart.PNG(part, chartWidthPx, hPx)
			if err != nil {
				return err
			}
			imgs = append(imgs, word.Image{PNG: png, WidthCM: 15, HeightCM: 15 * hPt / chart.DesignWidth, Name: part.Title})
		}
		if len(imgs) == 1 {
			imgs[0].Name = name
			d[name] = imgs[0]
		} else {
			d[name] = imgs
		}
	}
	return nil
}
