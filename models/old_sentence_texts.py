"""What the program wrote as English or Chinese text, before it kept its sentences as a key and
values (``app.sentences``), into the audit trail's summaries, a contact's callback reason and an
onboarding step's note: each sentence's key with the texts it was written in, for the migration
"coded sentences" to read the old texts back. Frozen: what the program says now lives in
``app.sentences`` and the translations."""

from __future__ import annotations

SENTENCE_TEXTS: dict[str, tuple[str, ...]] = {
    "demo.users": (
        "users: manager, agent1..agent{last} (password: {password})",
        "用户：manager、agent1 至 agent{last}（密码：{password}）",
    ),
    "demo.customers": (
        "customers: {customers} ({organisations} organisations), {requests} onboarding requests, "
        "{installed} installations ({late} late), {repaired} repairs ({open} open, {loaners} "
        "loaners out) in {seconds} s",
        "客户：{customers} 位（其中单位 {organisations} 个），建档申请 {requests} 条，安装 "
        "{installed} 次（逾期 {late} 次），报修 {repaired} 次（未结 {open} 次，借出备用机 "
        "{loaners} 台），用时 {seconds} 秒",
    ),
    "demo.customers_added": ("demo: {count} customers",),
    "demo.complaints": (
        "complaints: {total} over {months} months ({overdue} overdue) in {seconds} s",
        "投诉：{months} 个月共 {total} 条（已超期 {overdue} 条），用时 {seconds} 秒",
    ),
    "demo.roster": (
        "roster: {entries} shifts {first}..{last}, swaps ({swaps}), {leaves} leave requests, "
        "{handovers} handovers",
        "排班：{first} 至 {last} 共 {entries} 个班次，换班（{swaps}），请假申请 {leaves} 条，"
        "交接记录 {handovers} 条",
    ),
    "demo.roster_short": ("roster: needs at least two agents",),
    "demo.callbacks": (
        "callbacks: {total} from events and agents' own follow-ups ({states}), {attempts} "
        "attempts, {care} regular-care; {seconds} s",
        "回访：{total} 条，来自业务事件和客服代表自己安排的跟进（{states}），拨打 {attempts} "
        "次，定期回访 {care} 条；用时 {seconds} 秒",
    ),
    "demo.contacts": (
        "contacts: {total} ({orders} orders, {slow} answered after 15 s)",
        "来电登记：{total} 条（成交 {orders} 条，超过 15 秒才接听 {slow} 条）",
    ),
    "demo.worklog": (
        "work logs: {arrivals} arrivals, {notes} days with notes, {summaries} monthly summaries",
        "工作日志：到岗记录 {arrivals} 条，有备注的 {notes} 天，月度总结 {summaries} 份",
    ),
    "customers.merged": (
        "{other} (No. {oid}) merged into {keep} (No. {kid})",
        "{other}（编号 {oid}）已合并到 {keep}（编号 {kid}）",
    ),
    "customers.imported_from": ("imported from {file}", "从 {file} 导入"),
    "imported.record": ("{record} (import)",),
    "callbacks.done": ("callback done",),
    "callbacks.done_closed": ("callback done: complaint closed",),
    "callbacks.call": ("callback attempt: {result}", "callback {result}"),
    "callbacks.given_to": ("callback to {login}",),
    "backup.made": ("{reason}: {file}",),
    "contacts.call_back": (
        "Call back about: {topic} {note}",
        "回电：{topic} {note}",
        "Call back about: {topic}",
        "回电：{topic}",
    ),
    "onboarding.installed": (
        "From the installation of {product}.",
        "由 {product} 的安装记录自动记入。",
    ),
}

# the words of the states counted in the demo's lines, by their code
STATE_WORDS: dict[str, tuple[str, ...]] = {
    # callbacks
    "due": ("due today", "今日到期"),
    "overdue": ("overdue", "已逾期"),
    "upcoming": ("upcoming", "待到期"),
    "pending": ("Pending", "待回访"),
    "rescheduled": ("Rescheduled", "已改期"),
    "done": ("Done", "已完成"),
    "unreachable": ("Unreachable", "无法联系"),
    # swaps
    "pending_colleague": ("Waiting for the colleague", "待同事确认"),
    "pending_manager": ("Waiting for the manager", "待经理审批"),
    "approved": ("Approved", "已批准"),
    "rejected": ("Rejected", "已驳回"),
    "declined": ("Declined by the colleague", "同事已拒绝"),
    "withdrawn": ("Withdrawn", "已撤回"),
}
