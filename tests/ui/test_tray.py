"""The tray icon: says how many mentions wait, and brings the window back or quits."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QSystemTrayIcon

from app.ui.tray import Tray


@pytest.fixture
def tray(qapp):
    tray = Tray()
    yield tray
    tray.hide()
    tray.deleteLater()


def test_tooltip_counts_waiting_mentions(tray) -> None:
    assert tray._icon.toolTip() == "Community Desk"
    tray.set_waiting(1)
    assert tray._icon.toolTip() == "Community Desk: 1 mention waiting"
    tray.set_waiting(12)
    assert tray._icon.toolTip() == "Community Desk: 12 mentions waiting"
    tray.set_waiting(0)
    assert tray._icon.toolTip() == "Community Desk"


def test_clicking_the_icon_asks_for_the_window(qtbot, tray) -> None:
    with qtbot.waitSignal(tray.showRequested, timeout=1000):
        tray._icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    with qtbot.assertNotEmitted(tray.showRequested):
        tray._icon.activated.emit(QSystemTrayIcon.ActivationReason.Context)


def test_menu_offers_show_and_quit(qtbot, tray) -> None:
    actions = [a for a in tray._icon.contextMenu().actions() if not a.isSeparator()]
    assert [a.text() for a in actions] == ["Show Community Desk", "Quit"]
    with qtbot.waitSignal(tray.showRequested, timeout=1000):
        actions[0].trigger()
    with qtbot.waitSignal(tray.quitRequested, timeout=1000):
        actions[1].trigger()


def test_a_failed_delivery_is_a_warning_notification(tray, monkeypatch) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(tray._icon, "showMessage",
                        lambda title, text, *_args: shown.append((title, text)))
    tray.notify_failed(0)
    tray.notify_failed(1)
    tray.notify_failed(3)
    assert shown == [
        ("Not sent", "A reply or post could not be sent. Open Community Desk to see why."),
        ("Not sent", "3 replies or posts could not be sent. Open Community Desk to see why."),
    ]
