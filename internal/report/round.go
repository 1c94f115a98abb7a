package report

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"pingce/internal/domain"
)

// RoundDocument is the bureau's report of one round (排名通报): every peer
// group ranked, the units × categories matrix, the items most units lose
// points on, the groups' average over the rounds and the bottom three. The
// pdf and xlsx packages write it.
type RoundDocument struct {
	Labels RoundLabels

	Title        string // 《…》2026-Q3 排名通报
	Round        string
	CatalogTitle string
	CatalogRef   string
	Date         string
	Bands        domain.Bands

	Groups     []RoundGroup
	Categories []RoundCategory // the matrix's columns: top-level categories
	// Matrix and CommonLosses cover the ranked units only: a draft's
	// unanswered items are no shortfall.
	Matrix       []MatrixLine
	CommonLosses []CommonLossLine
	// TrendRounds are the rounds of the trend, oldest first, ending with
	// Round; Trend has one series per group.
	TrendRounds []string
	Trend       []TrendSeries
	Bottom      []BottomLine
}

// RoundGroup is one peer group's ranking.
type RoundGroup struct {
	Name string
	Rows []RankLine
}

// RankLine is one unit's row of a ranking, in words and numbers.
type RankLine struct {
	Rank     string // "1", or "—" for a unit not ranked
	Unit     string
	Status   string
	Score    string // "" when not started
	Basis    string // 审定 / 自评
	Grade    string
	GapAbove string
	GapFirst string
	Change   string // "↑2", "↓1", "—", "" when not known
	Bottom   bool
	Band     domain.RateBand
	Rate     float64 // 0 to 1
	Ranked   bool
}

// RoundCategory names a matrix column.
type RoundCategory struct {
	ID, Title string
	Bonus     bool // a bonus category: its rate is against the bonus cap, and not banded
}

// MatrixLine is one unit's row of the matrix.
type MatrixLine struct {
	Unit  string
	Group string
	Rates []float64 // in Categories order; NaN where nothing applies
}

// CommonLossLine is one item of the 共性失分项.
type CommonLossLine struct {
	ItemID, Title     string
	Losing, Units     int
	AvgLoss, MaxLoss  float64
	Category, Max     string
	LosingShare       float64 // Losing / Units
	AvgLossText, Most string
}

// TrendSeries is one group's average score per round (NaN where no unit of
// the group was ranked).
type TrendSeries struct {
	Name   string
	Values []float64
}

// BottomLine is a unit in the last places of its group (末位).
type BottomLine struct {
	Group, Unit, Rank, Score string
}

// RoundLabels holds every fixed text of a round report.
type RoundLabels struct {
	TitleFormat                              string // %s catalog title, %s round
	Round, Catalog, Date, Bands              string
	BandsFormat                              string // %s green, %s yellow
	Ranking, Matrix, CommonLosses, Trend     string // section headings
	BottomList, NoBottom, Ungrouped          string
	Rank, Unit, Status, Score, Basis, Grade  string // ranking columns
	GapAbove, GapFirst, Change, Mark, Bottom string
	Item, Title, Losing, AvgLoss, MaxLoss    string // common-loss columns
	Group, Average                           string
	NoCommonLoss                             string
	Page                                     string // %d page, %d pages
	Statuses                                 map[domain.RankStatus]string
	Bases                                    map[domain.Basis]string
	SheetRanking, SheetMatrix, SheetTrend    string
	SheetLosses                              string
}

// ChineseRoundLabels are the default labels.
func ChineseRoundLabels() RoundLabels {
	return RoundLabels{
		TitleFormat: "《%s》%s 排名通报", Round: "评测周期", Catalog: "评测指标", Date: "通报日期", Bands: "得分率分档",
		BandsFormat: "绿 ≥ %s，黄 ≥ %s，其余为红",
		Ranking:     "同类编组排名", Matrix: "类目得分率矩阵", CommonLosses: "共性失分项", Trend: "各组平均分走势",
		BottomList: "末位单位（每组后三名）", NoBottom: "各组参与排名的单位不足四个，不列末位。", Ungrouped: "未编组",
		Rank: "名次", Unit: "单位", Status: "状态", Score: "得分", Basis: "依据", Grade: "等级",
		GapAbove: "与上一名差", GapFirst: "与第一名差", Change: "名次变化", Mark: "标记", Bottom: "末位",
		Item: "指标", Title: "名称", Losing: "失分单位", AvgLoss: "平均失分", MaxLoss: "最多失分",
		Group: "编组", Average: "平均分", NoCommonLoss: "本轮没有失分项。", Page: "第 %d 页 / 共 %d 页",
		Statuses: map[domain.RankStatus]string{domain.RankNotStarted: "未开始", domain.RankInProgress: "填报中",
			domain.RankSubmitted: "已提交", domain.RankReturned: "已退回", domain.RankApproved: "已审定"},
		Bases:        map[domain.Basis]string{domain.BasisApproved: "审定", domain.BasisSelf: "自评"},
		SheetRanking: "排名", SheetMatrix: "矩阵", SheetTrend: "趋势", SheetLosses: "共性失分项",
	}
}

// EnglishRoundLabels are the labels for readers of English.
func EnglishRoundLabels() RoundLabels {
	return RoundLabels{
		TitleFormat: "%s — ranking of %s", Round: "Round", Catalog: "Catalog", Date: "Date", Bands: "Bands",
		BandsFormat: "green ≥ %s, yellow ≥ %s, red below",
		Ranking:     "Ranking by peer group", Matrix: "Category score rates", CommonLosses: "Items most units lose points on", Trend: "Group averages by round",
		BottomList: "Bottom three of each group", NoBottom: "No group ranks more than three units.", Ungrouped: "Ungrouped",
		Rank: "Rank", Unit: "Unit", Status: "Status", Score: "Score", Basis: "Basis", Grade: "Grade",
		GapAbove: "Gap above", GapFirst: "Gap to 1st", Change: "Change", Mark: "Mark", Bottom: "bottom",
		Item: "Item", Title: "Title", Losing: "Units losing", AvgLoss: "Avg loss", MaxLoss: "Most lost",
		Group: "Group", Average: "Average", NoCommonLoss: "No item lost points this round.", Page: "Page %d of %d",
		Statuses: map[domain.RankStatus]string{domain.RankNotStarted: "not started", domain.RankInProgress: "in progress",
			domain.RankSubmitted: "submitted", domain.RankReturned: "returned", domain.RankApproved: "approved"},
		Bases:        map[domain.Basis]string{domain.BasisApproved: "approved", domain.BasisSelf: "self"},
		SheetRanking: "Ranking", SheetMatrix: "Matrix", SheetTrend: "Trend", SheetLosses: "Common losses",
	}
}

// RoundInput is what a round report is built from.
type RoundInput struct {
	Catalog *domain.Catalog
	Round   string
	Date    string
	// Groups is the round's ranking (domain.RankRound).
	Groups []domain.RankGroup
	// Results are the round's scored assessments (RoundService), for the
	// matrix and the common losses.
	Results []domain.RoundResult
	// History is the ranking of each earlier round, oldest first, for the
	// trend; the names are the rounds'.
	History      []RoundRanking
	Bands        domain.Bands
	Labels       *RoundLabels // nil: Chinese
	OnlyGroup    string       // when set, the report covers this group only
	CommonLosses int          // how many common-loss items to list; 0 for 20
}

// RoundRanking is the ranking of one round, for the trend.
type RoundRanking struct {
	Round  string
	Groups []domain.RankGroup
}

// BuildRound lays out the round report in words and numbers.
func BuildRound(in RoundInput) *RoundDocument {
	lb := ChineseRoundLabels()
	if in.Labels != nil {
		lb = *in.Labels
	}
	if in.Bands == (domain.Bands{}) {
		in.Bands = domain.DefaultBands
	}
	cat := in.Catalog
	doc := &RoundDocument{Labels: lb, Round: in.Round, CatalogTitle: cat.Title, CatalogRef: cat.Ref(), Date: in.Date, Bands: in.Bands}
	doc.Title = fmt.Sprintf(lb.TitleFormat, cat.Title, in.Round)
	inGroup := map[int64]string{}
	order := map[int64]int{} // ranked units, in report order
	for _, g := range in.Groups {
		if in.OnlyGroup != "" && g.Name != in.OnlyGroup {
			continue
		}
		name := g.Name
		if name == "" {
			name = lb.Ungrouped
		}
		rg := RoundGroup{Name: name}
		for _, r := range g.Rows {
			inGroup[r.Unit.ID] = name
			if r.Rank > 0 {
				order[r.Unit.ID] = len(order)
			}
			rg.Rows = append(rg.Rows, rankLine(lb, r))
			if r.Bottom {
				doc.Bottom = append(doc.Bottom, BottomLine{Group: name, Unit: r.Unit.Name, Rank: strconv.Itoa(r.Rank), Score: Num(r.Score)})
			}
		}
		doc.Groups = append(doc.Groups, rg)
	}
	for _, c := range cat.Categories {
		doc.Categories = append(doc.Categories, RoundCategory{ID: c.ID, Title: c.Title, Bonus: c.Bonus})
	}
	var results []domain.RoundResult
	for _, r := range in.Results {
		if _, ok := order[r.Unit.ID]; ok {
			results = append(results, r)
		}
	}
	sort.SliceStable(results, func(i, j int) bool { return order[results[i].Unit.ID] < order[results[j].Unit.ID] })
	m := domain.NewMatrix(cat, results)
	for _, row := range m.Rows {
		doc.Matrix = append(doc.Matrix, MatrixLine{Unit: row.Unit.Name, Group: inGroup[row.Unit.ID], Rates: row.Categories})
	}
	most := in.CommonLosses
	if most == 0 {
		most = 20
	}
	for i, cl := range domain.CommonLosses(cat, results) {
		if i == most {
			break
		}
		line := CommonLossLine{ItemID: cl.Item.ID, Title: cl.Item.Title, Losing: cl.Losing, Units: cl.Applicable,
			AvgLoss: cl.AvgLoss, MaxLoss: cl.MaxLoss, Max: Num(cl.Item.Max), AvgLossText: Num(cl.AvgLoss), Most: Num(cl.MaxLoss)}
		if cl.Applicable > 0 {
			line.LosingShare = float64(cl.Losing) / float64(cl.Applicable)
		}
		if c := cat.CategoryOf(cl.Item.ID); c != nil {
			line.Category = c.ID
		}
		doc.CommonLosses = append(doc.CommonLosses, line)
	}
	// Trend: each group's average ranked score per round.
	history := append(append([]RoundRanking(nil), in.History...), RoundRanking{Round: in.Round, Groups: in.Groups})
	for _, h := range history {
		doc.TrendRounds = append(doc.TrendRounds, h.Round)
	}
	for _, g := range doc.Groups {
		s := TrendSeries{Name: g.Name}
		for _, h := range history {
			s.Values = append(s.Values, groupAverage(h.Groups, g.Name, lb.Ungrouped))
		}
		doc.Trend = append(doc.Trend, s)
	}
	return doc
}

// groupAverage is the average score of the ranked units of the group, NaN
// when it ranked none.
func groupAverage(groups []domain.RankGroup, name, ungrouped string) float64 {
	for _, g := range groups {
		n := g.Name
		if n == "" {
			n = ungrouped
		}
		if n != name {
			continue
		}
		sum, k := 0.0, 0
		for _, r := range g.Rows {
			if r.Rank > 0 {
				sum += r.Score
				k++
			}
		}
		if k > 0 {
			return domain.Round2(sum / float64(k))
		}
	}
	return math.NaN()
}

func rankLine(lb RoundLabels, r domain.RankRow) RankLine {
	l := RankLine{Unit: r.Unit.Name, Status: lb.Statuses[r.Status], Rank: "—", Bottom: r.Bottom, Band: r.Band, Rate: r.Rate, Ranked: r.Rank > 0}
	if r.Status != domain.RankNotStarted {
		l.Score, l.Basis, l.Grade = Num(r.Score), lb.Bases[r.Basis], r.Grade
	}
	if r.Rank > 0 {
		l.Rank = strconv.Itoa(r.Rank)
		if r.Rank > 1 || r.GapFirst > 0 {
			l.GapAbove, l.GapFirst = Num(r.GapAbove), Num(r.GapFirst)
		}
	}
	if r.Change != nil {
		switch c := *r.Change; {
		case c > 0:
			l.Change = fmt.Sprintf("↑%d", c)
		case c < 0:
			l.Change = fmt.Sprintf("↓%d", -c)
		default:
			l.Change = "—"
		}
	}
	return l
}
