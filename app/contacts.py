"""Contacts: what a complainant or customer can be reached by, checked and stored normalised.

- mainland mobile: 11 digits starting with 1 (spaces, dashes and +86/0086 accepted) -> ``13812345678``
- landline with area code: ``010-12345678`` (area code 0 + 2..3 digits, number 7..8 digits, an
  extension after ``-``/``转`` kept) -> ``010-12345678``
- other country: ``+`` and country code -> ``+85291234567``
- e-mail -> lower-cased
- WeChat id: 6..20 characters, a letter first, letters, digits, ``_`` and ``-`` (``wx:``/``微信:``
  prefixes accepted) -> ``wechat:<id>``
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from app.errors import ValidationError
from app.i18n import translate

_SEPARATORS = re.compile(r"[\s\-()（）.]")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$")
_WECHAT = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]{5,19}$")
_WECHAT_PREFIX = re.compile(r"^(wx|wechat|微信|微信号)\s*[:：]\s*", re.IGNORECASE)
# two-digit area codes (Beijing, Shanghai, Tianjin, Chongqing, and the 02x big cities)
_TWO_DIGIT_AREAS = {"10", "20", "21", "22", "23", "24", "25", "27", "28", "29"}


@dataclass(frozen=True)
class Contact:
    kind: str  # mobile | landline | intl | email | wechat
    value: str


def _mobile(digits: str) -> str | None:
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) == 11 + len(prefix):
            digits = digits[len(prefix) :]
    if len(digits) == 11 and digits.startswith("1") and digits[1] in "3456789":
        return digits
    return None


def _landline(text: str) -> str | None:
    cleaned = text.strip().replace("转", "-").replace("ext.", "-").replace("ext", "-")
    if cleaned.startswith(("+86", "86-", "0086")):
        cleaned = re.sub(r"^(\+|00)?86[\s\-]*", "0", cleaned)
    cleaned = cleaned.replace("（", "(").replace("）", ")").replace("(", "").replace(")", "-")
    parts = [p for p in re.split(r"[\s\-]+", cleaned) if p]
    if not parts or not all(p.isdigit() for p in parts) or len(parts) > 4:
        return None
    candidates = []
    if len(parts) >= 2:
        candidates.append((parts[0], parts[1], "".join(parts[2:])))
    candidates.append((*_split_area("".join(parts)), ""))
    if len(parts) >= 2:
        candidates.append((*_split_area("".join(parts[:-1])), parts[-1]))
    for area, number, extension in candidates:
        if (
            area.startswith("0")
            and not area.startswith("00")
            and 3 <= len(area) <= 4
            and 7 <= len(number) <= 8
            and not number.startswith("0")
            and len(extension) <= 6
        ):
            return f"{area}-{number}" + (f"-{extension}" if extension else "")
    return None


def _split_area(digits: str) -> tuple[str, str]:
    area_len = 3 if digits[1:3] in _TWO_DIGIT_AREAS else 4
    return digits[:area_len], digits[area_len:]


def halfwidth(text: str) -> str:
    """Full-width digits and signs typed with a Chinese input method as their plain forms."""
    return unicodedata.normalize("NFKC", text)


def normalise_phone(text: str) -> str | None:
    """The normalised phone (mobile, landline or international), or None if it is not one."""
    raw = halfwidth(text).strip()
    if not raw:
        return None
    digits = _SEPARATORS.sub("", raw)
    plus = digits.startswith("+")
    digits = digits.lstrip("+")
    if not digits.isdigit():
        return _landline(raw)
    if plus and not digits.startswith("86"):  # another country's number, e.g. +1 415 555 0100
        return f"+{digits}" if 7 <= len(digits) <= 15 else None
    if (mobile := _mobile(digits)) is not None:
        return mobile
    if digits.startswith("00") and not digits.startswith("0086") and 9 <= len(digits) <= 17:
        return f"+{digits[2:]}"
    return _landline(raw)


def normalise_contact(text: str) -> Contact:
    """Check a contact and return it normalised; ValidationError says why it is not one."""
    raw = halfwidth(text).strip()
    if not raw:
        raise ValidationError({"contact": translate("Contacts", "The contact is required.")})
    if "@" in raw:
        if _EMAIL.match(raw):
            return Contact("email", raw.lower())
        raise ValidationError(
            {
                "contact": translate("Contacts", "This e-mail address is not valid: {text}").format(
                    text=raw
                )
            }
        )
    phone = normalise_phone(raw)
    if phone is not None:
        kind = "mobile" if phone[0] == "1" else "intl" if phone[0] == "+" else "landline"
        return Contact(kind, phone)
    wechat = _WECHAT_PREFIX.sub("", raw)
    if _WECHAT.match(wechat) and not wechat.isdigit():
        return Contact("wechat", f"wechat:{wechat}")
    digits = re.sub(r"\D", "", raw)
    if digits and digits.startswith("1") and len(digits) != 11:
        reason = translate(
            "Contacts", "A mobile number has 11 digits starting with 1; this one has {n}."
        ).format(n=len(digits))
    elif digits and len(digits) >= len(raw) - 4:
        reason = translate(
            "Contacts",
            "Not a phone number: a mobile has 11 digits starting with 1; a landline needs its "
            "area code, e.g. 010-12345678.",
        )
    else:
        reason = translate(
            "Contacts",
            "Give a mobile (11 digits), a landline with area code, an e-mail or a WeChat id.",
        )
    raise ValidationError({"contact": reason})


def contacts_text(values: list[str] | tuple[str, ...]) -> str:
    """Several contacts in one line, separated as the reader's language writes a list
    (``138 1234 5678；0531-1234567`` in Chinese, ``…; …`` in English)."""
    return translate("Contacts", "; ").join(display_contact(v) for v in values)


def display_contact(value: str) -> str:
    """A stored contact as people read it: ``138 1234 5678``, ``微信 abc_123``."""
    if value.startswith("wechat:"):
        return translate("Contacts", "WeChat {id}").format(id=value[len("wechat:") :])
    if len(value) == 11 and value.isdigit() and value.startswith("1"):
        return f"{value[:3]} {value[3:7]} {value[7:]}"
    return value


def editable_contact(value: str) -> str:
    """A stored contact to edit or export: 11-digit numbers spaced (easy to read, and kept as
    text by a spreadsheet, not turned into a number), everything else as stored, so it
    validates again when saved or imported."""
    if len(value) == 11 and value.isdigit():
        return f"{value[:3]} {value[3:7]} {value[7:]}"
    return value


def digits_of(text: str) -> str:
    return "".join(ch for ch in halfwidth(text) if ch.isdigit())


_TYPED_SEPARATORS = re.compile(r"[\s\-.()]")
_ASCII_DIGITS = re.compile(r"[0-9]+")


def phone_digits(text: str) -> str:
    """The digits of a phone typed in any format, as a search compares them with a contact's:
    without spaces, dashes, dots and brackets (full-width ones too), a leading ``+86`` or
    ``0086`` and then a leading ``+``; "" unless only digits are left (``(021) 5566-7788`` ->
    ``02155667788``, ``+86 138 0013 8000`` -> ``13800138000``)."""
    plain = _TYPED_SEPARATORS.sub("", halfwidth(text))
    for prefix in ("+86", "0086"):
        if plain.startswith(prefix) and len(plain) > len(prefix):
            plain = plain[len(prefix) :]
            break
    plain = plain.removeprefix("+")
    return plain if _ASCII_DIGITS.fullmatch(plain) else ""
