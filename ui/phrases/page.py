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
from app.errors import ConflictError, KefuError, NotFound, ValidationError
from app.phrases import Library, PhraseRow
from ui import operations
from ui.context import UiContext
from ui.forms import FieldErrors


class PhraseDialog(QDialog):
    """A new phrase, or one to edit; saved off the GUI thread, what was typed kept on an error."""

    def __init__(
        self,
        ctx: UiContext,
        phrase: PhraseRow | None,
        categories: list[str],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.phrase = phrase
        self.saved_id: int | None = None
        self.setWindowTitle(self.tr("Edit phrase") if phrase else self.tr("New phrase"))
        self.resize(520, 360)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.addItems(categories)
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
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        """Save off the GUI thread; the dialog closes once it is saved."""
        values = {
            "category": self.category.currentText(),
            "title": self.title.text(),
            "body": self.body.toPlainText(),
        }
        user, phrase = self.ctx.user, self.phrase
        save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if not save_button.isEnabled():  # already saving
            return
        save_button.setEnabled(False)

        def save() -> int:
            if phrase is None:
                return phrases.create_phrase(user, **values).id
            phrases.update_phrase(user, phrase.id, expected_version=phrase.version, **values)
            return phrase.id

        operations.perform(self, save, done=self._saved, failed=self._failed)

    def _saved(self, phrase_id: int) -> None:
        self.saved_id = phrase_id
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)
        super().accept()

    def _failed(self, exc: Exception) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)
        if isinstance(exc, ValidationError):
            self.errors.show(exc.fields)
            return
        if isinstance(exc, ConflictError | NotFound) and self.phrase is not None:
            # what the user typed stays; the next save is checked against the version now stored
            phrase_id, user = self.phrase.id, self.ctx.user
            operations.query(
                self,
                lambda: phrases.phrase_row(user, phrase_id),
                done=self._reloaded,
                slot="phrase",
            )
        if isinstance(exc, KefuError):
            self.errors.show({"": str(exc)})
        else:
            operations.show_error(self, exc)

    def _reloaded(self, row: PhraseRow | None) -> None:
        if row is not None:
            self.phrase = row


class PhrasesPage(QWidget):
    shows = {"phrase", "setting", "user"}

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.categories: list[str] = []
        self.dialog: PhraseDialog | None = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search titles and texts…"))
        self.search.setClearButtonEnabled(True)
        self.category = QComboBox()
        self.category.addItem(self.tr("All categories"), None)
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
        self.search.textChanged.connect(lambda _text: self.refresh())
        self.category.currentIndexChanged.connect(lambda _index: self.refresh())
        self.list.currentItemChanged.connect(self.show_current)
        self.list.itemDoubleClicked.connect(self.copy_current)
        self.copy_button.clicked.connect(self.copy_current)
        self.new_button.clicked.connect(self.new_phrase)
        self.edit_button.clicked.connect(self.edit_phrase)
        self.delete_button.clicked.connect(self.delete_phrase)
        QShortcut(QKeySequence("Ctrl+Shift+C"), self, self.copy_current)
        # Ctrl+N registers a complaint from every page (the main window's shortcut)
        QShortcut(QKeySequence("Ctrl+Shift+N"), self, self.new_phrase)
        self.show_current()
        self.refresh()

    def _fill_categories(self, names: list[str]) -> None:
        self.categories = names
        current = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(self.tr("All categories"), None)
        for name in names:
            self.category.addItem(name, name)
        self.category.setCurrentIndex(max(self.category.findData(current), 0))
        self.category.blockSignals(False)

    def refresh(self, select_id: int | None = None) -> None:
        """Read the phrases the search and the category ask for, off the GUI thread."""
        user, text, category = self.ctx.user, self.search.text(), self.category.currentData()
        if select_id is None:
            current = self.current_phrase()
            select_id = current.id if current is not None else None
        operations.query(
            self,
            lambda: phrases.library(user, text, category),
            done=lambda found: self._show(found, select_id),
            slot="list",
        )

    def _show(self, found: Library, select_id: int | None) -> None:
        self._fill_categories(found.categories)
        self.list.blockSignals(True)
        self.list.clear()
        for phrase in found.phrases:
            item = QListWidgetItem(f"[{phrase.category}] {phrase.title}")
            item.setData(Qt.ItemDataRole.UserRole, phrase)
            self.list.addItem(item)
            if phrase.id == select_id:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.list.blockSignals(False)
        self.show_current()

    def current_phrase(self) -> PhraseRow | None:
        item = self.list.currentItem() if hasattr(self, "list") else None
        if item is None:
            return None
        row: PhraseRow = item.data(Qt.ItemDataRole.UserRole)
        return row

    def show_current(self) -> None:
        phrase = self.current_phrase()
        self.title.setText(phrase.title if phrase else "")
        self.text.setPlainText(phrase.text if phrase else "")
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

    def new_phrase(self) -> PhraseDialog | None:
        if not self.may_edit:
            return None
        return self._open_dialog(None)

    def edit_phrase(self) -> PhraseDialog | None:
        phrase = self.current_phrase()
        if phrase is None or not self.may_edit:
            return None
        return self._open_dialog(phrase)

    def _open_dialog(self, phrase: PhraseRow | None) -> PhraseDialog:
        dialog = PhraseDialog(self.ctx, phrase, self.categories, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.refresh(select_id=dialog.saved_id))
        self.dialog = dialog
        dialog.open()
        return dialog

    def delete_phrase(self) -> None:
        phrase = self.current_phrase()
        if phrase is None or not self.may_edit:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete phrase"), self.tr("Delete “{title}”?").format(title=phrase.title)
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        user = self.ctx.user

        def failed(exc: Exception) -> None:  # not allowed, or the database did not answer
            if isinstance(exc, KefuError):
                QMessageBox.warning(self, self.tr("Delete phrase"), str(exc))
            else:
                operations.show_error(self, exc)
            self.refresh()

        operations.perform(
            self,
            lambda: phrases.delete_phrase(user, phrase.id),
            done=lambda _none: self.refresh(),
            failed=failed,
        )


def create_page(ctx: UiContext, parent: QWidget) -> QWidget:
    return PhrasesPage(ctx, parent)
