package report

import "strings"

// Labels holds every fixed text a report prints. ChineseLabels is the
// default; EnglishLabels is offered for reviewers who do not read Chinese.
type Labels struct {
	TitleFormat string // report title; %s is the catalog title
	Unit        string
	UnitType    string
	Round       string
	Catalog     string
	Version     string
	Source      string
	Date        string
	Status      string

	FinalScore string // 最终得分
	Total      string // 满分
	Percent    string // 得分率
	Grade      string // 等级
	Raw        string // 基础项得分
	Applicable string // 适用满分
	Scaled     string // 折算得分
	Bonus      string // 加分
	Answered   string // 已作答
	BandGrade  string // 分数段等级
	SelfScore  string // 自评分
	Reviewed   string // 核定分
	// ReviewedGrade heads the item grade by the reviewer's points (xlsx).
	ReviewedGrade string

	Notices        string // heading of the veto and cap notices
	NoNotice       string // printed when nothing was triggered
	VetoFormat     string // %s id, %s title, %s grade
	CapCatFormat   string // %s categories ("A 标题、B 标题"), %s ratio, %s grade
	CapCatsFormat  string // %s category ids ("A、B、C、D"), %d how many, %s ratio, %s grade
	CapItemFormat  string // %s item id, %s title, %s grade
	CapOpenFormat  string // the cap of an item not answered yet (nothing lost yet): %s id, %s title, %s grade
	ReviewedPrefix string // put before notices of the reviewed score

	Summary          string // section headings
	Chart            string
	Shortfalls       string
	NoShortfall      string
	ItemGrades       string // summary line: 逐项等级
	ItemGradeCount   string // %s grade, %d items: "优秀 25 项"
	GradeSep         string // between the counts: "、"
	BelowTop         string // heading of the items below the top grade
	NoBelowTop       string
	Detail           string
	Excluded         string
	NoExcluded       string
	Signatures       string
	Category         string // column headings
	ID               string
	Item             string
	Answer           string
	Score            string
	Max              string
	Rate             string
	Lost             string
	Remarks          string
	No               string // 序号
	AppliesTo        string
	Requirement      string
	Note             string
	NAReason         string
	Evidence         string
	OriginalName     string // before an evidence file's name as given, when it is stored cleaned
	ReviewNote       string
	Flagged          string
	BonusMark        string // marks a bonus item or category
	RateLine         string // legend of the rate threshold in the chart
	Sheet            string // xlsx: summary sheet name
	SheetDetail      string // xlsx: detail sheet name
	SheetShort       string // xlsx: shortfall sheet name
	SheetBelowTop    string // xlsx: sheet of the items below the top grade
	TotalRow         string // xlsx: the totals row
	ItemStatus       string // xlsx: item status column
	Page             string // footer; %d page, %d pages
	Preparer         string // signature block
	Head             string
	Reviewer         string
	SignDate         string
	BlankDate        string // printed when the date is left to be filled by hand
	YesWord, NoWord  string // check answers
	Unanswered       string
	NA               string
	NAFull           string // a N/A counted as full marks (catalog na: full)
	ExcludedWord     string
	CountFormat      string // %s count
	ChangeFormat     string // %s value, %s baseline, %s change
	StatusWords      map[string]string
	AssessmentStatus map[string]string // draft, submitted, returned, approved in words
	BaseWord         string            // xlsx: kind of a base item
	BonusWord        string            // xlsx: kind of a bonus item
	Colon            string            // between a label and its text: "：" or ": "
	ListSep          string            // between the items of a list: "；" or "; "
	Enum             string            // between the names of an enumeration: "、" or ", "
	Review           ReviewLabels      // the vetoes and the 审核意见 section (review.go)
	Shapes           ShapeLabels       // category adjustments, veto effects, N/A counted (shapes.go)
	Peers            PeerLabels        // figures that wait for the round, what the round decided (roundrules.go)
}

// ChineseLabels returns the labels of a Chinese report (the default).
func ChineseLabels() Labels {
	return Labels{
		TitleFormat: "《%s》自评报告",
		Unit:        "填报单位",
		UnitType:    "单位类型",
		Round:       "评测周期",
		Catalog:     "评测指标",
		Version:     "指标版本",
		Source:      "指标来源",
		Date:        "报告日期",
		Status:      "状态",

		FinalScore:    "最终得分",
		Total:         "满分",
		Percent:       "得分率",
		Grade:         "等级",
		Raw:           "基础项得分",
		Applicable:    "适用项满分",
		Scaled:        "折算得分",
		Bonus:         "加分",
		Answered:      "已作答",
		BandGrade:     "分数段等级",
		SelfScore:     "自评分",
		Reviewed:      "核定分",
		ReviewedGrade: "核定等级",

		Notices:        "否决与封顶",
		NoNotice:       "未触发一票否决或等级封顶。",
		VetoFormat:     "一票否决：%s %s。等级为“%s”。",
		CapCatFormat:   "等级封顶：%s 得分率低于 %s，等级最高为“%s”。",
		CapCatsFormat:  "等级封顶：%s 等 %d 个一级指标得分率低于 %s，等级最高为“%s”。",
		CapItemFormat:  "等级封顶：%s %s 失分，等级最高为“%s”。",
		CapOpenFormat:  "等级封顶：%s %s 尚未作答，若失分，等级最高为“%s”。",
		ReviewedPrefix: "（核定）",

		Summary:        "一、得分汇总",
		Chart:          "一级指标得分率",
		Shortfalls:     "二、失分项（按失分从多到少）",
		NoShortfall:    "无失分项。",
		ItemGrades:     "逐项等级",
		ItemGradeCount: "%s %d 项",
		GradeSep:       "、",
		BelowTop:       "未达最高等级的指标（按失分从多到少）",
		NoBelowTop:     "所有指标均达到最高等级。",
		Detail:         "三、逐项明细",
		Excluded:       "四、不适用于本单位类型的指标",
		NoExcluded:     "无。",
		Signatures:     "七、签字",
		Review:         chineseReviewLabels(),
		Shapes:         chineseShapeLabels(),
		Peers:          chinesePeerLabels(),
		Category:       "指标类别",
		ID:             "编号",
		Item:           "指标",
		Answer:         "自评情况",
		Score:          "得分",
		Max:            "满分",
		Rate:           "得分率",
		Lost:           "失分",
		Remarks:        "说明",
		No:             "序号",
		AppliesTo:      "适用单位类型",
		Requirement:    "要求",
		Note:           "备注",
		NAReason:       "不适用理由",
		Evidence:       "佐证材料",
		OriginalName:   "原名",
		ReviewNote:     "审核意见",
		Flagged:        "待复核",
		BonusMark:      "（加分项）",
		RateLine:       "60% 线",
		Sheet:          "汇总",
		SheetDetail:    "明细",
		SheetShort:     "短板",
		SheetBelowTop:  "未达最高等级",
		TotalRow:       "合计",
		ItemStatus:     "状态",
		Page:           "第 %d 页 / 共 %d 页",
		Preparer:       "填报人",
		Head:           "单位负责人",
		Reviewer:       "审核人",
		SignDate:       "日期",
		BlankDate:      "　　年　　月　　日",
		YesWord:        "是",
		NoWord:         "否",
		Unanswered:     "未作答",
		NA:             "不适用",
		NAFull:         "不适用（按满分计）",
		ExcludedWord:   "不适用于本单位类型",
		CountFormat:    "%s 次",
		ChangeFormat:   "本期 %s，基期 %s，变化 %s",
		BaseWord:       "基础项",
		BonusWord:      "加分项",
		AssessmentStatus: map[string]string{
			"draft": "草稿", "submitted": "已提交", "returned": "已退回", "approved": "已审核通过",
		},
		Colon:   "：",
		ListSep: "；",
		Enum:    "、",
		StatusWords: map[string]string{
			"answered": "已作答", "unanswered": "未作答", "na": "不适用", "excluded": "不适用于本单位类型",
		},
	}
}

// EnglishLabels returns the labels of an English report.
func EnglishLabels() Labels {
	return Labels{
		TitleFormat: "Self-assessment report: %s",
		Unit:        "Unit",
		UnitType:    "Unit type",
		Round:       "Round",
		Catalog:     "Catalog",
		Version:     "Version",
		Source:      "Source",
		Date:        "Date",
		Status:      "Status",

		FinalScore:    "Final score",
		Total:         "Total",
		Percent:       "Percent",
		Grade:         "Grade",
		Raw:           "Base points",
		Applicable:    "Applicable max",
		Scaled:        "Scaled",
		Bonus:         "Bonus",
		Answered:      "Answered",
		BandGrade:     "Grade by score",
		SelfScore:     "Self score",
		Reviewed:      "Reviewed",
		ReviewedGrade: "Reviewed grade",

		Notices:        "Vetoes and caps",
		NoNotice:       "No veto or grade cap was triggered.",
		VetoFormat:     "Veto: %s %s. The grade is \"%s\".",
		CapCatFormat:   "Grade cap: %s scored under %s; the grade is at most \"%s\".",
		CapCatsFormat:  "Grade cap: %s (%d top-level categories) scored under %s; the grade is at most \"%s\".",
		CapItemFormat:  "Grade cap: %s %s lost points; the grade is at most \"%s\".",
		CapOpenFormat:  "Grade cap: %s %s is not answered yet; if it loses points, the grade is at most \"%s\".",
		ReviewedPrefix: "(reviewed) ",

		Summary:        "1. Summary",
		Chart:          "Rate of the top-level categories",
		Shortfalls:     "2. Shortfalls (most points lost first)",
		NoShortfall:    "No item lost points.",
		ItemGrades:     "Item grades",
		ItemGradeCount: "%s: %d",
		GradeSep:       ", ",
		BelowTop:       "Items below the top grade (most points lost first)",
		NoBelowTop:     "Every item reached the top grade.",
		Detail:         "3. Items",
		Excluded:       "4. Items that do not apply to this unit type",
		NoExcluded:     "None.",
		Signatures:     "7. Signatures",
		Review:         englishReviewLabels(),
		Shapes:         englishShapeLabels(),
		Peers:          englishPeerLabels(),
		Category:       "Category",
		ID:             "ID",
		Item:           "Item",
		Answer:         "Answer",
		Score:          "Score",
		Max:            "Max",
		Rate:           "Rate",
		Lost:           "Lost",
		Remarks:        "Remarks",
		No:             "No.",
		AppliesTo:      "Applies to",
		Requirement:    "Requirement",
		Note:           "Note",
		NAReason:       "N/A reason",
		Evidence:       "Evidence",
		OriginalName:   "given as",
		ReviewNote:     "Review",
		Flagged:        "flagged for review",
		BonusMark:      " (bonus)",
		RateLine:       "60% line",
		Sheet:          "Summary",
		SheetDetail:    "Items",
		SheetShort:     "Shortfalls",
		SheetBelowTop:  "Below top grade",
		TotalRow:       "Total",
		ItemStatus:     "Status",
		Page:           "Page %d of %d",
		Preparer:       "Prepared by",
		Head:           "Head of unit",
		Reviewer:       "Reviewed by",
		SignDate:       "Date",
		BlankDate:      "",
		YesWord:        "Yes",
		NoWord:         "No",
		Unanswered:     "not answered",
		NA:             "N/A",
		NAFull:         "N/A (full marks)",
		ExcludedWord:   "does not apply to this unit type",
		CountFormat:    "%s times",
		ChangeFormat:   "now %s, baseline %s, change %s",
		BaseWord:       "base",
		BonusWord:      "bonus",
		AssessmentStatus: map[string]string{
			"draft": "draft", "submitted": "submitted", "returned": "returned", "approved": "approved",
		},
		Colon:   ": ",
		ListSep: "; ",
		Enum:    ", ",
		StatusWords: map[string]string{
			"answered": "answered", "unanswered": "not answered", "na": "N/A", "excluded": "excluded",
		},
	}
}

// MarkBonus returns a bonus category's title with BonusMark after it, unless
// the title already says so (a category named 加分项 stays 加分项).
func (lb Labels) MarkBonus(title string) string {
	core := strings.Trim(lb.BonusMark, "（）() ")
	if core != "" && strings.Contains(strings.ToLower(title), strings.ToLower(core)) {
		return title
	}
	return title + lb.BonusMark
}

// Paren returns s in brackets: full-width ones in a Chinese report, plain
// ones otherwise.
func (lb Labels) Paren(s string) string {
	if lb.Colon == "：" {
		return "（" + s + "）"
	}
	return " (" + s + ")"
}
