"""Settings: the shop profile templates fill in, opening hours, the rules that flag mentions,
and how the app behaves. Saved as you type, on the database worker."""

from __future__ import annotations

import logging

from PySide6.QtCore import QPoint, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.settings import RANGES, Settings
from app.services.autostart import Autostart, AutostartError
from app.services.preferences import PreferencesService
from app.services.rules import RulesService
from app.ui.look import make_error, make_secondary
from app.ui.tasks import Tasks
from app.ui.widgets.opening_hours import OpeningHoursEditor
from app.ui.widgets.rules_editor import RulesEditor
from app.ui.widgets.weekly_pdf_box import WeeklyPdfBox

log = logging.getLogger(__name__)

REMINDERS_DELAY_MS = 500  # typing pauses this long before the reminders are saved
MAX_REMINDERS_CHARS = 2_000  # a few short lines, shown beside every reply


def _follow_suffix(spin: QSpinBox, one: str, many: str) -> None:
    """The suffix follows the value ("1 hour", "2 hours"); spelled out, as English has no .qm."""
    spin.setSuffix(one if spin.value() == 1 else many)
    spin.valueChanged.connect(lambda value: spin.setSuffix(one if value == 1 else many))


class SettingsScreen(QWidget):
    settingsChanged = Signal(object)  # Settings
    languageChanged = Signal(str)

    def __init__(self, preferences: PreferencesService, tasks: Tasks, settings: Settings,
                 *, tray_available: bool, rules: RulesService,
                 autostart: Autostart | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._preferences = preferences
        self._rules = rules
        self._tasks = tasks
        self._settings = settings
        self._autostart = autostart

        shop = QGroupBox(self.tr("Your shop"), self)
        shop_form = QFormLayout(shop)
        self.shop_name = self._line(settings.shop_name, "shop_name")
        self.contact_email = self._line(settings.contact_email, "contact_email")
        self.contact_phone = self._line(settings.contact_phone, "contact_phone")
        self.staff_name = self._line(settings.staff_name, "staff_name")
        shop_form.addRow(self.tr("Shop name:"), self.shop_name)
        shop_form.addRow(self.tr("Contact email:"), self.contact_email)
        shop_form.addRow(self.tr("Contact phone:"), self.contact_phone)
        shop_form.addRow(self.tr("Staff name for sign-offs:"), self.staff_name)
        hint = QLabel(self.tr("Saved replies fill these in, so customers always know how to "
                              "reach you one to one."), shop)
        hint.setWordWrap(True)
        make_secondary(hint)
        shop_form.addRow("", hint)

        inbox = self.inbox_box = QGroupBox(self.tr("Inbox"), self)
        inbox_form = QFormLayout(inbox)
        self.overdue_hours = QSpinBox(inbox)
        self.overdue_hours.setRange(1, 24 * 14)
        self.overdue_hours.setValue(settings.overdue_hours)
        self.overdue_hours.valueChanged.connect(
            lambda value: self._save(overdue_hours=value))
        self.sync_interval = QSpinBox(inbox)
        self.sync_interval.setRange(1, 24 * 60)
        self.sync_interval.setValue(settings.sync_interval_minutes)
        self.sync_interval.valueChanged.connect(
            lambda value: self._save(sync_interval_minutes=value))
        for spin, one, many in (
            (self.overdue_hours, self.tr(" hour"), self.tr(" hours")),
            (self.sync_interval, self.tr(" minute"), self.tr(" minutes")),
        ):
            _follow_suffix(spin, one, many)
        inbox_form.addRow(self.tr("A mention is overdue after:"), self.overdue_hours)
        inbox_form.addRow(self.tr("Check for new mentions every:"), self.sync_interval)

        hours_box = self.hours_box = QGroupBox(self.tr("Opening hours"), self)
        hours_hint = QLabel(self.tr("Waiting time counts only opening hours when set. Leave "
                                    "every day closed to count every hour."), hours_box)
        hours_hint.setWordWrap(True)
        make_secondary(hours_hint)
        self.opening_hours = OpeningHoursEditor(hours_box)
        self.opening_hours.set_hours(settings.opening_hours)
        self.opening_hours.hoursChanged.connect(lambda hours: self._save(opening_hours=hours))
        hours_column = QVBoxLayout(hours_box)
        hours_column.addWidget(hours_hint)
        hours_column.addWidget(self.opening_hours)

        rules_box = self.rules_box = QGroupBox(self.tr("Rules"), self)
        self.rules = RulesEditor(self._rules, tasks, rules_box)
        rules_column = QVBoxLayout(rules_box)
        rules_column.addWidget(self.rules)

        replies = self.replies_box = QGroupBox(self.tr("Replies"), self)
        replies_form = QFormLayout(replies)
        self.reminders = QPlainTextEdit(replies)
        self.reminders.setPlainText(settings.policy_reminders)
        self.reminders.setPlaceholderText(self.tr("Apologise plainly when the shop is at fault\n"
                                                  "Move order details to email or phone"))
        self.reminders.setTabChangesFocus(True)
        self.reminders.setFixedHeight(self.reminders.fontMetrics().lineSpacing() * 4 + 14)
        # The form keeps fields at their size hint; a reminder is a sentence, so give it room.
        wide = self.reminders.fontMetrics().averageCharWidth() * 52
        self.reminders.setAccessibleName(self.tr("Policy reminders"))
        # Saved once typing pauses: a text box has no "editing finished" of its own.
        self._reminders_timer = QTimer(self)
        self._reminders_timer.setSingleShot(True)
        self._reminders_timer.setInterval(REMINDERS_DELAY_MS)
        self._reminders_timer.timeout.connect(self._save_reminders)
        self.reminders.textChanged.connect(self._reminders_timer.start)
        self.reminders.setMinimumWidth(wide)
        reminders_hint = QLabel(self.tr("One per line. The composer shows them beside every "
                                        "reply; the “never say” words are under Rules."), replies)
        reminders_hint.setWordWrap(True)
        reminders_hint.setMinimumWidth(wide)
        make_secondary(reminders_hint)
        self.undo_seconds = QSpinBox(replies)
        self.undo_seconds.setRange(*RANGES["undo_seconds"])
        self.undo_seconds.setValue(settings.undo_seconds)
        self.undo_seconds.setSpecialValueText(self.tr("Send at once"))
        _follow_suffix(self.undo_seconds, self.tr(" second"), self.tr(" seconds"))
        self.undo_seconds.valueChanged.connect(lambda value: self._save(undo_seconds=value))
        self.reply_language = QComboBox(replies)
        for text, code in ((self.tr("Guess from the text"), "auto"), ("日本語", "ja"),
                           ("English", "en")):
            self.reply_language.addItem(text, code)
        self.reply_language.setCurrentIndex(
            max(0, self.reply_language.findData(settings.reply_language)))
        self.reply_language.currentIndexChanged.connect(
            lambda _index: self._save(reply_language=self.reply_language.currentData()))
        replies_form.addRow(self.tr("Policy reminders:"), self.reminders)
        replies_form.addRow("", reminders_hint)
        replies_form.addRow(self.tr("Time to undo a sent reply:"), self.undo_seconds)
        replies_form.addRow(self.tr("Language of replies:"), self.reply_language)

        weekly = self.weekly_box = WeeklyPdfBox(settings.weekly_pdf_folder,
                                                settings.weekly_pdf_saved, self)
        weekly.folderChanged.connect(lambda folder: self._save(weekly_pdf_folder=folder))

        app_box = QGroupBox(self.tr("Application"), self)
        app_form = QFormLayout(app_box)
        self.language = QComboBox(app_box)
        # Language names are shown in their own language, so anyone can find theirs.
        for text, code in ((self.tr("System default"), "system"), ("English", "en"),
                           ("日本語", "ja")):
            self.language.addItem(text, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.language.currentIndexChanged.connect(self._on_language_changed)
        self.close_to_tray = QCheckBox(self.tr("Keep running in the tray when the window is "
                                               "closed"), app_box)
        self.close_to_tray.setChecked(settings.close_to_tray and tray_available)
        self.close_to_tray.setEnabled(tray_available)
        if not tray_available:
            self.close_to_tray.setToolTip(self.tr("This desktop has no system tray."))
        self.close_to_tray.toggled.connect(lambda on: self._save(close_to_tray=on))
        app_form.addRow(self.tr("Language:"), self.language)
        app_form.addRow(self.close_to_tray)
        self.start_at_login = QCheckBox(self.tr("Start Community Desk when I log in"), app_box)
        self.start_at_login.setToolTip(self.tr(
            "Bluesky posts and replies leave only while the app runs; Mastodon's scheduled "
            "posts go out even when it is closed."))
        self.start_at_login_error = QLabel(app_box)
        self.start_at_login_error.setWordWrap(True)
        make_error(self.start_at_login_error)
        self.start_at_login_error.hide()
        if autostart is not None and autostart.supported:
            self.start_at_login.setChecked(autostart.enabled())
            self.start_at_login.toggled.connect(self._on_start_at_login_toggled)
            app_form.addRow(self.start_at_login)
            app_form.addRow(self.start_at_login_error)
        else:
            self.start_at_login.hide()

        # Short values stay short: only the shop's texts take the full width.
        for form in (inbox_form, replies_form, app_form):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        # One label column for all three groups, so the fields line up down the page.
        labels = [
            form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
            for form in (shop_form, inbox_form, replies_form, app_form)
            for row in range(form.rowCount())
            if form.itemAt(row, QFormLayout.ItemRole.LabelRole) is not None
            and form.itemAt(row, QFormLayout.ItemRole.FieldRole) is not None
        ]
        label_width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(label_width)

        content = QWidget(self)
        column = QVBoxLayout(content)
        for box in (shop, inbox, hours_box, rules_box, replies, weekly, app_box):
            column.addWidget(box)
        column.addStretch(1)
        content.setMaximumWidth(720)
        scroll = self._scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def scroll_to(self, section: QWidget) -> None:
        """Bring a part of the page (one of its groups) to the top, as far as the page scrolls."""
        top = section.mapTo(self._scroll.widget(), QPoint(0, 0)).y()
        self._scroll.verticalScrollBar().setValue(max(0, top - 6))  # a little air above

    def show_profile(self, settings: Settings) -> None:
        """The shop profile was saved elsewhere (the first-run welcome): show it here too."""
        self._settings = settings
        for edit, value in ((self.shop_name, settings.shop_name),
                            (self.contact_email, settings.contact_email),
                            (self.contact_phone, settings.contact_phone),
                            (self.staff_name, settings.staff_name)):
            edit.setText(value)

    def _line(self, value: str, key: str) -> QLineEdit:
        edit = QLineEdit(value, self)
        edit.setMaxLength(255)
        edit.editingFinished.connect(lambda: self._save(**{key: edit.text().strip()}))
        return edit

    def _on_start_at_login_toggled(self, on: bool) -> None:
        """A small file (or registry value) of this user's: written at once, not on a worker."""
        assert self._autostart is not None
        try:
            self._autostart.set_enabled(on)
        except AutostartError:
            log.warning("the start-at-login entry could not be changed", exc_info=True)
            self.start_at_login_error.setText(
                self.tr("Starting at login could not be turned on. Check that your settings "
                        "folder can be written, then try again.") if on else
                self.tr("Starting at login could not be turned off. Check that your settings "
                        "folder can be written, then try again."))
            self.start_at_login_error.show()
            blocked = self.start_at_login.blockSignals(True)
            self.start_at_login.setChecked(self._autostart.enabled())
            self.start_at_login.blockSignals(blocked)
        else:
            self.start_at_login_error.hide()

    def _save_reminders(self) -> None:
        self._save(policy_reminders=self.reminders.toPlainText().strip()[:MAX_REMINDERS_CHARS])

    def flush(self) -> None:
        """Save what is still waiting for a pause in typing (the window is closing)."""
        if self._reminders_timer.isActive():
            self._reminders_timer.stop()
            self._save_reminders()

    def _save(self, **changes: object) -> None:
        self._tasks.db(lambda: self._preferences.update(**changes), self._on_saved, owner=self)

    def _on_saved(self, settings: Settings) -> None:
        self._settings = settings
        self.settingsChanged.emit(settings)

    def _on_language_changed(self, _index: int) -> None:
        code = self.language.currentData()
        self._tasks.db(lambda: self._preferences.update(language=code),
                       lambda settings: (self._on_saved(settings),
                                         self.languageChanged.emit(code)),
                       owner=self)
