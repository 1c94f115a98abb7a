package message

import (
	"testing"
	"time"

	"pingce/internal/domain"
)

// TestTaskProblemsInChinese writes the register's refusals as the domain
// makes them, in Chinese, with the steps, states and fields named as the
// register names them.
func TestTaskProblemsInChinese(t *testing.T) {
	useLanguage(t, "zh_CN")
	unit := domain.User{Name: "张三", Unit: 3, Roles: []domain.Role{domain.RoleStaff}}
	lead := domain.User{Name: "刘建国", Unit: 1, Roles: []domain.Role{domain.RoleReviewer}}
	due, _ := domain.ParseDate("2026-06-30")
	newTask := func(st domain.TaskStatus) *domain.Task {
		return &domain.Task{ID: 1, UnitID: 3, Status: st, Due: due}
	}
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"unit closes", newTask(domain.TaskClosureRequested).Step(unit, domain.TaskActClose, domain.TaskStep{Text: "x"}, now),
			"张三无权销号：由责任单位申请销号，由交办方销号"},
		{"closed", newTask(domain.TaskClosed).Step(lead, domain.TaskActClose, domain.TaskStep{Text: "x"}, now),
			"该事项已销号，不能销号"},
		{"no evidence", newTask(domain.TaskClosureRequested).Step(lead, domain.TaskActClose, domain.TaskStep{Text: "x"}, now),
			"销号须有佐证材料：请先上传文件"},
		{"no comment", func() error {
			tk := newTask(domain.TaskClosureRequested)
			tk.Files = []domain.TaskFile{{Name: "a.pdf"}}
			return tk.Step(lead, domain.TaskActClose, domain.TaskStep{}, now)
		}(), "请填写意见（销号意见或退回理由）"},
		{"no reason", newTask(domain.TaskInProgress).Step(unit, domain.TaskActRequestExtend, domain.TaskStep{Due: due.AddDate(0, 1, 0)}, now),
			"申请延期须说明理由"},
		{"early date", newTask(domain.TaskInProgress).Step(unit, domain.TaskActRequestExtend, domain.TaskStep{Text: "x", Due: due}, now),
			"新的完成时限 2026-06-30 须晚于原时限 2026-06-30"},
		{"missing field", domain.ValidateTask(&domain.Task{Problem: "p", Owner: "o", Due: due, Source: domain.SourceManual, Kind: domain.KindOngoing}),
			"请填写整改措施"},
		{"bad kind", domain.ValidateTask(&domain.Task{Problem: "p", Measure: "m", Owner: "o", Due: due, Source: domain.SourceManual, Kind: "x"}),
			"“x”不是整改类型：请填写立行立改、限期整改或长期坚持"},
		{"carried", &domain.Error{Code: domain.EBLOCKED, Problems: domain.CarriedProblems([]string{"A1"})},
			"指标 A1：该答案沿用上轮，请确认或修改"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ps := domain.ErrorProblems(c.err)
			if len(ps) == 0 {
				t.Fatalf("no problem in %v", c.err)
			}
			if got := ProblemText(ps[0]); got != c.want {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
}
