"""The phrases library 话术库: search, read, copy with one click, and keep it up to date."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import phrases
from app.auth import can
from app.errors import ConflictError, KefuError, ValidationError
from ui.context import UiContext
from ui.forms import FieldErrors


class PhraseDialog(QDialog):
    def __init__(
        self, ctx: UiContext, phrase: phrases.Phrase | None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.phrase = phrase
        self.setWindowTitle(self.tr("Edit phrase") if phrase else self.tr("New phrase"))
        self.resize(520, 360)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.addItems(phrases.categories())
        self.title = QLineEdit(phrase.title if phrase else "")
        self.body = QPlainTextEdit(phrase.body if phrase else "")
        if phrase:
            self.category.setCurrentText(phrase.category)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Text"), self.body)
        hint = QLabel(
            self.tr(
                "{company}, {department}, {no}, {agent} and {hours} are replaced by the company, "
                "the department, your number, your name and the promised hours."
            )
        )
        hint.setStyleSheet("color: gray")
        form.addRow("", hint)
        layout.addLayout(form)
        self.errors = FieldErrors(
            form, {"category": self.category, "title": self.title, "body": self.body}
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        values = {
            "category": self.category.currentText(),
            "title": self.title.text(),
            "body": self.body.toPlainText(),
        }
        try:
            if self.phrase is None:
                self.phrase = phrases.create_phrase(self.ctx.user, **values)
            else:
                phrases.update_phrase(
                    self.ctx.user, self.phrase.id, expected_version=self.phrase.version, **values
                )
        except ValidationError as exc:
            self.errors.show(exc.fields)
            return
        except ConflictError as exc:
            self.errors.show({"": str(exc)})
            self.phrase = phrases.get_phrase(self.phrase.id)
            return
        except KefuError as exc:
            self.errors.show({"": str(exc)})
            return
        super().accept()


class PhrasesPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search titles and texts…"))
        self.search.setClearButtonEnabled(True)
        self.category = QComboBox()
        self.new_button = QPushButton(self.tr("New… (Ctrl+Shift+N)"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.delete_button = QPushButton(self.tr("Delete"))
        bar.addWidget(self.search, 1)
        bar.addWidget(self.category)
        self.may_edit = can(ctx.user, "work")  # agents and managers keep the phrases
        for button in (self.new_button, self.edit_button, self.delete_button):
            bar.addWidget(button)
            button.setVisible(self.may_edit)
        layout.addLayout(bar)
        splitter = QSplitter()
        self.list = QListWidget()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold")
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setStyleSheet("font-size: 15px")
        self.copy_button = QPushButton(self.tr("Copy (Ctrl+Shift+C)"))
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.text, 1)
        right_layout.addWidget(self.copy_button)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setSizes([320, 700])
        layout.addWidget(splitter, 1)
        self.search.textChanged.connect(self.refresh)
        self.category.currentIndexChanged.connect(self.refresh)
        self.list.currentItemChanged.connect(self.show_current)
        self.list.itemDoubleClicked.connect(self.copy_current)
        self.copy_button.clicked.connect(self.copy_current)
        self.new_button.clicked.connect(self.new_phrase)
        self.edit_button.clicked.connect(self.edit_phrase)
        self.delete_button.clicked.connect(self.delete_phrase)
        QShortcut(QKeySequence("Ctrl+Shift+C"), self, self.copy_current)
        # Ctrl+N registers a complaint from every page (the main window's shortcut)
        QShortcut(QKeySequence("Ctrl+Shift+N"), self, self.new_phrase)
        self._fill_categories()
        self.refresh()

    def _fill_categories(self) -> None:
        current = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(self.tr("All categories"), None)
        for name in phrases.categories():
            self.category.addItem(name, name)
        self.category.setCurrentIndex(max(self.category.findData(current), 0))
        self.category.blockSignals(False)

    def refresh(self) -> None:
        selected = self.current_phrase()
        self.list.clear()
        for phrase in phrases.search(self.search.text(), self.category.currentData()):
            item = QListWidgetItem(f"[{phrase.category}] {phrase.title}")
            item.setData(Qt.ItemDataRole.UserRole, phrase.id)
            self.list.addItem(item)
            if selected is not None and phrase.id == selected.id:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.show_current()

    def current_phrase(self) -> phrases.Phrase | None:
        item = self.list.currentItem() if hasattr(self, "list") else None
        if item is None:
            return None
        return phrases.get_phrase(item.data(Qt.ItemDataRole.UserRole))

    def show_current(self) -> None:
        phrase = self.current_phrase()
        self.title.setText(phrase.title if phrase else "")
        self.text.setPlainText(phrases.render(phrase.body, self.ctx.user) if phrase else "")
        for button in (self.edit_button, self.delete_button, self.copy_button):
            button.setEnabled(phrase is not None)
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(phrase is not None and self.may_edit)

    def copy_current(self) -> None:
        if not self.text.toPlainText():
            return
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(self.tr("Copied."), 3000)

    def new_phrase(self) -> None:
        if not self.may_edit:
            return
        if PhraseDialog(self.ctx, None, self).exec() == QDialog.DialogCode.Accepted:
            self._fill_categories()
            self.refresh()

    def edit_phrase(self) -> None:
        phrase = self.current_phrase()
        if (
            phrase
            and self.may_edit
            and PhraseDialog(self.ctx, phrase, self).exec() == QDialog.DialogCode.Accepted
        ):
            self._fill_categories()
            self.refresh()

    def delete_phrase(self) -> None:
        phrase = self.current_phrase()
        if phrase is None or not self.may_edit:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete phrase"), self.tr("Delete “{title}”?").format(title=phrase.title)
        )
        if answer == QMessageBox.StandardButton.Yes:
            try:
                phrases.delete_phrase(self.ctx.user, phrase.id)
            except KefuError as exc:  # deleted on another desk meanwhile, or not allowed
                QMessageBox.warning(self, self.tr("Delete phrase"), str(exc))
            self.refresh()


def create_page(ctx: UiContext, parent: QWidget) -> QWidget:
    return PhrasesPage(ctx, parent)
