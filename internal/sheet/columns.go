package sheet

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Fields a column of an official table can hold (the --map values).
const (
	FieldHeading     = "heading"     // a level of headings; the deepest one is the item's title
	FieldSeq         = "seq"         // 序号: only to find rows, ids are made by Pingce
	FieldMax         = "max"         // 分值
	FieldScoring     = "scoring"     // 评分标准: the official rule text
	FieldRequirement = "requirement" // 考核要求
	FieldEvidence    = "evidence"    // 考核方式 / 佐证材料
	FieldLead        = "lead"        // 牵头单位 / 考核主体
	FieldBasis       = "basis"       // 依据
	FieldUnit        = "unit"        // 计量单位
	FieldAppliesTo   = "applies_to"  // 适用单位
	FieldIgnore      = "ignore"      // 备注, 自评分 …: known and left out
)

// Fields lists every field a column can be mapped to.
var Fields = []string{FieldHeading, FieldSeq, FieldMax, FieldScoring, FieldRequirement,
	FieldEvidence, FieldLead, FieldBasis, FieldUnit, FieldAppliesTo, FieldIgnore}

// synonyms holds the column names of official tables, by field.
var synonyms = map[string][]string{
	FieldSeq: {"序号", "编号", "序", "编码"},
	FieldHeading: {"一级指标", "二级指标", "三级指标", "四级指标", "类目", "类别", "大类", "项目",
		"考评项目", "考核项目", "测评项目", "考评内容", "考核内容", "评价内容", "指标内容", "测评内容",
		"评测内容", "指标", "指标名称", "评价指标", "考核指标", "考评指标", "测评指标", "具体指标", "内容",
		"一级", "二级", "三级", "四级", "分类", "子项目"},
	FieldMax: {"分值", "分数", "标准分", "满分", "权重", "基础分", "指标分值", "分值(分)", "赋分", "总分值"},
	FieldScoring: {"评分标准", "考评办法", "评分细则", "计分方法", "考核标准", "评分办法", "扣分标准",
		"考评标准", "评分方法", "评分规则", "计分标准", "考核办法", "评价标准", "评分说明", "考评细则",
		"测评标准", "评测标准", "评分", "计分办法", "扣分办法", "考核评分标准"},
	FieldRequirement: {"考核要求", "工作要求", "具体要求", "内容要求", "工作标准", "要求", "标准要求", "目标要求"},
	FieldEvidence: {"考核方式", "佐证材料", "考评方式", "评价方式", "检查方法", "考核方法", "支撑材料",
		"佐证资料", "印证材料", "考评方法", "测评方式", "测评方法", "数据来源", "核查方式", "验证方式"},
	FieldLead:      {"牵头单位", "考核主体", "责任单位", "考评单位", "责任部门", "牵头部门", "考核单位", "主责单位", "评价主体"},
	FieldBasis:     {"依据", "政策依据", "文件依据", "考核依据"},
	FieldUnit:      {"计量单位"},
	FieldAppliesTo: {"适用单位", "适用范围", "适用对象"},
	FieldIgnore:    {"备注", "说明", "自评分", "考核得分", "得分", "自评得分", "扣分", "扣分原因", "考核周期", "自评情况"},
}

// headerKey writes a column name without spaces, line breaks and a
// trailing "(分)", full-width brackets as ASCII.
func headerKey(s string) string {
	s = textReplacer.Replace(s)
	s = strings.ReplaceAll(s, ";", "")
	for _, suf := range []string{"(分)", "(分值)", "(项)"} {
		s = strings.TrimSuffix(s, suf)
	}
	return s
}

// fieldOf returns the field a column name means, or "".
func fieldOf(header string) string {
	k := headerKey(header)
	if k == "" {
		return ""
	}
	for _, f := range Fields {
		if slices.Contains(synonyms[f], k) {
			return f
		}
	}
	// A longer name holding a known one: "评分标准及方法", "考评内容(项目)".
	best, bestLen := "", 0
	for _, f := range Fields {
		for _, s := range synonyms[f] {
			if n := utf8.RuneCountInString(s); n >= 2 && n > bestLen && strings.Contains(k, s) {
				best, bestLen = f, n
			}
		}
	}
	return best
}

// Column is one column of the table read: its heading and what Pingce
// takes it for. Field "" means unknown (left out, and reported).
type Column struct {
	Where  string // file!sheet!cell of the column's name
	Header string
	Field  string
	Mapped bool // the field comes from the user's mapping (--map)
}
