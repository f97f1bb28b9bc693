package chart

import (
	"fmt"
	"strings"

	"github.com/jixiao/jixiao/pipeline/compute"
	"github.com/jixiao/jixiao/pipeline/num"
)

// Kind says how a Spec is drawn.
type Kind int

const (
	// Grouped draws one bar per series per category (预算执行图).
	Grouped Kind = iota
	// Completion draws one bar per category against a reference line at
	// Ref, bars longer than Cap cut with a break mark (指标完成图).
	Completion
)

// Spec is the data of one chart, independent of how it is drawn.
type Spec struct {
	Title string
	Kind  Kind
	// Unit names the value axis ("万元", "%").
	Unit string
	// Categories are the full category names (one per bar or bar group).
	Categories []string
	Series     []Series
	// Notes is a display string per category shown at the right end of
	// the row (the 执行率 of a budget row), or nil.
	Notes     []string
	NoteTitle string // heading of the Notes column ("执行率")
	// Ref is the reference line (1 = 100 %) for Completion; 0 for none.
	Ref float64
	// Cap is the largest value drawn at full length (1.5 = 150 %); longer
	// bars stop there and are marked as cut. 0 for no cap.
	Cap float64
	// Legend names what the colours mean for Completion charts
	// ("已完成", "未完成"); Grouped charts use the series names.
	Legend []string
	// Empty is the sentence shown when there is nothing to draw.
	Empty string
}

// Series is one set of bars.
type Series struct {
	Name string
	// Values size the bars only; Valid false means no bar.
	Values []float64
	Valid  []bool
	// Labels are the figures written at the bars (num display strings).
	Labels []string
	// Short marks bars drawn in the shortfall colour (not achieved).
	Short []bool
}

// Len is the number of categories.
func (s Spec) Len() int { return len(s.Categories) }

func fundName(label string) string {
	l := strings.TrimSpace(label)
	for _, p := range []string{"其中：", "其中:", "其中"} {
		if strings.HasPrefix(l, p) && len(l) > len(p) {
			return strings.TrimSpace(l[len(p):])
		}
	}
	return l
}

func val(o num.Opt) (float64, bool) {
	f, ok := o.Float()
	if !ok {
		return 0, false
	}
	if f < 0 {
		f = 0
	}
	return f, true
}

// Budget is the 预算执行图: 全年预算数 and 全年执行数 per fund row of the
// evaluation, then per project (its 年度资金总额 row), with the 执行率 as
// the row's note. Rows with neither figure above zero are left out.
func Budget(ev *compute.Evaluation) Spec {
	s := Spec{
		Title:     "预算执行情况",
		Kind:      Grouped,
		Unit:      "万元",
		NoteTitle: "执行率",
		Empty:     "无预算执行数据",
		Series: []Series{
			{Name: "全年预算数"},
			{Name: "全年执行数"},
		},
	}
	add := func(name string, f compute.Fund) {
		if !f.Budget.Positive() && !f.Executed.Positive() {
			return // nothing to draw: the table shows the row
		}
		s.Categories = append(s.Categories, name)
		s.Notes = append(s.Notes, num.Percent(f.Rate))
		for i, o := range []num.Opt{f.Budget, f.Executed} {
			v, ok := val(o)
			sr := &s.Series[i]
			sr.Values = append(sr.Values, v)
			sr.Valid = append(sr.Valid, ok)
			sr.Labels = append(sr.Labels, num.Money(o))
			sr.Short = append(sr.Short, false)
		}
	}
	if ev == nil {
		return s
	}
	for _, f := range ev.Funds {
		add(fundName(f.Label), f)
	}
	if len(ev.Projects) > 1 || !ev.FromProject {
		for _, p := range ev.Projects {
			if len(p.Funds) > 0 {
				add(p.Name, p.Funds[0])
			}
		}
	}
	return s
}

// Indicators is the 指标完成图: the 完成率 of every quantitative indicator
// of the evaluation (qualitative rows have none), bars capped at 150 % with
// the true rate written beside them, a line at 100 %, and the indicators
// that missed their target (得分 below 分值) in the shortfall colour.
func Indicators(ev *compute.Evaluation) Spec {
	s := Spec{
		Title:  "绩效指标完成情况",
		Kind:   Completion,
		Unit:   "%",
		Ref:    1,
		Cap:    1.5,
		Legend: []string{"已完成", "未完成"},
		Empty:  "无定量指标",
		Series: []Series{{Name: "完成率"}},
	}
	if ev == nil {
		return s
	}
	sr := &s.Series[0]
	for _, in := range ev.Indicators {
		if in.Qualitative || !in.Completion.Valid {
			continue
		}
		v, _ := val(in.Completion)
		s.Categories = append(s.Categories, strings.TrimSpace(in.Name))
		sr.Values = append(sr.Values, v)
		sr.Valid = append(sr.Valid, true)
		sr.Labels = append(sr.Labels, num.Percent(in.Completion))
		sr.Short = append(sr.Short, !in.Achieved)
	}
	return s
}

// PerFigure is the most bars one figure holds: a chart of 30 rows fills
// about half an A4 page at a readable size.
const PerFigure = 30

// Split cuts a chart with more than per categories into figures of at most
// per each, titled "…（1/3）", so that a department with 300 indicators gets
// several figures that each fit a page instead of one that fits nothing.
func Split(s Spec, per int) []Spec {
	n := s.Len()
	if per <= 0 || n <= per {
		return []Spec{s}
	}
	parts := (n + per - 1) / per
	out := make([]Spec, 0, parts)
	for i := 0; i < parts; i++ {
		lo, hi := i*per, min(n, (i+1)*per)
		p := s
		p.Title = fmt.Sprintf("%s（%d/%d）", s.Title, i+1, parts)
		p.Categories = s.Categories[lo:hi]
		if s.Notes != nil {
			p.Notes = s.Notes[lo:hi]
		}
		p.Series = make([]Series, len(s.Series))
		for k, sr := range s.Series {
			p.Series[k] = Series{Name: sr.Name, Values: part(sr.Values, lo, hi), Valid: part(sr.Valid, lo, hi),
				Labels: part(sr.Labels, lo, hi), Short: part(sr.Short, lo, hi)}
		}
		out = append(out, p)
	}
	return out
}

func part[T any](xs []T, lo, hi int) []T {
	if len(xs) < hi {
		return nil
	}
	return xs[lo:hi]
}
