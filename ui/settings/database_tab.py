"""设置 → 数据库 (administrators): where the database is, what it holds, its backups; back up,
check and restore. Everything that reads or writes the database runs off the GUI thread."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.backup import service
from app.backup.checks import Check
from app.clock import now
from ui import operations
from ui.context import UiContext
from ui.database_choice import DatabaseLocationBox
from ui.tables import fill_keyed, keyed_table, selected_key

RED = "color: #c62828"


def human_size(size: int | None) -> str:
    if size is None:
        return "—"
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return str(size)


class DatabaseTab(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.status: service.DatabaseStatus | None = None
        self.loading = False
        # the tab scrolls rather than squeezing its parts on a 768 px high screen
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        scroll.setWidget(body)
        outer.addWidget(scroll)
        layout = QVBoxLayout(body)

        about = QGroupBox(self.tr("Database"))
        info = QFormLayout(about)
        self.location = QLabel()
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.location.setWordWrap(True)
        self.size = QLabel()
        self.schema = QLabel()
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        info.addRow(self.tr("Where"), self.location)
        info.addRow(self.tr("Size"), self.size)
        info.addRow(self.tr("Schema version"), self.schema)
        info.addRow(self.tr("Records"), self.counts)
        layout.addWidget(about)
        # this computer's choice: now (the window goes over to it) or from the next start
        self.location_box = DatabaseLocationBox(
            self, switch=ctx.switch_database, named_by=ctx.database_named_by
        )
        layout.addWidget(self.location_box)

        backups = QGroupBox(self.tr("Backups"))
        box = QVBoxLayout(backups)
        form = QFormLayout()
        folder_row = QHBoxLayout()
        self.folder = QLineEdit()
        self.folder.setPlaceholderText(
            self.tr("empty: the folder backups beside the database file")
        )
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self.choose_folder)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        form.addRow(self.tr("Backup folder"), folder_row)
        self.folder_used = QLabel()
        self.folder_used.setWordWrap(True)
        self.folder_used.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("", self.folder_used)
        keep_row = QHBoxLayout()
        self.keep_days = QSpinBox()
        self.keep_days.setRange(1, 3650)
        self.keep_days.setSuffix(self.tr(" days"))
        self.keep_months = QSpinBox()
        self.keep_months.setRange(0, 240)
        self.keep_months.setSuffix(self.tr(" months"))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.clicked.connect(self.save_settings)
        keep_row.addWidget(QLabel(self.tr("every backup for")))
        keep_row.addWidget(self.keep_days)
        keep_row.addWidget(QLabel(self.tr("and one a month for")))
        keep_row.addWidget(self.keep_months)
        keep_row.addStretch(1)
        keep_row.addWidget(self.save_button)
        form.addRow(self.tr("Keep"), keep_row)
        self.last_backup = QLabel()
        self.last_backup.setObjectName("last_backup")
        form.addRow(self.tr("Last verified backup"), self.last_backup)
        box.addLayout(form)

        actions = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.backup_button.clicked.connect(self.back_up_now)
        self.check_button = QPushButton(self.tr("Check the database"))
        self.check_button.clicked.connect(self.check)
        self.restore_button = QPushButton(self.tr("Restore…"))
        self.restore_button.clicked.connect(self.restore)
        for button in (self.backup_button, self.check_button, self.restore_button):
            actions.addWidget(button)
        actions.addStretch(1)
        box.addLayout(actions)
        self.check_result = QLabel()
        self.check_result.setWordWrap(True)
        self.check_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.check_result.hide()
        box.addWidget(self.check_result)
        self.table = keyed_table(
            [
                self.tr("Made"),
                self.tr("Why"),
                self.tr("By"),
                self.tr("Size"),
                self.tr("Verified"),
                self.tr("File"),
            ]
        )
        self.table.doubleClicked.connect(self.restore)
        self.table.setMinimumHeight(160)  # a few backups in view, the tab scrolls for the rest
        box.addWidget(self.table, 1)
        layout.addWidget(backups, 1)
        self.refresh()

    # --- loading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        user = self.ctx.user
        self.loading = True
        operations.query(
            self,
            lambda: service.database_status(user),
            done=self.show_status,
            failed=self._load_failed,
        )

    def _load_failed(self, exc: Exception) -> None:
        self.loading = False
        operations.show_error(self, exc)

    def show_status(self, status: service.DatabaseStatus) -> None:
        self.loading = False
        self.status = status
        self.location.setText(status.location)
        self.size.setText(human_size(status.size))
        schema = self.tr("{version} (this desk: {latest})").format(
            version=status.schema_version, latest=status.latest_schema
        )
        self.schema.setText(schema)
        self.counts.setText("  ·  ".join(f"{label} {count}" for label, count in status.counts))
        if not self.folder.isModified():
            self.folder.setText(status.folder_setting)
            self.keep_days.setValue(status.keep_days)
            self.keep_months.setValue(status.keep_months)
        self._show_folder(status)
        self._show_last(status)
        rows = [
            (
                str(entry.path),
                [
                    f"{entry.made_at:%Y-%m-%d %H:%M}",
                    service.reason_label(entry.reason),
                    entry.made_by,
                    human_size(entry.size),
                    self.tr("yes") if entry.verified else self.tr("no"),
                    str(entry.path)
                    if entry.exists
                    else self.tr("{file} (missing)").format(file=entry.path),
                ],
            )
            for entry in status.backups
        ]
        fill_keyed(self.table, rows)

    def _show_folder(self, status: service.DatabaseStatus) -> None:
        if status.folder is None:
            self.folder_used.setText(
                self.tr("No backup folder: set one, or no automatic backups are made.")
            )
            self.folder_used.setStyleSheet(RED)
        elif status.folder_problem is not None:
            self.folder_used.setText(
                self.tr("{folder} cannot be written to: {problem}").format(
                    folder=status.folder, problem=status.folder_problem
                )
            )
            self.folder_used.setStyleSheet(RED)
        else:
            self.folder_used.setText(str(status.folder))
            self.folder_used.setStyleSheet("color: gray")

    def _show_last(self, status: service.DatabaseStatus) -> None:
        last = status.last_verified
        if last is None:
            self.last_backup.setText(self.tr("none yet"))
        else:
            self.last_backup.setText(
                self.tr("{when} ({age}): {file}").format(
                    when=f"{last.made_at:%Y-%m-%d %H:%M}",
                    age=self.age_text(last.made_at),
                    file=last.path.name,
                )
            )
        self.last_backup.setStyleSheet(RED if status.backup_is_old else "")

    def age_text(self, made_at: dt.datetime) -> str:
        seconds = max(0, int((now() - made_at).total_seconds()))
        if seconds < 3600:
            return self.tr("{n} min ago").format(n=seconds // 60)
        if seconds < 2 * 86400:
            return self.tr("{n} h ago").format(n=seconds // 3600)
        return self.tr("{n} d ago").format(n=seconds // 86400)

    # --- actions ---------------------------------------------------------------------------

    def choose_folder(self) -> None:
        start = self.folder.text() or (
            str(self.status.folder) if self.status and self.status.folder else ""
        )
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Backup folder"), start)
        if chosen:
            self.folder.setText(chosen)
            self.folder.setModified(True)

    def save_settings(self) -> None:
        user = self.ctx.user
        values = (self.folder.text(), self.keep_days.value(), self.keep_months.value())

        def saved(problem: str | None) -> None:
            self.folder.setModified(False)
            if problem is not None:
                QMessageBox.warning(
                    self,
                    self.tr("Backup folder"),
                    self.tr("Saved, but backups cannot be written there: {problem}").format(
                        problem=problem
                    ),
                )
            self.refresh()

        operations.perform(
            self,
            lambda: service.save_backup_settings(user, *values),
            done=saved,
        )

    def back_up_now(self) -> None:
        user = self.ctx.user

        def done(result: service.BackupResult) -> None:
            window = self.window()
            if hasattr(window, "statusBar"):
                window.statusBar().showMessage(
                    self.tr("Backup made and verified: {file}").format(file=result.path.name), 8000
                )
            self.refresh()

        operations.run_with_progress(
            self,
            self.tr("Backing up the database…"),
            lambda progress: service.backup_now(user, progress=progress),
            done,
        )

    def check(self) -> None:
        user = self.ctx.user
        operations.read_with_progress(
            self,
            self.tr("Checking the database…"),
            lambda progress: service.check_database(user, progress),
            self.show_checks,
        )

    def show_checks(self, checks: list[Check]) -> None:
        lines = [("✔ " if c.ok else "✘ ") + f"{c.label}: {c.detail}" for c in checks]
        self.check_result.setText("\n".join(lines))
        self.check_result.setStyleSheet("" if all(c.ok for c in checks) else RED)
        self.check_result.show()

    def restore(self, *_args: Any) -> None:
        chosen = selected_key(self.table)
        if chosen is None:
            start = str(self.status.folder) if self.status and self.status.folder else ""
            picked, _filter = QFileDialog.getOpenFileName(
                self,
                self.tr("Restore a backup"),
                start,
                self.tr("Kefu Desk backups (*.zip *.sqlite3 *.bak);;All files (*)"),
            )
            if not picked:
                return
            chosen = picked
        user = self.ctx.user
        path = Path(str(chosen))
        operations.query(
            self, lambda: service.read_backup(user, path), done=self.confirm_restore, slot="backup"
        )

    def confirm_restore(self, summary: service.BackupSummary) -> None:
        status = self.status
        if status is None:
            return
        current = ", ".join(f"{label} {count}" for label, count in status.counts[:3])
        restored = ", ".join(f"{label} {count}" for label, count in summary.counts[:3])
        folder = str(status.folder) if status.folder is not None else str(summary.path.parent)
        text = self.tr(
            "Replace the database {location} ({current}) with the backup of {when} ({restored})?\n\n"
            "Everything entered since that backup is replaced. First a backup of the database as "
            "it is now is made in {folder}.\n\nKefu Desk must be closed on every other desk; this "
            "window closes and you log in again afterwards."
        ).format(
            location=status.location,
            current=current,
            when=summary.created_at,
            restored=restored,
            folder=folder,
        )
        answer = QMessageBox.question(
            self,
            self.tr("Restore a backup"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.ctx.restore_database(summary.path)
