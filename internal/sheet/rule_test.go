package sheet

import (
	"testing"

	"pingce/internal/domain"
)

func TestPropose(t *testing.T) {
	tests := []struct {
		name, text string
		want       string // Summary of the proposal; "?" = not recognized
		reason     string
		max        float64
	}{
		{"deduct per place", "每发现一处扣0.5分，扣完为止", "deduct per 0.5", "", 0},
		{"deduct full width", "每发现１处未整改隐患扣２分，扣完为止。", "deduct per 2", "", 0},
		{"deduct at most", "每少一次扣2分，最多扣6分", "deduct per 2, at most 6", "", 0},
		{"deduct stated max", "本项10分，每缺1期扣1.5分", "deduct per 1.5", "", 10},
		{"deduct two clauses same per", "每少1次扣2分；每缺1份记录扣2分", "deduct per 2", "", 0},
		{"shortfall", "达到95%得满分，每低1个百分点扣0.2分", "numeric shortfall: target 95, 0.2 per 1 below", "", 0},
		{"shortfall no step", "上传率≥98%得满分；每低一个百分点扣2分", "numeric shortfall: target 98, 2 per 1 below", "", 0},
		{"shortfall step 10", "建成率100%得满分，每低10个百分点扣5分", "numeric shortfall: target 100, 5 per 10 below", "", 0},
		{"shortfall lower is better", "控制在5%以内得满分，每高1个百分点扣1分", "numeric shortfall: target 5, 1 per 1 above", "", 0},
		{"linear", "达到80%得满分，按比例折算", "numeric linear 0→80", "", 0},
		{"check", "有专项方案得5分，无方案不得分", "check 5", "", 5},
		{"check achieved", "按时报送得2分，未按时报送不得分。", "check 2", "", 2},
		{"levels", "三项都有得10分；有两项得6分；有一项得3分；都没有得0分", "levels 三项都有=10, 有两项=6, 有一项=3, 都没有=0", "", 10},
		{"levels unordered", "较好得3分，好得5分，一般得1分", "levels 好=5, 较好=3, 一般=1", "", 5},
		{"bands", "超过98%(含)得5分；超过95%(含)得3分", "numeric bands ≥98=5, ≥95=3", "", 5},
		{"bands with ranges", "到位率≥90%得15分；70%-90%得10分；50%-70%得5分；<50%得0分", "numeric bands ≥90=15, ≥70=10, ≥50=5", "", 15},
		{"bands full width", "安全感达到９８％以上的，得３０分；达到９６％以上的，得２５分；低于９０％的不得分", "numeric bands ≥98=30, ≥96=25", "", 30},
		{"bonus count", "每项加2分，最高加10分", "count per 2", "", 10},
		// The shapes of issue 15.
		{"budget in the text", "每发现一处扣1分，本项限扣5分", "deduct per 1, at most 5", "", 0},
		{"budget as 最高减", "每缺1项扣0.5分，最高减3分", "deduct per 0.5, at most 3", "", 0},
		{"overflow", "每发现一处隐患扣1分；扣满4分的，追加扣除10分", "deduct per 1, at 4 extra 10", "", 0},
		{"overflow with 并", "每起扣2分，扣满6分的并追加扣除5分", "deduct per 2, at 6 extra 5", "", 0},
		{"uncapped bonus", "每抓获一人加1分", "count per 1, uncapped", "", 0},
		{"capped bonus is not uncapped", "每抓获一人加1分，最高加5分", "count per 1", "", 5},
		{"n/a full", "有应急预案得5分，无预案不得分；不具有该职能的以满分计", "check 5, n/a full", "", 5},
		{"n/a full 未承担", "每发现一处扣1分，扣完为止；未承担此项任务的得满分", "deduct per 1, n/a full", "", 0},
		{"targets by unit type", "化解率市局达到80%、分县局达到75%、派出所达到70%得满分，每低1个百分点扣1分",
			"numeric shortfall: target 80, 1 per 1 below, 分县局 75, 派出所 70", "", 0},
		{"targets by unit type short", "市局80%，分县局75%，派出所70%得满分；每低1个百分点扣0.5分",
			"numeric shortfall: target 80, 0.5 per 1 below, 分县局 75, 派出所 70", "", 0},
		{"reviewer's range", "每发现一处问题酌情扣2-6分", "deduct per 2-6 (reviewer)", "", 0},
		{"reviewer's range to the end", "每起酌情扣1至3分，扣完为止", "deduct per 1-3 (reviewer)", "", 0},
		{"tiered counts", "主要领导出席每次得1分；其他领导每次得0.5分，此项最高计3分", "count kinds 主要领导出席=1, 其他领导=0.5", "", 3},
		{"relative to the average", "达到基数计4分，每高于基数1个百分点加0.04分，每低1个百分点扣0.04分", "numeric relative: 4 at the average, 0.04 per 1", "", 0},
		{"rank points", "排名1-5名的依次赋予60分、57分、54分、51分、48分", "numeric rank: 60, 57, 54, 51, 48", "", 60},
		{"rank in proportion", "排名第1名得满分，第2-5名按第1名的比例得分", "numeric rank: in proportion to the first, top 5", "", 0},
		{"rank in proportion alone", "第2-3名按与第1名的比例计分", "numeric rank: in proportion to the first, top 3", "", 0},
		{"rank bottom", "月度排名末两位的，每次扣0.5分", "numeric rank: last 2 lose 0.5", "", 0},
		{"n/a average", "有预案得5分，无预案不得分；不具有该职能的按同类单位平均分得分", "check 5, n/a average", "", 5},
		{"doubled in a period", "每发现一起扣1分；重大安保期间发生的加倍扣分", "deduct per 1, ×2 重大安保期间发生", "", 0},
		{"piecewise", "低于96%的，每降低1个百分点扣0.25分；低于90%的，每降低1个百分点扣0.5分", "numeric piecewise <96 0.25, <90 0.5", "", 0},
		{"piecewise in one sentence", "群众满意率低于96%每降1个百分点扣0.25分，低于90%每降1个百分点扣0.5分", "numeric piecewise <96 0.25, <90 0.5", "", 0},
		{"piecewise per 2 points", "低于95%的每降低2个百分点扣1分；低于85%的每降低2个百分点扣2分", "numeric piecewise <95 0.5, <85 1", "", 0},
		{"difference", "入室盗窃案件环比持平计6分，每下降1起加0.2分，上升一起扣0.2分，当月零发案计8分", "numeric difference: 6 at 0, 0.2 per 1, exactly 0=8", "", 8},
		// Texts that must not be recognized.
		{"piecewise thresholds rising", "低于90%的，每降低1个百分点扣0.5分；低于96%的，每降低1个百分点扣0.25分", "?", ReasonMixed, 0},
		{"one slope is no piecewise", "低于96%的，每降低1个百分点扣0.25分", "?", ReasonMixed, 0},
		{"difference with two slopes", "持平计6分，每下降1起加0.2分，上升一起扣0.5分", "?", ReasonMixed, 0},
		{"doubled on a check", "有方案得5分，无方案不得分；重大安保期间发生的加倍扣分", "?", ReasonMixed, 0},
		{"relative with two slopes", "达到基数计4分，每高于基数1个百分点加0.04分，每低1个百分点扣0.08分", "?", ReasonMixed, 0},
		{"rank points not as many as places", "排名1-5名的依次赋予60分、57分、54分", "?", ReasonUnknown, 0},
		{"kinds without a cap", "主要领导出席每次得1分；其他领导每次得0.5分；其他人员每次得0.2分", "count kinds 主要领导出席=1, 其他领导=0.5, 其他人员=0.2", "", 0},
		{"one kind alone is no tiered count", "主要领导出席每次得1分", "?", ReasonMixed, 0},
		{"vague range stays vague", "酌情扣分", "?", ReasonVague, 0},
		{"overflow on a check", "有方案得5分，无方案不得分；扣满4分的追加扣除10分", "?", ReasonMixed, 0},
		{"targets without a shortfall", "市局80%，分县局75%得5分", "?", ReasonMixed, 0},
		{"one unit type is no table of targets", "市局达到80%得满分，每低1个百分点扣1分", "numeric shortfall: target 80, 1 per 1 below", "", 0},
		{"n/a clause alone", "不具有该职能的以满分计", "?", ReasonUnknown, 0},
		{"vague", "根据工作开展情况酌情给分", "?", ReasonVague, 0},
		{"assessors judge", "由考核组综合评定，最高得10分", "?", ReasonVague, 0},
		{"points range", "每发现一处问题扣1-3分", "?", ReasonRange, 0},
		{"extra deduction", "每起未破扣10分；现场拉动不合格的另扣5分", "?", ReasonVague, 0},
		{"two methods", "采集率≥98%得15分，按比例折算；抽查准确率部分10分，每发现1条错漏扣0.5分", "?", ReasonMixed, 0},
		{"different per", "每少1次扣2分，每缺1份扣1分", "?", ReasonMixed, 0},
		{"plain words", "查阅台账，听取汇报", "?", ReasonUnknown, 0},
		{"empty", "  ", "?", ReasonEmpty, 0},
		{"single gain without alternative", "建立台账的得5分", "?", ReasonMixed, 0},
		{"levels same label twice", "好得5分，好得3分", "?", ReasonMixed, 0},
		{"bare numbers are levels, not bands", "有1项得3分，有2项得6分", "levels 有2项=6, 有1项=3", "", 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Propose(tt.text)
			if got := p.Summary(); got != tt.want {
				t.Fatalf("Propose(%q) = %s, want %s (reason %q)", tt.text, got, tt.want, p.Reason)
			}
			if !p.Known && p.Reason != tt.reason {
				t.Errorf("reason %q, want %q", p.Reason, tt.reason)
			}
			if p.Known && p.Max != tt.max {
				t.Errorf("max %v, want %v", p.Max, tt.max)
			}
		})
	}
}

func TestProposalFitsAndApply(t *testing.T) {
	t.Run("levels whose first is not max conflict", func(t *testing.T) {
		p := Propose("好得5分，差得0分")
		p.fits(8)
		if p.Known || p.Reason != ReasonConflict {
			t.Fatalf("got %+v, want a conflict", p)
		}
	})
	t.Run("deduct at most sets floor", func(t *testing.T) {
		p := Propose("每少一次扣2分，最多扣6分")
		p.fits(10)
		it := &domain.Item{ID: "A", Title: "t", Max: 10}
		p.Apply(it)
		if it.Method != domain.MethodDeduct || it.Per != 2 || it.Floor != 4 {
			t.Fatalf("item %+v", it)
		}
	})
	t.Run("shapes are set on the item", func(t *testing.T) {
		p := Propose("每发现一处隐患扣1分；扣满4分的，追加扣除10分；不具有该职能的以满分计")
		p.fits(4)
		it := &domain.Item{ID: "B1", Title: "t", Max: 4}
		p.Apply(it)
		if it.Method != domain.MethodDeduct || it.Overflow == nil || *it.Overflow != (domain.Overflow{At: 4, Extra: 10}) || it.NA != domain.NAFull {
			t.Fatalf("item %+v", it)
		}
	})
	t.Run("targets by unit type become rules by unit type", func(t *testing.T) {
		p := Propose("市局80%，分县局75%，派出所70%得满分；每低1个百分点扣1分")
		it := &domain.Item{ID: "C3", Title: "t", Max: 10}
		p.Apply(it)
		if it.Shortfall == nil || it.Shortfall.Target != 80 || len(it.ByUnitType) != 2 ||
			it.ByUnitType["分县局"].Shortfall.Target != 75 || it.ByUnitType["派出所"].Shortfall.Target != 70 || it.ByUnitType["派出所"].Shortfall.Per != 1 {
			t.Fatalf("item %+v %+v", it, it.ByUnitType)
		}
		c := &domain.Catalog{ID: "x", Version: "1", Title: "x", Total: 10, Grades: []domain.GradeBand{{Min: 0, Grade: "合格"}},
			Categories: []*domain.Category{{ID: "C", Title: "c", Items: []*domain.Item{it}}}}
		it.Title = "化解率"
		if ps := c.CheckProblems(); len(ps) > 0 {
			t.Fatalf("the proposed item does not check: %v", ps)
		}
	})
	t.Run("uncapped only on a bonus item", func(t *testing.T) {
		p := Propose("每抓获一人加1分")
		it := &domain.Item{ID: "X1", Max: 1}
		p.Apply(it)
		if it.Uncapped {
			t.Fatal("a base item was made uncapped")
		}
		it = &domain.Item{ID: "X1", Max: 1, Bonus: true}
		p.Apply(it)
		if !it.Uncapped || it.Per != 1 {
			t.Fatalf("bonus item %+v", it)
		}
	})
	t.Run("unknown changes nothing", func(t *testing.T) {
		it := &domain.Item{ID: "A", Method: domain.MethodCheck}
		Propose("酌情").Apply(it)
		if it.Method != domain.MethodCheck {
			t.Fatal("method changed")
		}
	})
}
