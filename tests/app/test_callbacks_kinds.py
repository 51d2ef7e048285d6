"""Each callback task kind's meaning is one entry of app.callbacks.kinds.TASK_KINDS."""

from __future__ import annotations

from app import subscriptions
from app.callbacks import kinds
from app.callbacks import service as callbacks
from app.i18n import install_language


def test_every_kind_made_by_an_event_has_its_handler_connected():
    for kind in kinds.TASK_KINDS.values():
        if kind.event is not None:
            assert kind.make is not None, kind.code
            assert (kind.event, kind.make) in subscriptions.SUBSCRIPTIONS, kind.code
        for pair in kind.handlers:
            assert pair in subscriptions.SUBSCRIPTIONS, (kind.code, pair)
    assert kinds.SCHEDULED_BY_HAND == ("care", "followup")


def test_the_kinds_read_in_the_readers_language():
    assert callbacks.KINDS == ("purchase", "repair", "complaint", "care", "followup")
    assert callbacks.kind_label("repair") == "Post-repair"
    assert callbacks.standard_reason("complaint", "20261126-001") == (
        "Complaint 20261126-001 resolved: is the customer satisfied?"
    )
    assert callbacks.standard_reason("followup") == ""
    install_language("zh_CN")
    try:
        chinese = [callbacks.kind_label(k) for k in callbacks.KINDS]
        purpose = kinds.purpose("repair")
    finally:
        install_language("en")
    assert all(not label.isascii() for label in chinese), chinese
    assert not purpose.isascii()
