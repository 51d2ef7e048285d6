"""The codes a complaint stores (status, channel, category, severity, step kind, satisfaction) and
their labels: translated for display, and read back from Chinese or English labels on import."""

from __future__ import annotations

from app.i18n import QT_TRANSLATE_NOOP, translate

CONTEXT = "ComplaintLabels"

STATUSES = ("open", "in_progress", "resolved", "closed", "reopened")
OPEN_STATUSES = ("open", "in_progress", "reopened")
SEVERITIES = ("normal", "serious", "major")
REPORTED_SEVERITIES = ("serious", "major")
STEP_KINDS = ("phone", "engineer", "remote", "onsite", "note")
SATISFACTION_LEVELS = (5, 4, 3, 2, 1)
PRINCIPLES = (
    "confirm",
    "apologise",
    "thank",
    "propose",
    "file",
    "no_refusal",
    "no_argument",
    "inform_changes",
)

# code -> (English source text, Simplified Chinese). The English text is what Qt translates for
# display; both texts are accepted when a label is read back from a spreadsheet.
_TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "status": {
        "open": (QT_TRANSLATE_NOOP("ComplaintLabels", "Open"), "待处理"),
        "in_progress": (QT_TRANSLATE_NOOP("ComplaintLabels", "In progress"), "处理中"),
        "resolved": (QT_TRANSLATE_NOOP("ComplaintLabels", "Resolved"), "已解决"),
        "closed": (QT_TRANSLATE_NOOP("ComplaintLabels", "Closed after callback"), "已回访结案"),
        "reopened": (QT_TRANSLATE_NOOP("ComplaintLabels", "Reopened"), "重新处理"),
    },
    "channel": {
        "phone": (QT_TRANSLATE_NOOP("ComplaintLabels", "Phone hotline"), "电话"),
        "live": (QT_TRANSLATE_NOOP("ComplaintLabels", "Live-stream room"), "直播间"),
        "form": (QT_TRANSLATE_NOOP("ComplaintLabels", "Online form"), "在线表单"),
        "email": (QT_TRANSLATE_NOOP("ComplaintLabels", "E-mail"), "邮件"),
        "wechat": (QT_TRANSLATE_NOOP("ComplaintLabels", "WeChat"), "微信"),
        "walkin": (QT_TRANSLATE_NOOP("ComplaintLabels", "Walk-in"), "到访"),
    },
    "category": {
        "quality": (QT_TRANSLATE_NOOP("ComplaintLabels", "Product quality"), "产品质量"),
        "delivery": (QT_TRANSLATE_NOOP("ComplaintLabels", "Delivery and logistics"), "配送物流"),
        "attitude": (QT_TRANSLATE_NOOP("ComplaintLabels", "Service attitude"), "服务态度"),
        "price": (QT_TRANSLATE_NOOP("ComplaintLabels", "Price and billing"), "价格费用"),
        "installation": (QT_TRANSLATE_NOOP("ComplaintLabels", "Installation"), "安装"),
        "repair": (QT_TRANSLATE_NOOP("ComplaintLabels", "Repair"), "维修"),
        "other": (QT_TRANSLATE_NOOP("ComplaintLabels", "Other"), "其他"),
    },
    "severity": {
        "normal": (QT_TRANSLATE_NOOP("ComplaintLabels", "Normal"), "一般"),
        "serious": (QT_TRANSLATE_NOOP("ComplaintLabels", "Serious"), "严重"),
        "major": (QT_TRANSLATE_NOOP("ComplaintLabels", "Major"), "重大"),
    },
    "step": {
        "phone": (QT_TRANSLATE_NOOP("ComplaintLabels", "Phone talk"), "电话沟通"),
        "engineer": (QT_TRANSLATE_NOOP("ComplaintLabels", "Engineer callback"), "工程师回电"),
        "remote": (QT_TRANSLATE_NOOP("ComplaintLabels", "Remote assistance"), "远程协助"),
        "onsite": (QT_TRANSLATE_NOOP("ComplaintLabels", "On-site visit"), "上门服务"),
        "note": (QT_TRANSLATE_NOOP("ComplaintLabels", "Note"), "备注"),
        "status": (QT_TRANSLATE_NOOP("ComplaintLabels", "Status change"), "状态变更"),
    },
    "satisfaction": {
        "5": (QT_TRANSLATE_NOOP("ComplaintLabels", "Very satisfied"), "非常满意"),
        "4": (QT_TRANSLATE_NOOP("ComplaintLabels", "Satisfied"), "满意"),
        "3": (QT_TRANSLATE_NOOP("ComplaintLabels", "Neutral"), "一般"),
        "2": (QT_TRANSLATE_NOOP("ComplaintLabels", "Dissatisfied"), "不满意"),
        "1": (QT_TRANSLATE_NOOP("ComplaintLabels", "Very dissatisfied"), "非常不满意"),
    },
    "principle": {
        "confirm": (
            QT_TRANSLATE_NOOP("ComplaintLabels", "Confirmed the complaint's content"),
            "确认投诉内容",
        ),
        "apologise": (
            QT_TRANSLATE_NOOP("ComplaintLabels", "Apologised for the inconvenience"),
            "为给客户带来的不便致歉",
        ),
        "thank": (QT_TRANSLATE_NOOP("ComplaintLabels", "Thanked the customer"), "感谢客户"),
        "propose": (QT_TRANSLATE_NOOP("ComplaintLabels", "Proposed a solution"), "提出解决方案"),
        "file": (QT_TRANSLATE_NOOP("ComplaintLabels", "Filed it for analysis"), "存档以便分析"),
        "no_refusal": (
            QT_TRANSLATE_NOOP(
                "ComplaintLabels", "Did not refuse, argue, lecture or blame the customer"
            ),
            "未拒绝、争辩、说教或暗示客户有错",
        ),
        "no_argument": (
            QT_TRANSLATE_NOOP("ComplaintLabels", "Kept calm and listened to the end"),
            "保持冷静，耐心听完",
        ),
        "inform_changes": (
            QT_TRANSLATE_NOOP("ComplaintLabels", "Told the customer of every change"),
            "如有变化及时告知客户",
        ),
    },
}


# the shorter labels a list shows where its columns are narrow (the registry on a 1366 px laptop),
# the whole label in the cell's tooltip; a code without one shows its whole label. The Chinese
# labels are short already: the translations are the same.
_SHORT: dict[str, dict[str, str]] = {
    "channel": {
        "phone": QT_TRANSLATE_NOOP("ComplaintLabels", "Phone"),
        "live": QT_TRANSLATE_NOOP("ComplaintLabels", "Live stream"),
        "form": QT_TRANSLATE_NOOP("ComplaintLabels", "Web form"),
    },
    "category": {
        "quality": QT_TRANSLATE_NOOP("ComplaintLabels", "Quality"),
        "delivery": QT_TRANSLATE_NOOP("ComplaintLabels", "Delivery"),
        "attitude": QT_TRANSLATE_NOOP("ComplaintLabels", "Attitude"),
        "price": QT_TRANSLATE_NOOP("ComplaintLabels", "Price"),
    },
}


def short_label(kind: str, code: object) -> str:
    """The label of a code as a narrow column shows it (``Delivery`` for "Delivery and
    logistics"; in Chinese the whole label, 配送物流)."""
    short = _SHORT.get(kind, {}).get(str(code))
    return translate(CONTEXT, short) if short else label(kind, code)


def label(kind: str, code: object) -> str:
    """The display label of a code in the current language; an unknown code is its own label."""
    if code is None or code == "":
        return ""
    entry = _TEXTS[kind].get(str(code))
    return translate(CONTEXT, entry[0]) if entry else str(code)


def status_label(code: str) -> str:
    return label("status", code)


def channel_label(code: str) -> str:
    return label("channel", code)


def category_label(code: str) -> str:
    return label("category", code)


def severity_label(code: str) -> str:
    return label("severity", code)


def step_label(code: str) -> str:
    return label("step", code)


def satisfaction_label(score: int | None) -> str:
    return label("satisfaction", score) if score else ""


def principle_label(code: str) -> str:
    return label("principle", code)


def _norm(text: str) -> str:
    return "".join(str(text).split()).casefold()


def parse(kind: str, text: str, allowed: list[str] | tuple[str, ...] | None = None) -> str | None:
    """The code for a label, a code, or a team-added entry; ``None`` when nothing matches."""
    wanted = _norm(text)
    if not wanted:
        return None
    codes = list(allowed) if allowed is not None else list(_TEXTS[kind])
    for code in codes:
        entry = _TEXTS[kind].get(code)
        candidates = {_norm(code)}
        if entry:
            candidates |= {_norm(entry[0]), _norm(entry[1]), _norm(translate(CONTEXT, entry[0]))}
        if wanted in candidates:
            return code
    return None


def parse_satisfaction(text: str) -> int | None:
    """1..5 from a digit or a label; ``None`` for an empty cell; ``ValueError`` otherwise."""
    raw = str(text).strip()
    if not raw:
        return None
    if raw.endswith(".0"):
        raw = raw[:-2]
    if raw.isdigit():
        value = int(raw)
        if 1 <= value <= 5:
            return value
        raise ValueError(raw)
    code = parse("satisfaction", raw)
    if code is None:
        raise ValueError(raw)
    return int(code)
