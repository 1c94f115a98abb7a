package standing

import (
	"os"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/ui/uitest"
)

func TestMain(m *testing.M) {
	// Tested in Chinese, the language of its users; Linux picks the
	// language from these variables.
	os.Setenv("LANGUAGE", "zh_CN")
	os.Setenv("LANG", "zh_CN.UTF-8")
	os.Setenv("LC_ALL", "zh_CN.UTF-8")
	if err := RegisterTranslations(); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

func TestTranslations(t *testing.T) {
	uitest.CheckTranslations(t, ".", uitest.LoadJSON(t, translations, "translations/zh_Hans.json"))
}

// TestText: the rank or how many are ranked, the group (未编组 without a
// name), and the target reached or the points short, with the items to
// close the gap when known — in Chinese without spaces, at which Fyne's
// word wrap would break the line.
func TestText(t *testing.T) {
	for _, tc := range []struct {
		name string
		st   *domain.Standing
		want string
	}{
		{"none", nil, ""},
		{"ranked, target short with items", &domain.Standing{Group: "分县局", Rank: 3, Ranked: 8,
			Target: &domain.TargetGap{Target: domain.UnitTarget{Rank: 1}, Lacks: 71, Items: []domain.ItemScore{{ID: "B1.5"}, {ID: "C1.2"}}}},
			"分县局第3名（共8个单位参与排名）·目标第1名：差71分，先补B1.5、C1.2"},
		{"not ranked yet, target short", &domain.Standing{Group: "分县局", Ranked: 12,
			Target: &domain.TargetGap{Target: domain.UnitTarget{Rank: 3}, Lacks: 7.5}},
			"分县局已有12个单位参与排名，本单位提交后参与排名·目标第3名：差7.5分"},
		{"score target reached", &domain.Standing{Group: "派出所", Rank: 1, Ranked: 20,
			Target: &domain.TargetGap{Target: domain.UnitTarget{Score: 950}, Met: true}},
			"派出所第1名（共20个单位参与排名）·目标950分：已达到"},
		{"grade target, ungrouped", &domain.Standing{Rank: 2, Ranked: 4,
			Target: &domain.TargetGap{Target: domain.UnitTarget{Grade: "优秀"}, Lacks: 3}},
			"未编组第2名（共4个单位参与排名）·目标等级优秀：差3分"},
		{"target neither met nor short", &domain.Standing{Group: "派出所", Rank: 2, Ranked: 4,
			Target: &domain.TargetGap{Target: domain.UnitTarget{Rank: 1}}},
			"派出所第2名（共4个单位参与排名）"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Text(tc.st); got != tc.want {
				t.Errorf("Text = %q, want %q", got, tc.want)
			}
		})
	}
}
