package message

import (
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/ui/uitest"
)

// TestFieldNames: every field of the files has a Chinese name that keeps
// its key, and a problem about a field names it so in Chinese and leaves
// the key alone in English (issue 11 #10: applies_to, levels, points, per
// were shown in English).
func TestFieldNames(t *testing.T) {
	zh := uitest.LoadJSON(t, translations, "translations/zh_Hans.json")
	for _, k := range fieldKeys {
		name := zh["field."+k]
		if name == "" || !strings.Contains(name, "（"+k+"）") {
			t.Errorf("field %q: Chinese name %q, want one with （%s）", k, name, k)
		}
	}
	cases := []struct {
		key, zh, en string
	}{
		{"applies_to", "“适用单位（applies_to）”不能为空，请填写", "“applies_to” must not be empty. Fill it in."},
		{"per", "“每次分值（per）”不能为空，请填写", "“per” must not be empty. Fill it in."},
		{"not_a_field", "“not_a_field”不能为空，请填写", "“not_a_field” must not be empty. Fill it in."},
	}
	p := func(key string) domain.Problem {
		return domain.Problem{Code: domain.ProbCatEmptyField, Msg: key + " must not be empty", Args: map[string]string{"key": key}}
	}
	for _, tc := range cases {
		t.Run(tc.key, func(t *testing.T) {
			useLanguage(t, "zh_CN")
			if got := ProblemMessage(p(tc.key)); got != tc.zh {
				t.Errorf("zh: %q, want %q", got, tc.zh)
			}
			useLanguage(t, "en")
			if got := ProblemMessage(p(tc.key)); got != tc.en {
				t.Errorf("en: %q, want %q", got, tc.en)
			}
		})
	}
}

func TestPlaceAndMessage(t *testing.T) {
	useLanguage(t, "zh_CN")
	p := domain.Problem{File: "/tmp/有误.yaml", Line: 36, ItemID: "A1", Code: domain.ProbCatEmptyField,
		Msg: "per must not be empty", Args: map[string]string{"key": "per"}}
	place, what := PlaceAndMessage(ProblemText(p))
	if place != "有误.yaml、第 36 行、指标 A1" || what != "“每次分值（per）”不能为空，请填写" {
		t.Errorf("place %q, message %q", place, what)
	}
	if place, what := PlaceAndMessage("没有位置的问题"); place != "" || what != "没有位置的问题" {
		t.Errorf("no place: %q %q", place, what)
	}
}
