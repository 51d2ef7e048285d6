"""What the swap and leave rules wrote into ``rule_results`` as English or Chinese text before
their results were stored as codes: each message's key with the two texts it was written in, for
the migration "coded rule results" to read the old texts back. Frozen: what the program says now
lives in ``app.roster.rules.MESSAGES`` and the translations."""

from __future__ import annotations

RULE_TEXTS: dict[str, tuple[str, ...]] = {
    "consent.self": (
        "You cannot swap a shift with yourself: name a colleague.",
        "不能和自己换班，请选择一位同事。",
    ),
    "consent.gone": (
        "{name} is not on the team any more.",
        "{name}已不在团队中。",
    ),
    "consent.declined": (
        "{name} declined the swap.",
        "{name}拒绝了换班。",
    ),
    "consent.waiting": (
        "{name} has still to accept the swap.",
        "还需{name}同意换班。",
    ),
    "consent.given": (
        "{requester} asked and {colleague} accepted.",
        "{requester}提出，{colleague}已同意。",
    ),
    "approval.approved": (
        "Approved by the department manager; the roster is changed.",
        "部门经理已批准，值班表已调整。",
    ),
    "approval.rejected": (
        "The department manager rejected the swap.",
        "部门经理驳回了换班。",
    ),
    "approval.waiting": (
        "Takes effect only when the department manager approves; the roster changes then.",
        "经部门经理批准后方可生效，届时值班表才会调整。",
    ),
    "monthly_limit.over": (
        "{name} already has {count} swap(s) in {month} (including {waiting} waiting for approval); at most {limit} a month are allowed.",
        "{name} 在 {month} 已有 {count} 次换班（含待批 {waiting} 次），每月最多 {limit} 次。",
    ),
    "monthly_limit.within": (
        "Neither of you goes over {limit} swaps in the month.",
        "双方本月换班均未超过 {limit} 次。",
    ),
    "monthly_limit.waiting": (
        "(Counting {n} swap(s) still waiting for approval.)",
        "（已计入待批的 {n} 次换班。）",
    ),
    "consecutive.found": (
        "{name} already has a swapped shift on {date} (swap no. {id}); swapped shifts may not follow one another.",
        "{name}在 {date} 已有换班（换班单 {id} 号），换班不得连续。",
    ),
    "consecutive.none": (
        "No other swap of either of you falls next to these days.",
        "双方在这两天前后都没有其他换班。",
    ),
    "back_to_back.overlap": (
        "{name} would work {taken} and {other} at the same time.",
        "{name}的{taken}与{other}时间冲突。",
    ),
    "back_to_back.short": (
        "{name} would work {taken} and {other} with only {gap} minutes between them (at least {minimum} are needed).",
        "{name}的{taken}与{other}之间只隔 {gap} 分钟（至少需要 {minimum} 分钟），构成连班。",
    ),
    "back_to_back.kept": (
        "Both of you keep a break of at least {minimum} minutes.",
        "双方班次之间都至少间隔 {minimum} 分钟。",
    ),
    "leave.found": (
        "{name} has leave from {start} to {end}, over the {slot}; there is no leave on a swapped or returned shift.",
        "{name}在 {start} 至 {end} 请假，覆盖了{slot}；换班和还班均不得请假。",
    ),
    "leave.none": (
        "Neither of you has leave on these shifts.",
        "双方在这两个班次都没有请假。",
    ),
    "holiday.found": (
        "{date} is a public holiday ({name}); whoever is on duty then may not swap.",
        "{date} 是法定节假日（{name}），节假日当班人员不允许换班。",
    ),
    "holiday.none": (
        "Neither day is a public holiday.",
        "两天都不是法定节假日。",
    ),
    "return.same": (
        "The return shift must be a different shift from the one given.",
        "还班班次不能与换出的班次相同。",
    ),
    "return.missing": (
        "{name} is not on the roster for {slot}, so it cannot be returned.",
        "{name}没有排在{slot}，无法用来还班。",
    ),
    "return.named": (
        "{name} returns the {slot}.",
        "{name}以{slot}还班。",
    ),
    "coverage.approved": (
        "Both hand over at the change of shift; an empty shift is an absence for both.",
        "双方须交接清楚；换班后出现空岗，视为双方旷工。",
    ),
    "coverage.missing": (
        "{name} is not on the roster for {slot}.",
        "{name}没有排在{slot}。",
    ),
    "coverage.double": (
        "{name} is already on the {slot}: the swap would leave one post empty.",
        "{name}已排在{slot}，换班后会出现空岗。",
    ),
    "coverage.kept": (
        "Every shift keeps its person. Both hand over at the change of shift; an empty shift is an absence for both.",
        "每个班次都有人值守。双方须交接清楚；出现空岗视为双方旷工。",
    ),
    "leave_swapped.found": (
        "The {slot} is part of swap no. {id}; there is no leave on a swapped or returned shift.",
        "{slot}属于换班单 {id} 号；换班和还班均不得请假。",
    ),
    "leave_swapped.none": (
        "No swapped or returned shift falls in the leave.",
        "请假期间没有换班或还班的班次。",
    ),
    "leave_holiday.found": (
        "{name} is on duty on {slot}, a public holiday ({holiday}); holiday duty allows no leave.",
        "{name}排在{slot}，当天是法定节假日（{holiday}），节假日当班人员不允许请假。",
    ),
    "leave_holiday.none": (
        "No public-holiday duty falls in the leave.",
        "请假期间没有节假日值班。",
    ),
    "notice.short": (
        "One day or less: no notice or substitute needed.",
        "不超过一天，无需提前申请或代班人。",
    ),
    "notice.late": (
        "Leave of more than a day must be asked at least {days} day(s) before it starts.",
        "请假超过一天，须至少提前 {days} 天申请。",
    ),
    "notice.no_substitute": (
        "Leave of more than a day needs a named substitute.",
        "请假超过一天，须指定代班人。",
    ),
    "notice.bad_substitute": (
        "The substitute must be another active colleague.",
        "代班人须是另一位在职同事。",
    ),
    "notice.in_time": (
        "Asked in time; {name} stands in.",
        "已按时申请，由{name}代班。",
    ),
}
