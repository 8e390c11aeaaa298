"""The first-run welcome: greet the owner, ask for the shop profile, and offer a way to start.

Shown once per workspace, when it has no accounts and no shop name yet (never for the demo).
The window decides when; this module holds the dialog and how the demo is started.
"""

from __future__ import annotations

import sys
from enum import Enum

from PySide6.QtCore import QProcess, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.settings import Settings
from app.ui.look import make_secondary
from app.ui.resources import icon

# The key in the workspace's ui-state.ini that remembers the welcome was shown.
SHOWN_KEY = "welcome/shown"

PROFILE_KEYS = ("shop_name", "contact_email", "contact_phone", "staff_name")


class Choice(Enum):
    CONNECT = "connect"
    DEMO = "demo"
    LATER = "later"


def demo_command() -> tuple[str, list[str]]:
    """How to start this same program on a throwaway demo workspace, from source or frozen."""
    if getattr(sys, "frozen", False):
        return sys.executable, ["--demo"]
    return sys.executable, ["-m", "app", "--demo"]


def start_demo() -> bool:
    """A separate process, so the demo's sample data never mixes with the shop's workspace."""
    program, arguments = demo_command()
    started, _pid = QProcess.startDetached(program, arguments)
    return bool(started)


class WelcomeDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = Choice.LATER
        self.setWindowTitle(self.tr("Welcome to Community Desk"))

        picture = QLabel(self)
        picture.setPixmap(icon("app").pixmap(48, 48))
        picture.setAlignment(Qt.AlignmentFlag.AlignVCenter)
        title = QLabel(self.tr("Welcome!"), self)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        title.setFont(font)
        greeting = QLabel(self.tr(
            "Community Desk gathers what customers say about your shop on Mastodon, Bluesky "
            "and the web into one inbox, so no question or complaint is left waiting."), self)
        greeting.setWordWrap(True)
        profile_intro = QLabel(self.tr(
            "First, a few details about your shop. Saved replies fill them in, so customers "
            "always know how to reach you one to one. You can change them later in "
            "Settings."), self)
        profile_intro.setWordWrap(True)
        make_secondary(profile_intro)

        form = QFormLayout()
        self.shop_name = self._line(settings.shop_name)
        self.contact_email = self._line(settings.contact_email)
        self.contact_phone = self._line(settings.contact_phone)
        self.staff_name = self._line(settings.staff_name)
        form.addRow(self.tr("Shop name:"), self.shop_name)
        form.addRow(self.tr("Contact email:"), self.contact_email)
        form.addRow(self.tr("Contact phone:"), self.contact_phone)
        form.addRow(self.tr("Staff name for sign-offs:"), self.staff_name)

        buttons = QDialogButtonBox(self)
        self.connect_button: QPushButton = buttons.addButton(
            self.tr("Connect an Account"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.demo_button: QPushButton = buttons.addButton(
            self.tr("Try the Demo"), QDialogButtonBox.ButtonRole.ActionRole)
        self.later_button: QPushButton = buttons.addButton(
            self.tr("Later"), QDialogButtonBox.ButtonRole.RejectRole)
        self.connect_button.setDefault(True)
        self.connect_button.clicked.connect(lambda: self._finish(Choice.CONNECT))
        self.demo_button.clicked.connect(lambda: self._finish(Choice.DEMO))
        self.later_button.clicked.connect(self.reject)
        self.demo_button.setToolTip(self.tr(
            "Opens a second window with sample mentions to try things out; your own "
            "workspace is not touched."))

        heading = QHBoxLayout()
        heading.addWidget(picture)
        heading.addWidget(title, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(greeting)
        layout.addSpacing(6)
        layout.addWidget(profile_intro)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 36)

    def _line(self, value: str) -> QLineEdit:
        edit = QLineEdit(value, self)
        edit.setMaxLength(255)
        return edit

    def profile(self) -> dict[str, str]:
        """What was typed, trimmed; saved whichever way the dialog closes."""
        edits = (self.shop_name, self.contact_email, self.contact_phone, self.staff_name)
        return {key: edit.text().strip() for key, edit in zip(PROFILE_KEYS, edits, strict=True)}

    def _finish(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()

    def reject(self) -> None:
        self.choice = Choice.LATER
        super().reject()
