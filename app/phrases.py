"""The library of standard answers and phrases 话术: titled texts by category, kept by the team."""

from __future__ import annotations

from dataclasses import dataclass

from app import audit, settings
from app.auth import require
from app.errors import NotFound, ValidationError
from app.i18n import translate
from app.operations import use_case
from app.records import save_changes
from models import Phrase as Phrase  # re-exported: the type the screen holds
from models import User, text_index


def search(text: str = "", category: str | None = None) -> list[Phrase]:
    """Phrases whose title or body contains ``text`` (any length, Chinese too), by title."""
    query = Phrase.select()
    if category:
        query = query.where(Phrase.category == category)
    text = text.strip()
    if text:
        query = query.where(Phrase.title.contains(text) | Phrase.body.contains(text))
        if (named := text_index.narrowed(text_index.PHRASES, Phrase.id, text)) is not None:
            query = query.where(named)
    return list(query.order_by(Phrase.category, Phrase.title))


def get_phrase(phrase_id: int) -> Phrase | None:
    """The phrase, or None when it was deleted meanwhile."""
    return Phrase.get_or_none(Phrase.id == phrase_id)


def categories() -> list[str]:
    configured = list(settings.get("phrase_categories"))
    used = [row.category for row in Phrase.select(Phrase.category).distinct()]
    return configured + sorted(c for c in used if c not in configured)


@dataclass(frozen=True)
class PhraseRow:
    """A phrase as the library shows it: ``text`` is the body filled in for the reader."""

    id: int
    version: int
    category: str
    title: str
    body: str
    text: str


@dataclass(frozen=True)
class Library:
    """What the phrases page shows: the categories to choose from and the phrases found."""

    categories: list[str]
    phrases: list[PhraseRow]


def library(reader: User, text: str = "", category: str | None = None) -> Library:
    """The phrases found by :func:`search`, each ready to read out for ``reader``."""
    values = _placeholder_values(reader)
    return Library(
        categories(),
        [
            PhraseRow(p.id, p.version, p.category, p.title, p.body, _fill(p.body, values))
            for p in search(text, category)
        ],
    )


def phrase_row(reader: User, phrase_id: int) -> PhraseRow | None:
    """One phrase as the library shows it (None when it was deleted meanwhile)."""
    phrase = get_phrase(phrase_id)
    if phrase is None:
        return None
    text = _fill(phrase.body, _placeholder_values(reader))
    return PhraseRow(phrase.id, phrase.version, phrase.category, phrase.title, phrase.body, text)


def _validate(category: str, title: str, body: str) -> dict[str, str]:
    errors = {}
    if not category.strip():
        errors["category"] = translate("Phrases", "Choose a category.")
    if not title.strip():
        errors["title"] = translate("Phrases", "The title is required.")
    if not body.strip():
        errors["body"] = translate("Phrases", "The text is required.")
    return errors


@use_case
def create_phrase(actor: User, *, category: str, title: str, body: str) -> Phrase:
    require(actor, "work")
    if errors := _validate(category, title, body):
        raise ValidationError(errors)
    phrase = Phrase.create(
        category=category.strip(), title=title.strip(), body=body.strip(), updated_by=actor
    )
    audit.record_create(actor, phrase, summary=phrase.title)
    return phrase


@use_case
def update_phrase(
    actor: User, phrase_id: int, *, category: str, title: str, body: str, expected_version: int
) -> Phrase:
    require(actor, "work")
    if errors := _validate(category, title, body):
        raise ValidationError(errors)
    phrase = Phrase.get_or_none(Phrase.id == phrase_id)
    if phrase is None:
        raise NotFound(translate("Phrases", "This phrase was deleted by someone else."))
    save_changes(
        actor,
        phrase,
        {
            "category": category.strip(),
            "title": title.strip(),
            "body": body.strip(),
            "updated_by": actor,
        },
        expected_version=expected_version,
        summary=title.strip(),
    )
    return phrase


@use_case
def delete_phrase(actor: User, phrase_id: int) -> None:
    require(actor, "work")
    phrase = Phrase.get_or_none(Phrase.id == phrase_id)
    if phrase is None:
        return
    audit.record_delete(actor, phrase, summary=phrase.title)
    phrase.delete_instance()


DEMO_PHRASES = [
    (
        "问候",
        "接听开场白",
        "您好，这里是{company}客服部，我是工号{no}的客服代表，请问有什么可以帮您？",
    ),
    (
        "问候",
        "回访开场白",
        "您好，请问是（客户称呼）吗？我是{company}客服部工号{no}的客服代表，想占用您几分钟做个回访，请问现在方便吗？",
    ),
    (
        "投诉安抚",
        "致歉",
        "非常抱歉给您带来了不便，您反映的问题我已经详细记录，我们会尽快为您处理。",
    ),
    ("投诉安抚", "确认内容", "为了确保准确，我跟您确认一下：您反映的是……，对吗？"),
    ("投诉安抚", "承诺时限", "我们会在{hours}小时内给您答复，处理进展有变化也会第一时间通知您。"),
    ("产品使用", "设备重启", "请您先长按电源键约10秒关机，等待30秒后再开机，看看问题是否还在。"),
    (
        "产品使用",
        "网络检查",
        "请您查看设备右上角的网络图标，如显示未连接，请在“设置-网络”中重新连接学校的无线网络。",
    ),
    (
        "维修",
        "派单说明",
        "您的问题需要工程师上门检测，我已为您提交服务派单，工程师会在24小时内与您联系预约时间。",
    ),
    (
        "维修",
        "备用机说明",
        "设备需要返厂维修，维修期间我们会为您安装一台备用机，保证您的正常使用。",
    ),
    ("结束语", "结束通话", "感谢您的来电，祝您工作顺利，再见！"),
    ("结束语", "回访结束", "感谢您对我们工作的支持，如有任何问题欢迎随时致电客服热线，再见！"),
]


def fill_demo(actor: User) -> int:
    """Add the standard phrases a new team starts from (once)."""
    if Phrase.select().exists():
        return 0
    Phrase.insert_many(
        [{"category": c, "title": t, "body": b, "updated_by": actor.id} for c, t, b in DEMO_PHRASES]
    ).execute()
    return len(DEMO_PHRASES)


PLACEHOLDERS = ("company", "department", "no", "agent", "hours")


def render(body: str, user: User) -> str:
    """The text ready to read out or paste: {company}, {department}, {no} (employee number),
    {agent} (name) filled for this agent, {hours} with the promised handling time of a normal
    complaint."""
    return _fill(body, _placeholder_values(user))


def _placeholder_values(user: User) -> dict[str, object]:
    return {
        "company": settings.get("company_name"),
        "department": settings.get("department_name"),
        "no": user.employee_no,
        "agent": user.name,
        "hours": settings.get("promise_hours").get("normal", 24),
    }


def _fill(body: str, values: dict[str, object]) -> str:
    for key, value in values.items():
        body = body.replace("{" + key + "}", str(value))
    return body
