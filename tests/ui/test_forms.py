from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import Shiboken

from ui.forms import FieldErrors


def test_reasons_stay_inside_the_form_also_for_fields_in_a_row_layout_or_elsewhere(qtbot):
    dialog = QWidget()
    qtbot.addWidget(dialog)
    form = QFormLayout(dialog)
    plain = QLineEdit()
    nested = QLineEdit()
    row = QHBoxLayout()
    row.addWidget(nested)
    form.addRow("plain", plain)
    form.addRow("nested", row)
    outside = QLineEdit()
    errors = FieldErrors(form, {"plain": plain, "nested": nested, "outside": outside})
    dialog.show()
    nested.setText("what the user typed")
    errors.show({"plain": "bad", "nested": "worse", "outside": "elsewhere", "": "general"})
    for key in ("plain", "nested", "outside"):
        label = errors.labels[key]
        assert label.isVisible() and label.window() is dialog
    assert errors.message_for("nested") == "worse"
    assert nested.text() == "what the user typed"
    nested_row = form.getLayoutPosition(row)[0]
    assert form.getWidgetPosition(errors.labels["nested"])[0] == nested_row + 1  # right under it
    assert not any(w.objectName().startswith("error_") for w in QApplication.topLevelWidgets())


def _layout_item_wrappers() -> set[int]:
    return {
        id(w)
        for w in Shiboken.getAllValidWrappers()
        if isinstance(w, QLayoutItem) and not isinstance(w, QLayout)
    }


def test_finding_a_fields_row_wraps_no_layout_item(qtbot):
    """A Python wrapper of a layout item (QLayout.itemAt) outlives the item once the layout
    deletes it, and the binding then hands it out for the next object made at that address: a
    scroll bar came back as a QWidgetItem and the interpreter crashed in QFormLayout.removeRow.
    Placing the reasons must not make such wrappers, also for fields deep in a row."""
    dialog = QWidget()
    qtbot.addWidget(dialog)
    form = QFormLayout(dialog)
    deep = QLineEdit()
    outer, inner = QHBoxLayout(), QVBoxLayout()
    inner.addWidget(deep)
    outer.addLayout(inner)
    boxed = QLineEdit()
    box = QGroupBox()
    QVBoxLayout(box).addWidget(boxed)
    form.addRow("first", QLineEdit())
    form.addRow("deep", outer)
    form.addRow("boxed", box)
    before = _layout_item_wrappers()
    errors = FieldErrors(form, {"deep": deep, "boxed": boxed})
    assert _layout_item_wrappers() - before == set()
    errors.show({"deep": "bad", "boxed": "worse"})
    assert form.getWidgetPosition(errors.labels["deep"])[0] == form.getLayoutPosition(outer)[0] + 1
    assert form.getWidgetPosition(errors.labels["boxed"])[0] == form.getWidgetPosition(box)[0] + 1


def test_background_error_and_progress_titles_are_translated(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox, QWidget

    from app.errors import KefuError
    from app.i18n import install_language
    from ui import operations

    install_language("zh_CN")
    parent = QWidget()
    qtbot.addWidget(parent)
    titles: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, title, _text: titles.append(title))
    )
    operations.show_error(parent, KefuError("文件无法读取"))
    assert titles == ["客服台"]
