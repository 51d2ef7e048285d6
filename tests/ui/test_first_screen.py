"""The window's first screen: its list is read once, nothing counts every complaint, and the
navigation's badges are counted after the list is on screen, without building other pages (that
their modules are not even imported is tests/app/test_startup_imports.py)."""

from __future__ import annotations

from app import badges
from app.complaints import registry
from app.i18n import install_language
from ui import operations
from ui.context import UiContext
from ui.main_window import MainWindow
from ui.pages import AREAS


def test_the_first_page_reads_once_and_the_badges_come_after_it(
    qtbot, sqlite_url, manager, monkeypatch
):
    install_language("en")
    read: list[object] = []
    real_count, real_fetch, real_badge = registry.count_capped, registry.fetch, badges.count

    def count_capped(filters, *args, **kwargs):
        read.append(("count", filters))
        return real_count(filters, *args, **kwargs)

    def fetch(filters, *args, **kwargs):
        read.append(("rows", filters))
        return real_fetch(filters, *args, **kwargs)

    def count_badge(name, user):
        read.append(("badge", name))
        return real_badge(name, user)

    monkeypatch.setattr(registry, "count_capped", count_capped)
    monkeypatch.setattr(registry, "fetch", fetch)
    monkeypatch.setattr(badges, "count", count_badge)
    window = MainWindow(UiContext(user=manager, db_description="test", language="en"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: len([r for r in read if r[0] == "badge"]) == 5)
    qtbot.waitUntil(operations.idle)
    lists = [filters for kind, filters in read if kind != "badge"]
    first_view = registry.current_view()
    assert lists == [first_view, first_view]  # one count and one page, of the first view only
    assert [kind for kind, _ in read[:2]] == ["count", "rows"]  # the badges after the list
    assert {name for kind, name in read if kind == "badge"} == {a.badge for a in AREAS if a.badge}
    assert list(window.pages) == ["complaints"]  # the other areas are built when opened
