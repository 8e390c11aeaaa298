"""The system tray icon, when the desktop has a tray. The app works the same without one."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from app import APP_NAME
from app.ui.resources import icon


class Tray(QObject):
    showRequested = Signal()
    quitRequested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._icon = QSystemTrayIcon(icon("tray"), self)
        self._menu = QMenu()
        show = QAction(self.tr("Show Community Desk"), self._menu)
        show.triggered.connect(self.showRequested)
        quit_action = QAction(self.tr("Quit"), self._menu)
        quit_action.triggered.connect(self.quitRequested)
        self._menu.addAction(show)
        self._menu.addSeparator()
        self._menu.addAction(quit_action)
        self._icon.setContextMenu(self._menu)
        self._icon.activated.connect(self._on_icon_activated)
        self._icon.messageClicked.connect(self.showRequested)
        self.set_waiting(0)
        self._icon.show()

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def set_waiting(self, count: int) -> None:
        if count == 0:
            tip = APP_NAME
        elif count == 1:
            # Spelled out: without an English .qm, Qt would only replace %n ("1 mentions").
            tip = self.tr("Community Desk: 1 mention waiting")
        else:
            tip = self.tr("Community Desk: %n mentions waiting", "", count)
        self._icon.setToolTip(tip)

    def notify_new_complaints(self, count: int) -> None:
        """A desktop notification: complaints left waiting are the ones that hurt the shop."""
        if count <= 0:
            return
        if count == 1:
            title = self.tr("New complaint")
            text = self.tr("A new complaint is waiting in the inbox.")
        else:
            title = self.tr("New complaints")
            text = self.tr("%n new complaints are waiting in the inbox.", "", count)
        self._icon.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning, 10_000)

    def notify_failed(self, count: int) -> None:
        """A reply or post that did not go out must not wait unseen: the window says why."""
        if count <= 0:
            return
        title = self.tr("Not sent")
        if count == 1:
            text = self.tr("A reply or post could not be sent. Open Community Desk to see why.")
        else:
            text = self.tr("%n replies or posts could not be sent. Open Community Desk to see "
                           "why.", "", count)
        self._icon.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning, 10_000)

    def _on_icon_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.showRequested.emit()

    def hide(self) -> None:
        self._icon.hide()
