package demo

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"math/rand/v2"

	"pingce/internal/domain"
)

// answerSet answers the share of the unit's applicable items that sp asks
// for, and returns the items that get the Extras' evidence files.
func answerSet(c *domain.Catalog, unit domain.Unit, sp Spec, share float64, rng *rand.Rand) (*domain.AnswerSet, []string) {
	set := &domain.AnswerSet{Catalog: c.Ref(), Unit: domain.UnitRef{Name: unit.Name, Type: unit.Type}, Round: sp.Round,
		Answers: map[string]domain.Answer{}}
	var items []*domain.Item
	for _, it := range c.Items() {
		if it.AppliesToType(unit.Type) {
			items = append(items, it)
		}
	}
	loss := func(i int) int { // one in four loses a step
		if i%4 == 3 {
			return 1
		}
		return 0
	}
	if sp.Quality > 0 { // the rest lose one step or two, even odds
		loss = func(int) int {
			switch x := rng.Float64(); {
			case x < sp.Quality:
				return 0
			case x < (1+sp.Quality)/2:
				return 1
			}
			return 2
		}
	}
	full := share >= 1
	n := int(math.Round(float64(len(items)) * share))
	naDone, flagDone := !sp.Extras, !sp.Extras
	var files []string
	for i, it := range items {
		if !full {
			if sp.Quality == 0 { // every other item, spread over all categories
				if i%2 == 1 {
					continue
				}
				if i/2 >= n {
					break
				}
			} else if rng.Float64() >= share {
				continue
			}
		}
		ans := answer(it, i, loss)
		switch {
		case !naDone && !it.Bonus && !it.EvidenceRequired && i > 10:
			ans = domain.Answer{NA: true, Reason: "辖区内无此类场所，本项不适用。"}
			naDone = true
		case !flagDone && i > 4:
			ans.Flagged = true
			ans.Note = "数据口径与上级通报存在差异，申请复核。"
			flagDone = true
		}
		if it.EvidenceRequired && sp.Extras && len(files) < 2 {
			files = append(files, it.ID)
			ans.Note = ""
		} else if it.EvidenceRequired && ans.Note == "" {
			ans.Note = notes[i%len(notes)]
		}
		set.Answers[it.ID] = ans
	}
	return set, files
}

// notes are notes a unit would write.
var notes = []string{
	"已查阅相关台账，材料齐全，见附件。",
	"按季度统计，数据来源于警综平台。",
	"已召开专题会议部署，会议纪要存档备查。",
	"与街道综治中心联合开展，工作记录完整。",
	"部分材料仍在整理，下季度补齐。",
}

// answer returns a plausible answer to an item: full points when loss(i)
// is 0, one or two steps lower when it is 1 or 2.
func answer(it *domain.Item, i int, loss func(int) int) domain.Answer {
	var a domain.Answer
	if it.IsComposite() {
		a.Parts = map[string]domain.Answer{}
		for j, p := range it.Parts {
			a.Parts[p.ID] = answer(p, i+j, loss)
		}
	} else {
		l := loss(i)
		switch it.Method {
		case domain.MethodCheck:
			a.Met = domain.Bool(l == 0)
		case domain.MethodLevels:
			if len(it.Levels) > 0 {
				a.Level = it.Levels[min(l, len(it.Levels)-1)].Label
			}
		case domain.MethodNumeric:
			v := value(it, l)
			if it.Change {
				a.Baseline = domain.Float(200)
				v = math.Round(200*(1+v/100)*100) / 100
			}
			a.Value = domain.Float(v)
		case domain.MethodDeduct:
			a.Count = domain.Int(l)
		case domain.MethodCount:
			a.Count = domain.Int(max(1-l, 0))
		}
	}
	if i%3 == 0 {
		a.Note = notes[i%len(notes)]
	}
	return a
}

// value returns a numeric item's value (the percent change for change
// items): at the best band or target without loss, a band or two lower, or
// a little or well below the target, with a loss of 1 or 2.
func value(it *domain.Item, loss int) float64 {
	switch {
	case len(it.Bands) > 0:
		b := it.Bands[min(loss, len(it.Bands)-1)]
		if b.AtLeast != nil {
			return *b.AtLeast + 0.5
		}
		if b.AtMost != nil {
			return *b.AtMost - 0.5
		}
	case it.Linear != nil:
		f := 0.95 - 0.25*float64(loss)
		return math.Round((it.Linear.Zero+f*(it.Linear.Full-it.Linear.Zero))*10) / 10
	case it.Shortfall != nil:
		s := it.Shortfall
		gap := 2 * s.Step * float64(loss)
		if s.LowerIsBetter {
			return s.Target + gap
		}
		return s.Target - gap
	}
	return 0
}

// evidenceFile returns the i-th evidence file of the Extras: minutes of a
// meeting, then a photo.
func evidenceFile(unit domain.Unit, i int) (name string, data []byte) {
	if i%2 == 1 {
		return "巡防现场照片.png", photo()
	}
	return "党委会议纪要.txt", []byte(unit.Name + "党委会议纪要\n\n会议研究部署社会治安防控体系建设工作，明确责任分工。\n")
}

// photo draws a small picture standing in for a photo.
func photo() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for y := 0; y < 48; y++ {
		for x := 0; x < 64; x++ {
			img.Set(x, y, color.RGBA{R: uint8(40 + x*2), G: uint8(90 + y*2), B: 160, A: 255})
		}
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	return b.Bytes()
}
