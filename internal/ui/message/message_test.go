package message

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"pingce/internal/answers"
	"pingce/internal/catalog"
	"pingce/internal/domain"
	"pingce/internal/review"
	"pingce/internal/ui/uitest"
	"pingce/internal/userfile"
	"pingce/internal/yamlnode"
)

// problemCodes returns the value of every Prob* string constant of the
// packages that make problems (a constant set to another is counted there): the codes the user interface must write.
func problemCodes(t *testing.T) []string {
	t.Helper()
	var codes []string
	fset := token.NewFileSet()
	for _, dir := range []string{"../../catalog", "../../answers", "../../domain", "../../yamlnode", "../../userfile", "../../exchange", "../../review", "../../sheet"} {
		names, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			for _, decl := range f.Decls {
				gd, ok := decl.(*ast.GenDecl)
				if !ok || gd.Tok != token.CONST {
					continue
				}
				for _, spec := range gd.Specs {
					vs := spec.(*ast.ValueSpec)
					for i, id := range vs.Names {
						if !strings.HasPrefix(id.Name, "Prob") || i >= len(vs.Values) {
							continue
						}
						if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							s, _ := strconv.Unquote(lit.Value)
							codes = append(codes, s)
						}
					}
				}
			}
		}
	}
	if len(codes) < 50 {
		t.Fatalf("found only %d problem codes", len(codes))
	}
	return codes
}

var fields = regexp.MustCompile(`\{\{\s*\.([A-Za-z_]+)\s*\}\}`)

func fieldSet(s string) []string {
	var out []string
	for _, m := range fields.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestProblemTranslations fails for a problem code without an English
// template or a Chinese and English translation, for a template of no code,
// and for a translation using a field its English template lacks.
func TestProblemTranslations(t *testing.T) {
	zh := uitest.LoadJSON(t, translations, "translations/zh_Hans.json")
	en := uitest.LoadJSON(t, translations, "translations/en.json")
	codes := problemCodes(t)
	for _, code := range codes {
		tmpl, ok := problemTemplates[code]
		if !ok {
			t.Errorf("code %q has no English template", code)
			continue
		}
		key := "problem." + code
		if strings.TrimSpace(zh[key]) == "" {
			t.Errorf("code %q has no zh_Hans translation", code)
		}
		if en[key] != tmpl {
			t.Errorf("en %q = %q, want the template %q", key, en[key], tmpl)
		}
		for _, f := range fieldSet(zh[key]) {
			if !slices.Contains(fieldSet(tmpl), f) {
				t.Errorf("zh_Hans %q uses {{.%s}}, which %q lacks", key, f, tmpl)
			}
		}
	}
	for code := range problemTemplates {
		if !slices.Contains(codes, code) {
			t.Errorf("template for %q, which no package makes", code)
		}
	}
	for in, tmpl := range placeTemplates {
		key := "problem.in." + in
		if strings.TrimSpace(zh[key]) == "" || en[key] != tmpl {
			t.Errorf("place %q: zh_Hans %q, en %q, want the template %q", in, zh[key], en[key], tmpl)
		}
	}
	uitest.CheckTranslations(t, ".", zh)
	for _, k := range uitest.Keys(t, ".") {
		if en[k.Text] == "" {
			t.Errorf("%s: no en entry for %q", k.Pos, k.Text)
		}
		if zh[k.Text] != "" && !slices.Equal(fieldSet(zh[k.Text]), fieldSet(k.Text)) {
			t.Errorf("%s: zh_Hans %q has other fields than %q", k.Pos, zh[k.Text], k.Text)
		}
	}
}

// useLanguage switches Fyne's translations to the locale.
func useLanguage(t *testing.T, locale string) {
	t.Setenv("LANGUAGE", locale)
	t.Setenv("LC_ALL", locale+".UTF-8")
	t.Setenv("LANG", locale+".UTF-8")
	registered()
	if err := lang.AddTranslationsFS(translations, "translations"); err != nil { // updates the language
		t.Fatal(err)
	}
}

// badFileProblems returns the problems of the bad files in testdata, with
// each file's text.
func badFileProblems(t *testing.T) map[string][]domain.Problem {
	t.Helper()
	cat, err := catalog.LoadFile(t.Context(), "../../answers/testdata/catalog.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]domain.Problem{}
	names, _ := filepath.Glob("testdata/bad-*.yaml")
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(name, "answers") {
			_, err = answers.Parse(name, data, cat)
		} else if strings.Contains(name, "review") {
			_, err = review.Parse(name, data, cat)
		} else {
			_, err = catalog.Parse(name, data)
		}
		ps := domain.ErrorProblems(err)
		if len(ps) == 0 {
			t.Fatalf("%s: no problems (%v)", name, err)
		}
		out[name] = ps
	}
	return out
}

// formatWords are the words of the file formats a Chinese message may
// name: keys and methods a user writes in the file.
var formatWords = strings.Fields(`format id version title total unit_types grades min grade item_grades min_ratio
	caps category_ratio_below item_lost max_grade vetoes bonus cap categories items
	max method check levels numeric deduct count parts bands linear shortfall at_least at_most
	points zero full floor zero_at per target step change applies_to label baseline
	true false YAML UTF-8 pingce/catalog@1 pingce/answers@1
	pingce/review@1 accept answer request reviewer comment reason`)

var asciiWord = regexp.MustCompile(`[A-Za-z][A-Za-z0-9_.@/+-]*`)

// TestBadFilesInChinese renders the problems of bad files in Chinese: every
// code is known and every ASCII word is an id, key or value of the file.
func TestBadFilesInChinese(t *testing.T) {
	useLanguage(t, "zh_CN")
	seen := map[string]bool{}
	for name, ps := range badFileProblems(t) {
		data, _ := os.ReadFile(name)
		if strings.Contains(name, "answers") || strings.Contains(name, "review") {
			cat, _ := os.ReadFile("../../answers/testdata/catalog.yaml")
			data = append(data, cat...)
		}
		split := func(w string) []string {
			return strings.FieldsFunc(w, func(r rune) bool { return r == '.' || r == '@' || r == '/' })
		}
		words := map[string]bool{}
		for _, w := range asciiWord.FindAllString(string(data), -1) {
			for _, s := range append(split(w), w) {
				words[s] = true
			}
		}
		inFile := func(w string) bool {
			for _, s := range split(w) {
				if !words[s] && asciiWord.FindString(s) == s {
					return false
				}
			}
			return true
		}
		for _, p := range ps {
			seen[p.Code] = true
			if _, ok := problemTemplates[p.Code]; !ok {
				t.Errorf("%s: code %q has no template", p, p.Code)
			}
			got := ProblemText(p)
			if !strings.HasPrefix(got, filepath.Base(name)+"、") && !strings.HasPrefix(got, filepath.Base(name)+"：") {
				t.Errorf("%q does not start with the file name", got)
			}
			for _, w := range asciiWord.FindAllString(strings.TrimPrefix(got, filepath.Base(name)), -1) {
				w = strings.TrimRight(w, ".-")
				if !slices.Contains(formatWords, w) && !inFile(w) {
					t.Errorf("English word %q in %q (%s)", w, got, p)
				}
			}
		}
	}
	// Codes no file can show: the YAML parser refuses text that is not
	// UTF-8, Parse refuses a number that is not finite, and submission
	// problems come from stored answers.
	// Nor can the codes of the workflow, names and rounds (storage and the
	// domain make them), nor the findings of Catalog.Check that Parse
	// replaces by its own (a number it could not read, an empty field, an
	// id used twice, which it writes with the line of the first).
	unseen := []string{yamlnode.ProbBadUTF8, answers.ProbItemIDUTF8,
		domain.ProbNotFinite, domain.ProbUnanswered, domain.ProbNoEvidence, domain.ProbNotApplicable,
		domain.ProbBadText, domain.ProbReviewPoints, domain.ProbReturnReason, domain.ProbNoRound,
		domain.ProbRoundDates, domain.ProbNameEmpty, domain.ProbNameTooLong, domain.ProbNameChars,
		domain.ProbUnknownRole, domain.ProbUnknownUnitType,
		domain.ProbCatEmptyField, domain.ProbCatNotNumber, domain.ProbIDTwice, yamlnode.ProbTooManyNodes,
		userfile.ProbTooLarge, userfile.ProbProtected, domain.ProbFileNameEmpty,
		// Verdicts that only a stored review or the assessment a file is
		// imported into can show (review.Check, storage), and those a file
		// shows as another problem (two verdicts, a number it could not read).
		domain.ProbReviewVerdict, domain.ProbReviewAdjustEmpty, domain.ProbReviewTwoWays, domain.ProbReviewNotAdjust,
		domain.ProbReviewReason, domain.ProbReviewExcluded, domain.ProbReviewOpenRequest,
		review.ProbWrongUnit, review.ProbWrongRound,
		// Answers to and reviews of tiered, multiplied and discretion items (TestTieredInChinese).
		domain.ProbUnknownKind, domain.ProbMarkedTooMany, domain.ProbCountsNoCount, answers.ProbCountKey,
		domain.ProbReviewDiscretion, domain.ProbReviewDiscretionRange, domain.ProbReviewDiscretionOpen}
	for code := range problemTemplates {
		// round.*: round settings come from the CLI and storage (TestStore_RoundSettings).
		if !seen[code] && !slices.Contains(unseen, code) && !strings.HasPrefix(code, "workflow.") && !strings.HasPrefix(code, "package.") /* TestPackageProblemsInChinese; exchange.TestRefusalsInChinese */ &&
			!strings.HasPrefix(code, "sheet.") /* internal/sheet's TestProblemsInChinese shows them */ &&
			!strings.HasPrefix(code, "round.") && !strings.HasPrefix(code, "task.") /* TestTaskProblemsInChinese */ {
			t.Errorf("no bad file shows %q", code)
		}
	}
	for _, tc := range []struct {
		p    domain.Problem
		want string
	}{
		{domain.Problem{File: "/x/有误.yaml", Line: 5, ItemID: "A1", Code: yamlnode.ProbUnknownKey,
			Args: map[string]string{"key": "weight"}}, "有误.yaml、第 5 行、指标 A1：未知的字段“weight”，请删除或改正拼写"},
		{domain.Problem{Line: 5, Code: catalog.ProbTotal, Args: map[string]string{"total": "10", "sum": "5"}},
			"第 5 行：各基础项满分之和为 5，与总分 10 不符，请改正总分（total）或各项满分（max）"},
		{domain.Problem{Line: 3, Code: yamlnode.ProbMapping, Args: map[string]string{"in": "category", "category": "A", "thing": "an item", "kind": "list"}},
			"第 3 行、分类 A：这里应填写若干“名称: 值”形式的内容，而不是一个列表"},
		{domain.Problem{ItemID: "A1", Code: domain.ProbUnanswered, Msg: "not answered"}, "指标 A1：尚未作答"},
	} {
		if got := ProblemText(tc.p); got != tc.want {
			t.Errorf("ProblemText(%v) = %q, want %q", tc.p, got, tc.want)
		}
	}
}

// TestFallback writes the English message of a problem the user interface
// cannot write: an unknown code, or Args without a value the text needs.
func TestFallback(t *testing.T) {
	useLanguage(t, "zh_CN")
	for _, p := range []domain.Problem{
		{Code: "storage.something", Msg: "something is wrong"},
		{Code: domain.ProbWrongField, Msg: "level is not valid text"},
		{Code: yamlnode.ProbMapping, Msg: "x must be a mapping", Args: map[string]string{"thing": "x"}},
	} {
		if got := ProblemMessage(p); got != p.Msg {
			t.Errorf("ProblemMessage(%v) = %q, want %q", p, got, p.Msg)
		}
	}
}

// TestEnglish writes problems with the English templates.
func TestEnglish(t *testing.T) {
	useLanguage(t, "en_US")
	p := domain.NewProblem(catalog.ProbTotal, "total is {total} but the base items' max add up to {sum}", "total", "10", "sum", "5")
	p.File, p.Line = "demo.yaml", 5
	want := "demo.yaml, line 5: The total is 10, but the full points of the base items add up to 5. Correct the total or the items' max."
	if got := ProblemText(p); got != want {
		t.Errorf("ProblemText = %q, want %q", got, want)
	}
	if got := ErrorText(domain.Errorf(domain.ELOCKED, "x")); got != "The assessment has been submitted and can no longer be changed." {
		t.Errorf("ErrorText(ELOCKED) = %q", got)
	}
}

// TestEveryCodeWritten writes every problem code in Chinese and in
// English with a value for each field of its template: the text must be
// the translation (not the English fallback Msg), fill every field, and
// hold each value given.
func TestEveryCodeWritten(t *testing.T) {
	for _, locale := range []string{"zh_CN", "en_US"} {
		t.Run(locale, func(t *testing.T) {
			useLanguage(t, locale)
			for _, code := range problemCodes(t) {
				tmpl, ok := problemTemplates[code]
				if !ok {
					t.Errorf("%s: no template", code)
					continue
				}
				p := domain.Problem{Code: code, Msg: "FALLBACK", Args: map[string]string{}}
				for i, f := range fieldSet(tmpl) {
					if f == "got" {
						p.Args["kind"], p.Args["value"] = "value", "v"+strconv.Itoa(i)
						continue
					}
					p.Args[f] = "v" + strconv.Itoa(i) + "x"
				}
				got := ProblemMessage(p)
				if got == p.Msg || strings.TrimSpace(got) == "" {
					t.Errorf("%s: written as %q", code, got)
				}
				for _, bad := range []string{"{{", "}}", "<no value>", "%!"} {
					if strings.Contains(got, bad) {
						t.Errorf("%s: %q leaves a field unfilled (%s)", code, got, bad)
					}
				}
				for k, v := range p.Args { // a Chinese text may leave out an English detail
					if strings.HasPrefix(code, "package.") && slices.Contains(codedArgs, k) {
						continue // a code, written in words (package.go): never shown as it is
					}
					if locale == "en_US" && k != "kind" && k != "value" && !strings.Contains(got, v) {
						t.Errorf("%s: %q lacks %s=%q", code, got, k, v)
					}
				}
			}
		})
	}
}

// codedArgs are the Args of package problems that hold a code, not a
// value to show (internal/exchange, errors.go).
var codedArgs = []string{"why", "at", "detail"}

// TestWorkflowInChinese writes the domain's refusals in Chinese, with the
// status and action in words.
func TestWorkflowInChinese(t *testing.T) {
	useLanguage(t, "zh_CN")
	a := &domain.Assessment{ID: 1, Status: domain.Submitted, Unit: domain.Unit{ID: 1, Name: "一所"}}
	staff := domain.User{Name: "王五", Roles: []domain.Role{domain.RoleStaff}}
	for _, tc := range []struct {
		err  error
		want string
	}{
		{domain.Authorize(staff, domain.ActEdit, a), "该评测已提交，在退回之前不能修改答案和佐证材料"},
		{domain.Authorize(staff, domain.ActReview, a), "您的角色不允许审核评分项。请向管理员申请相应的角色"},
		{domain.Authorize(domain.User{Name: "李四", Roles: domain.Roles}, domain.ActApprove, &domain.Assessment{Status: domain.Draft}),
			"该评测还是草稿，只有已提交的评测才能审核通过"},
	} {
		ps := domain.ErrorProblems(tc.err)
		if len(ps) != 1 {
			t.Fatalf("%v: problems %v", tc.err, ps)
		}
		if got := ProblemText(ps[0]); got != tc.want {
			t.Errorf("ProblemText(%v) = %q, want %q", ps[0], got, tc.want)
		}
	}
	if got := ErrorText(domain.Authorize(staff, domain.ActManageUnits, nil)); !strings.Contains(got, "权限") {
		t.Errorf("ErrorText(EFORBIDDEN) = %q", got)
	}
}
