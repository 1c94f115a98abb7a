package message

import (
	"strings"

	"pingce/internal/domain"
)

// taskArgs writes the step and state of a register problem (task.*) by
// their Chinese names, as the register itself shows them.
func taskArgs(p domain.Problem, data map[string]any) {
	if !strings.HasPrefix(p.Code, "task.") {
		return
	}
	if v, ok := p.Args["step"]; ok {
		if n := domain.TaskActionNames[domain.TaskAction(v)]; n != "" {
			data["step"] = n
		}
	}
	if v, ok := p.Args["state"]; ok {
		if n := domain.TaskStatusNames[domain.TaskStatus(v)]; n != "" {
			data["state"] = n
		}
	}
	if v, ok := p.Args["field"]; ok {
		if n := taskFieldNames[v]; n != "" {
			data["field"] = n
		}
	}
}

// taskFieldNames names the register's fields as its columns do.
var taskFieldNames = map[string]string{"problem": "问题描述", "measure": "整改措施", "owner": "责任人",
	"target": "整改目标", "lead": "责任单位（主办）", "assist": "责任单位（协办）", "checker": "复核人",
	"due": "完成时限", "note": "进展情况", "text": "意见"}
