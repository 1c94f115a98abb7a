// Package message writes errors and problems for the user, in the user's
// language: the sentence for a domain error code, and each problem of a
// catalog or answers file from its code and named values, with its place
// ("文件、第 N 行、指标 X："). The home screen and the walk-through share it.
//
// The package carries its own translations and adds them to Fyne's on
// first use.
package message

import (
	"embed"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"pingce/internal/domain"
)

//go:embed translations
var translations embed.FS

var register sync.Once

// registered adds the package's translations to Fyne's, once.
func registered() {
	register.Do(func() {
		if err := AddTranslations(translations, "translations"); err != nil {
			fyne.LogError("message translations", err)
		}
	})
}

// ErrorText turns an error into a sentence that says what went wrong and
// what to do, in the user's language, from its domain error code — or,
// for an exchange package's refusal, from its package.* problem.
func ErrorText(err error) string {
	registered()
	for _, p := range domain.ErrorProblems(err) { // a package's refusal: what to do about the package
		if strings.HasPrefix(p.Code, "package.") {
			return packageAdvice(p.Code)
		}
	}
	switch domain.ErrorCode(err) {
	case "":
		return ""
	case domain.ELOCKED:
		return lang.L("The assessment has been submitted and can no longer be changed.")
	case domain.EINVALID:
		return lang.L("Some input does not fit. Check what was entered and try again.")
	case domain.ENOTFOUND:
		return lang.L("It no longer exists: someone may have deleted it. Go back, open it again and retry.")
	case domain.ECONFLICT:
		return lang.L("It already exists or someone else changed it at the same time. Go back, open it again and retry.")
	case domain.EBLOCKED:
		return lang.L("Some items still need attention before the assessment can be submitted.")
	case domain.EFORBIDDEN:
		return lang.L("You are not allowed to do this. Ask your administrator for the role it needs.")
	case domain.ETOOLARGE:
		return lang.L("The file is too large. Use a smaller file (for example scan at a lower resolution) and add it again.")
	}
	return lang.L("Something went wrong. Try again; if it happens again, restart Pingce or tell your administrator.")
}

// localizeKey is lang.X for keys built from problem codes: the translation
// tests cannot follow a computed key, so TestProblemTranslations checks
// every code instead.
var localizeKey = lang.X

// templateField matches the fields of a problem template.
var templateField = regexp.MustCompile(`\{\{\s*\.([A-Za-z_]+)\s*\}\}`)

// ProblemMessage says what is wrong in the user's language, from the
// problem's Code and Args (see problemTemplates), or its English Msg when
// the code is unknown or the Args lack a value its text needs.
func ProblemMessage(p domain.Problem) string {
	registered()
	tmpl, ok := problemTemplates[p.Code]
	if !ok {
		return p.Msg
	}
	data := make(map[string]any, len(p.Args)+1)
	for k, v := range p.Args {
		data[k] = v
	}
	if kind, ok := p.Args["kind"]; ok {
		data["got"] = kindText(kind, p.Args["value"])
	}
	if key, ok := p.Args["key"]; ok {
		data["key"] = fieldName(key) // “适用单位（applies_to）”, not the bare key
	}
	if st, ok := p.Args["status"]; ok {
		data["status"] = statusText(domain.AssessmentStatus(st))
	}
	if act, ok := p.Args["action"]; ok {
		data["action"] = actionText(domain.Action(act))
	}
	taskArgs(p, data) // task.go
	if strings.HasPrefix(p.Code, "package.") {
		packageArgs(p, data) // package.go
	}
	for _, m := range templateField.FindAllStringSubmatch(tmpl, -1) {
		if _, ok := data[m[1]]; !ok {
			return p.Msg
		}
	}
	return localizeKey("problem."+p.Code, tmpl, data)
}

// kindText says what was written where something else belonged (the
// "kind" and "value" of a problem's Args).
func kindText(kind, value string) string {
	switch kind {
	case "mapping":
		return lang.L("a set of “name: value” lines")
	case "list":
		return lang.L("a list")
	case "alias":
		return lang.L("an alias (*name)")
	case "nothing":
		return lang.L("nothing")
	case "value":
		return "“" + value + "”"
	}
	return lang.L("something else")
}

// statusText says in the user's language what an assessment in status st
// is, to follow "the assessment is".
func statusText(st domain.AssessmentStatus) string {
	switch st {
	case domain.Draft:
		return lang.L("a draft")
	case domain.Submitted:
		return lang.L("submitted")
	case domain.Returned:
		return lang.L("returned")
	case domain.Approved:
		return lang.L("approved")
	}
	return string(st)
}

// actionText says in the user's language what doing act is, to follow
// "may not".
func actionText(act domain.Action) string {
	switch act {
	case domain.ActCreate:
		return lang.L("start assessments")
	case domain.ActDelete:
		return lang.L("delete drafts")
	case domain.ActEdit:
		return lang.L("edit answers and evidence")
	case domain.ActSubmit:
		return lang.L("submit assessments")
	case domain.ActReview:
		return lang.L("review items")
	case domain.ActReturn:
		return lang.L("return assessments")
	case domain.ActApprove:
		return lang.L("approve assessments")
	case domain.ActManageUnits:
		return lang.L("manage units")
	case domain.ActManageCatalogs:
		return lang.L("manage catalogs")
	case domain.ActManageRounds:
		return lang.L("manage rounds")
	}
	return string(act)
}

// ProblemPlace says where a problem is, in the user's language: the file,
// line, item and part of the file, as "demo.yaml, line 12, item A1"; ""
// when the problem says nothing of where it is.
func ProblemPlace(p domain.Problem) string {
	registered()
	var where []string
	if p.File != "" {
		where = append(where, filepath.Base(p.File))
	}
	if p.Line > 0 {
		where = append(where, lang.L("line {{.Line}}", map[string]any{"Line": p.Line}))
	}
	if p.ItemID != "" {
		where = append(where, lang.L("item {{.ID}}", map[string]any{"ID": p.ItemID}))
	}
	if in := p.Args["in"]; in != "" {
		if in == "category" && p.Args["category"] == "" {
			in = "category_no_id"
		}
		if tmpl, ok := placeTemplates[in]; ok {
			where = append(where, localizeKey("problem.in."+in, tmpl, map[string]any{"category": p.Args["category"]}))
		}
	}
	return strings.Join(where, lang.X("problem.sep", ", "))
}

// ProblemText writes a problem with its place in the user's language:
// "demo.yaml、第 12 行、指标 A1：缺少字段“max”，请补上".
func ProblemText(p domain.Problem) string {
	what := ProblemMessage(p)
	if where := ProblemPlace(p); where != "" {
		return where + lang.X("problem.colon", ": ") + what
	}
	return what
}
