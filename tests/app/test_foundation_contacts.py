"""Contacts are checked and stored normalised, as an agent types them on the phone."""

from __future__ import annotations

import pytest

from app.contacts import (
    Contact,
    digits_of,
    display_contact,
    normalise_contact,
    normalise_phone,
)
from app.errors import ValidationError


@pytest.mark.parametrize(
    ("typed", "kind", "stored"),
    [
        ("138 1234 5678", "mobile", "13812345678"),
        ("138-1234-5678", "mobile", "13812345678"),
        ("+86 138 1234 5678", "mobile", "13812345678"),
        ("008613812345678", "mobile", "13812345678"),
        ("１３８１２３４５６７８", "mobile", "13812345678"),  # full-width, from a Chinese IME
        ("010-12345678", "landline", "010-12345678"),
        ("(010)12345678", "landline", "010-12345678"),
        ("（0755）12345678", "landline", "0755-12345678"),
        ("01012345678", "landline", "010-12345678"),
        ("0755 1234567", "landline", "0755-1234567"),
        ("0755-12345678 转 123", "landline", "0755-12345678-123"),
        ("+86 10 12345678", "landline", "010-12345678"),
        ("0086-10-12345678", "landline", "010-12345678"),
        ("+852 9123 4567", "intl", "+85291234567"),
        ("00852 9123 4567", "intl", "+85291234567"),
        ("+1 415 555 0100", "intl", "+14155550100"),
        ("Wang.Li@Example.COM", "email", "wang.li@example.com"),
        ("wx:school_li88", "wechat", "wechat:school_li88"),
        ("微信：Zhang_San88", "wechat", "wechat:Zhang_San88"),
    ],
)
def test_contacts_are_stored_normalised(typed, kind, stored):
    assert normalise_contact(typed) == Contact(kind, stored)
    assert normalise_contact(f"  {typed} ") == Contact(kind, stored)


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "required"),
        ("   ", "required"),
        ("1381234567", "11 digits"),
        ("138123456789", "11 digits"),
        ("12812345678", "area code"),
        ("62345678", "area code"),
        ("wang@school", "e-mail"),
        ("abc", "WeChat"),
        ("张老师", "WeChat"),
    ],
)
def test_bad_contacts_say_why(typed, words):
    with pytest.raises(ValidationError) as err:
        normalise_contact(typed)
    assert list(err.value.fields) == ["contact"]
    assert words in err.value.fields["contact"]


def test_phone_only_helpers():
    assert normalise_phone("138 1234 5678") == "13812345678"
    assert normalise_phone("wang@example.com") is None
    assert normalise_phone("") is None
    assert digits_of("１３８-1234 5678") == "13812345678"
    assert display_contact("13812345678") == "138 1234 5678"
    assert "school_li88" in display_contact("wechat:school_li88")
    assert display_contact("010-12345678") == "010-12345678"
