"""Every visible string is translatable and translated to Simplified Chinese, and the compiled
.qm files match their .ts sources."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import i18n  # noqa: E402


@pytest.mark.parametrize("part", i18n.parts())
def test_every_message_of_the_sources_is_in_the_ts_file_and_translated(part, tmp_path):
    committed = i18n.ts_file(part)
    assert committed.exists(), f"{committed.name} is missing: run tools/i18n.py update"
    fresh = i18n.update(part, tmp_path / committed.name)
    in_sources = {(m.findtext("source"), m.findtext("comment")) for m in i18n.messages(fresh)}
    in_ts = {(m.findtext("source"), m.findtext("comment")) for m in i18n.messages(committed)}
    assert in_sources - in_ts == set(), "run tools/i18n.py update and translate the new texts"
    untranslated = sorted(i18n.missing(part))
    assert untranslated == [], f"untranslated in {committed.name}: {untranslated[:10]}"


@pytest.mark.parametrize("part", i18n.parts())
def test_compiled_qm_file_matches_its_ts_source(part, tmp_path):
    ts = i18n.ts_file(part)
    copy = tmp_path / ts.name
    copy.write_bytes(ts.read_bytes())
    i18n.release(copy)
    assert ts.with_suffix(".qm").read_bytes() == copy.with_suffix(".qm").read_bytes(), (
        "run tools/i18n.py release"
    )


def test_chinese_is_loaded_for_the_window(qapp):
    from PySide6.QtCore import QCoreApplication

    from app.i18n import install_language

    install_language("zh_CN")
    try:
        assert QCoreApplication.translate("Areas", "Complaints") == "投诉登记"
    finally:
        install_language("en")
    assert QCoreApplication.translate("Areas", "Complaints") == "Complaints"
