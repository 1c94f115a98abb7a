package message

import (
	"slices"
	"strings"
	"testing"

	"pingce/internal/domain"
)

// packageProblems holds, for every package.* problem code, its Args as
// the code that makes it passes them (internal/exchange, the reader and
// export; internal/storage, the import), with the words of them a Chinese
// text may show as they are (names, ids, fingerprints, formats: besides,
// only units and JSON/SHA-256).
var packageProblems = []struct {
	name string
	code string
	args map[string]string
}{
	{"key line", "package.bad_key", map[string]string{"prefix": "pingce-ed25519", "size": "32"}},
	{"empty file", "package.not_package", map[string]string{"file": "空.pingce", "why": "empty"}},
	{"not a zip", "package.not_package", map[string]string{"file": "a.pingce", "why": "not_zip"}},
	{"scrypt work", "package.not_package", map[string]string{"file": "a.pingce", "why": "work_factor"}},
	{"cut at the end", "package.truncated", map[string]string{"at": "end"}},
	{"sealed header", "package.truncated", map[string]string{"at": "seal_header"}},
	{"sealed content", "package.truncated", map[string]string{"at": "seal_content"}},
	{"inflater stopped", "package.truncated", map[string]string{"at": "entry", "name": "answers.yaml"}},
	{"file over its cap", "package.too_large", map[string]string{"what": "package", "limit": "4294967296"}},
	{"entries over the count", "package.too_large", map[string]string{"what": "entries", "limit": "20000"}},
	{"declared sizes over the total", "package.too_large", map[string]string{"what": "total", "limit": "8589934592"}},
	{"document over its cap", "package.too_large", map[string]string{"what": "answers.yaml", "limit": "67108864"}},
	{"compression bomb", "package.inflated", map[string]string{"size": "943718400", "file": "35123", "ratio": "100"}},
	{"symbolic link", "package.bad_entry", map[string]string{"name": "evidence/ab", "why": "symlink"}},
	{"entry twice", "package.entry_twice", map[string]string{"name": "answers.yaml", "prev": "Answers.yaml"}},
	{"entry missing", "package.entry_missing", map[string]string{"name": "audit.json"}},
	{"entry extra", "package.entry_extra", map[string]string{"name": "review.yaml"}},
	{"signature", "package.bad_signature", nil},
	{"manifest not JSON", "package.bad_manifest", map[string]string{"detail": "not_json", "field": ""}},
	{"manifest key unknown", "package.bad_manifest", map[string]string{"detail": "unknown_field", "field": "extra"}},
	{"manifest kind", "package.bad_manifest", map[string]string{"detail": "bad_kind", "value": "gift"}},
	{"manifest entry", "package.bad_manifest", map[string]string{"detail": "unknown_entry", "name": "run.exe"}},
	{"manifest key", "package.bad_manifest", map[string]string{"detail": "wrong_key"}},
	{"another format", "package.version", map[string]string{"format": "pingce/package@2", "want": "pingce/package@1"}},
	{"no format", "package.version", map[string]string{"format": "", "want": "pingce/package@1"}},
	{"hash", "package.hash", map[string]string{"name": "catalog.json"}},
	{"size, more", "package.size", map[string]string{"name": "audit.json", "size": "15", "more": "1", "want": "15"}},
	{"size, fewer", "package.size", map[string]string{"name": "audit.json", "size": "12", "want": "15"}},
	{"answers file's problem", "package.content", map[string]string{"name": "answers.yaml", "detail": "problem",
		"problem": "yaml.unknown_key", "line": "3", "arg.key": "weight"}},
	{"evidence missing", "package.content", map[string]string{"name": "evidence.json", "detail": "evidence_missing", "value": "规划.pdf", "item": "A1.1"}},
	{"unused evidence", "package.content", map[string]string{"name": "evidence.json", "detail": "unused_evidence", "value": "evidence/ab"}},
	{"other catalog", "package.content", map[string]string{"name": "catalog.json", "detail": "other_catalog", "value": "x@1", "want": "y@2"}},
	{"catalog conflict", "package.content", map[string]string{"name": "catalog.json", "detail": "catalog_conflict", "value": "demo@2026.1"}},
	{"an English detail of an older caller", "package.content", map[string]string{"name": "tasks.json", "detail": "entry 1: it has no uid"}},
	{"register entry", "package.content", map[string]string{"name": "tasks.json", "detail": "task_entry", "entry": "2"}},
	{"register entry's item", "package.content", map[string]string{"name": "tasks.json", "detail": "task_item", "entry": "1", "item": "Z9"}},
	{"register entry's closure file", "package.content", map[string]string{"name": "tasks.json", "detail": "task_file", "entry": "1", "value": "整改报告.pdf"}},
	{"register entry twice", "package.content", map[string]string{"name": "tasks.json", "detail": "task_twice", "entry": "3", "value": "ab12"}},
	{"register entry's own problem", "package.content", map[string]string{"name": "tasks.json", "detail": "problem", "problem": "task.field_missing", "arg.field": "owner"}},
	{"password", "package.password", nil},
	{"wrong password", "package.wrong_password", nil},
	{"unknown key", "package.unknown_key", map[string]string{"unit": "某某区公安分局", "fingerprint": "0421-7730-5512-0093-8861-2204-7319-4450"}},
	{"key of another unit", "package.key_other_unit", map[string]string{"unit": "某某区公安分局", "fingerprint": "0421-7730", "owner": "某某县公安局"}},
	{"re-keyed", "package.rekeyed", map[string]string{"unit": "某某区公安分局", "fingerprint": "0421-7730", "known": "1234-5678"}},
	{"recipient", "package.recipient", map[string]string{"recipient": "0421-7730", "own": "1234-5678"}},
	{"own package", "package.own_package", map[string]string{"own": "1234-5678"}},
	{"replay", "package.replay", map[string]string{"id": "3bdac1496f47341b9f82f17bcae8f377"}},
	{"stale", "package.stale", map[string]string{"revision": "1", "latest": "2"}},
	{"no assessment", "package.no_assessment", map[string]string{"what": "某某区公安分局 2026-Q3"}},
	{"kind, status", "package.kind", map[string]string{"kind": "submission", "status": "submitted"}},
	{"kind, own", "package.kind", map[string]string{"kind": "submission", "status": "own"}},
	{"kind, other side", "package.kind", map[string]string{"kind": "register", "status": "other_side", "peer": "0421-7730"}},
	{"nothing to send", "package.nothing_to_send", map[string]string{"status": "draft", "why": "state"}},
	{"register, never exchanged", "package.nothing_to_send", map[string]string{"status": "approved", "why": "not_exchanged"}},
	{"register, no entries", "package.nothing_to_send", map[string]string{"status": "approved", "why": "no_entries"}},
	{"claims", "package.claims", map[string]string{"what": "answered", "claimed": "999", "actual": "58"}},
	{"not the sender's unit", "package.not_senders_unit", map[string]string{"unit": "某某县公安局", "owner": "某某区公安分局"}},
	{"peer", "package.peer", map[string]string{"fingerprint": "0421-7730", "peer": "1234-5678", "peer_unit": "某某市公安局"}},
	{"mismatch", "package.mismatch", map[string]string{"what": "round", "package": "2099-Q1", "here": "2026-Q3"}},
	{"mismatch of the unit type", "package.mismatch", map[string]string{"what": "unit_type", "package": "派出所", "here": "分县局"}},
	{"reply to", "package.reply_to", map[string]string{"id": "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"}},
}

// packageWants holds what some of packageProblems must say in Chinese.
var packageWants = map[string]string{
	"catalog conflict":             "本数据库中已有内容不同的指标体系demo@2026.1",
	"empty file":                   "“空.pingce”不是评测通交换包：文件是空的",
	"document over its cap":        "“answers.yaml”超过64MB",
	"size, more":                   "有超过15字节",
	"kind, own":                    "该评测是本数据库自己的评测",
	"own package":                  "此交换包是本数据库自己生成的",
	"register entry's item":        "第1条整改台账条目所属的指标Z9在指标体系中不存在",
	"register entry's own problem": "请填写责任人",
}

// TestPackageProblemsInChinese writes every package.* problem code (the
// Prob* constants of internal/exchange) in Chinese with its Args as they
// are made, advice line included: no English word may be left but the
// Args' names (audit of issue 13, GAP-3).
func TestPackageProblemsInChinese(t *testing.T) {
	useLanguage(t, "zh_CN")
	seen := map[string]bool{}
	for _, tc := range packageProblems {
		seen[tc.code] = true
		t.Run(tc.name, func(t *testing.T) {
			if want, ok := packageWants[tc.name]; ok {
				if got := ProblemMessage(domain.Problem{Code: tc.code, Args: tc.args}); !strings.Contains(got, want) {
					t.Errorf("%q, want it to say %q", got, want)
				}
			}
			p := domain.Problem{Code: tc.code, Msg: "ENGLISH FALLBACK", Args: tc.args}
			err := &domain.Error{Code: domain.EINVALID, Problems: []domain.Problem{p}}
			got := ProblemText(p)
			advice := ErrorText(err)
			if got == p.Msg || strings.Contains(advice, "请检查填写的内容") {
				t.Fatalf("written %q, advice %q", got, advice)
			}
			for _, text := range []string{got, advice} {
				for _, w := range asciiWord.FindAllString(text, -1) {
					w = strings.TrimRight(w, ".:-")
					if slices.Contains([]string{"JSON", "SHA-256", "GB", "MB", "KB", "U"}, w) {
						continue
					}
					if !slices.ContainsFunc(shownValues(tc.args), func(v string) bool { return strings.Contains(v, w) }) {
						t.Errorf("English %q in %q", w, text)
					}
				}
				if strings.Contains(text, "  ") || strings.Contains(text, "{{") {
					t.Errorf("%q: a field left or a double space", text)
				}
			}
		})
	}
	for _, code := range problemCodes(t) {
		if strings.HasPrefix(code, "package.") && !seen[code] {
			t.Errorf("no case writes %s", code)
		}
	}
}

// shownValues are the Args' values a text may show as they are: not the
// codes (why, at, detail, kind, status, and a coded what).
func shownValues(args map[string]string) []string {
	var out []string
	for k, v := range args {
		switch {
		case slices.Contains([]string{"why", "at", "detail", "kind", "status"}, k),
			k == "what" && slices.Contains([]string{"package", "entries", "total", "answered", "applicable", "unit", "unit_type", "round", "catalog"}, v):
			continue
		}
		out = append(out, v)
	}
	return out
}
