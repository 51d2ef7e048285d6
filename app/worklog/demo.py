"""Demo work logs: arrivals before each shift (some late), notes for most days, and the monthly
summaries of the months gone by with the manager's comments. The same seed gives the same data."""

from __future__ import annotations

import datetime as dt

from app import clock, sentences
from app.complaints.bulk import bulk_insert
from app.demo import DemoContext
from app.roster.shifts import parse_segments
from app.sentences import Sentence
from models import AuditLog, RosterEntry, Shift, WorkLog, WorkSummary, database

PROBLEMS = [
    "",
    "",
    "系统下午卡顿两次，已报信息部",
    "有客户反复来电催维修进度",
    "录播系统新版本的问题咨询较多",
    "电话线路短暂中断约十分钟",
    "一位客户情绪激动，已按投诉流程登记",
]
HAND_ON = [
    "",
    "",
    "钱老师的白板维修结果需回电确认",
    "实验小学明天上午安装，提醒工程师",
    "两位客户等报价单，已转销售",
    "投诉单待经理审核",
]
SUGGESTIONS = [
    "",
    "",
    "",
    "建议补充新型号的常见问题话术",
    "建议高峰时段增加一名值班人员",
    "希望维修进度能在系统中直接查询",
]
SUMMARIES = [
    "本月按时到岗，接待来电较上月增加，投诉均按时处理。下月重点熟悉新产品。",
    "本月完成回访任务较好，有两次迟到，下月改进。售前咨询转化有提高。",
    "来电量大，平均响应时间控制在 15 秒内；需加强售后技术问题的解答能力。",
]
COMMENTS = [
    "工作认真，继续保持。",
    "响应速度好，注意通话时长控制在 3 到 5 分钟。",
    "迟到需改进，提前 10 到 15 分钟到岗交接。",
    "",
]


def fill(ctx: DemoContext) -> Sentence:
    rng = ctx.rng
    first = ctx.months_back()
    now = clock.now()
    staff = {u.id for u in ctx.agents}
    starts: dict[tuple[int, dt.date], dt.datetime] = {}
    for agent_id, on_date, segments in (
        RosterEntry.select(RosterEntry.agent, RosterEntry.on_date, Shift.segments)
        .join(Shift)
        .where(RosterEntry.on_date >= first, RosterEntry.on_date <= ctx.today)
        .tuples()
    ):
        if agent_id not in staff:
            continue
        try:
            start = dt.datetime.combine(on_date, parse_segments(segments)[0][0])
        except ValueError:
            continue
        key = (agent_id, on_date)
        starts[key] = min(starts.get(key, start), start)
    logins = []
    logs = []
    for (agent_id, day), start in sorted(starts.items()):
        roll = rng.random()
        early = (
            rng.randint(10, 18)
            if roll < 0.78
            else rng.randint(2, 9)
            if roll < 0.9
            else -rng.randint(1, 12)
        )
        arrived = start - dt.timedelta(minutes=early, seconds=rng.randrange(60))
        if arrived > now:
            continue
        logins.append(
            {
                "at": arrived,
                "user": agent_id,
                "action": "login",
                "table": "user",
                "record_id": agent_id,
                "summary": "",
                "changes": "{}",
            }
        )
        if day < ctx.today and rng.random() < 0.8:
            logs.append(
                {
                    "agent": agent_id,
                    "day": day,
                    "calls": 0,
                    "complaints": 0,
                    "callbacks": 0,
                    "note": rng.choice(PROBLEMS),
                    "hand_on": rng.choice(HAND_ON),
                    "suggestions": rng.choice(SUGGESTIONS),
                    "version": 1,
                    "created_at": dt.datetime.combine(day, dt.time(17, 55)),
                    "updated_at": dt.datetime.combine(day, dt.time(17, 55)),
                }
            )
    summaries = []
    month = clock.Month.of(first)
    while month.end <= dt.datetime.combine(ctx.today, dt.time()):
        for agent in ctx.agents:
            comment = rng.choice(COMMENTS)
            written = month.end + dt.timedelta(days=1, hours=9)
            summaries.append(
                {
                    "agent": agent.id,
                    "period": "month",
                    "first_day": month.first_day,
                    "summary": rng.choice(SUMMARIES),
                    "comment": comment,
                    "commented_by": ctx.manager.id if comment else None,
                    "commented_at": written + dt.timedelta(days=1) if comment else None,
                    "version": 2 if comment else 1,
                    "created_at": written,
                    "updated_at": written,
                }
            )
        month = month.next()
    with database.atomic():
        bulk_insert(AuditLog, logins)
        bulk_insert(WorkLog, logs)
        bulk_insert(WorkSummary, summaries)
    return sentences.say(
        "demo.worklog", arrivals=len(logins), notes=len(logs), summaries=len(summaries)
    )
