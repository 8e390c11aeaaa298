"""The Settings screen's rules and opening hours over a real workspace: the words that flag a
mention (saved, then flagging the next mention stored), the "never say" list, input that needs
cleaning, and opening hours per weekday that come back as they were saved.

The shop profile, the overdue and sync spin boxes and the language switch are driven through
the window in test_main_window.py."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt, QTime
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.connector import FetchedMention
from app.core.model import Flag, MentionKind, RuleKind
from app.core.settings import Settings
from app.core.timefmt import utc_now
from app.services.preferences import PreferencesService
from app.services.rules import RulesService
from app.services.workspace import Workspace
from app.storage.mentions import store_fetched
from app.storage.models import Account, Mention
from app.storage.rules import flag_rules
from app.ui.screens.settings import SettingsScreen
from app.ui.tasks import Tasks
from app.ui.widgets.opening_hours import OpeningHoursEditor
from app.ui.widgets.phrase_list import PhraseListEditor

# --- Helpers ----------------------------------------------------------------------------------

_accounts = itertools.count(1)


@pytest.fixture
def make_screen(qtbot, workspace: Workspace) -> Callable[..., SettingsScreen]:
    def make(tasks: Any = None, **settings: object) -> SettingsScreen:
        preferences = PreferencesService(workspace.sessions)
        loaded = preferences.update(**settings) if settings else preferences.load()
        screen = SettingsScreen(preferences, tasks or Tasks(inline=True), loaded,
                                tray_available=False, rules=RulesService(workspace.sessions))
        qtbot.addWidget(screen)
        screen.resize(900, 700)
        return screen

    return make


def add(editor: PhraseListEditor, text: str) -> None:
    """Type into the Add field (insert: QTest only types ASCII) and press Add."""
    editor.entry.clear()
    editor.entry.insert(text)
    editor.add_button.click()


def saved(workspace: Workspace, kind: RuleKind) -> list[str]:
    return RulesService(workspace.sessions).phrases(kind)


def store_one(workspace: Workspace, text: str) -> Mention:
    """Store a fetched mention the way sync does, with the rules as they are now."""
    now = utc_now().replace(tzinfo=None)
    with Session(workspace.engine) as session, session.begin():
        account = Account(network="mastodon", handle=f"@shop{next(_accounts)}@example.social",
                          created_at=now)
        session.add(account)
        session.flush()
        mention = FetchedMention(external_id="1", kind=MentionKind.MENTION,
                                 author_handle="@aiko@example.social", author_name="Aiko",
                                 text=text, created_at=datetime(2026, 11, 20, 9, tzinfo=UTC))
        store_fetched(session.connection(), account.id, [mention], flag_rules(session), now)
        row = session.scalar(select(Mention).where(Mention.account_id == account.id))
        assert row is not None
        session.expunge(row)
        return row


def no_dialog_opened() -> bool:
    return QApplication.activeModalWidget() is None and not any(
        isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets())


class QueuedTasks:
    """Database work held until run_all(): saves that come back late and out of step."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Callable[[], Any], Callable[[Any], None] | None]] = []

    def db(self, work: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
           on_error: Any = None, *, owner: Any = None) -> None:
        self.jobs.append((work, on_done))

    def run_all(self) -> None:
        jobs, self.jobs = self.jobs, []
        for work, on_done in jobs:
            result = work()
            if on_done is not None:
                on_done(result)


@pytest.fixture
def japanese_locale() -> Iterator[None]:
    default = QLocale()
    QLocale.setDefault(QLocale("ja_JP"))
    yield
    QLocale.setDefault(default)


# --- Rules ------------------------------------------------------------------------------------


def test_shipped_complaint_words_show_in_japanese_and_english(make_screen) -> None:
    screen = make_screen()
    complaint = screen.rules.editors[RuleKind.COMPLAINT].phrases()
    assert {"返金", "届かない", "最悪", "refund", "broken", "never arrived"} <= set(complaint)
    assert "ありがとう" in screen.rules.editors[RuleKind.PRAISE].phrases()
    assert "教えて" in screen.rules.editors[RuleKind.QUESTION].phrases()
    assert screen.rules.editors[RuleKind.NEVER_SAY].phrases() == []
    assert screen.rules.tabs.tabText(0) == f"Complaint ({len(complaint)})"
    assert screen.rules.tabs.tabText(3) == "Never say (0)"


def test_a_complaint_word_added_in_settings_flags_the_next_stored_mention(
        make_screen, workspace) -> None:
    assert not store_one(workspace, "The cake was mouldy").is_complaint
    screen = make_screen()
    editor = screen.rules.show_list(RuleKind.COMPLAINT)
    add(editor, "mouldy")
    add(editor, "ひどい")

    assert saved(workspace, RuleKind.COMPLAINT)[-2:] == ["mouldy", "ひどい"]
    assert screen.rules.tabs.tabText(0) == f"Complaint ({len(editor.phrases())})"
    mention = store_one(workspace, "対応がひどいです。The cake was MOULDY.")
    assert mention.is_complaint
    with Session(workspace.engine) as session:
        rules = flag_rules(session)
    assert Flag.COMPLAINT in rules.flags_for("対応がひどい")
    assert Flag.COMPLAINT in rules.flags_for("the bread was mouldy")


def test_a_removed_word_no_longer_flags(make_screen, workspace) -> None:
    screen = make_screen()
    editor = screen.rules.show_list(RuleKind.COMPLAINT)
    item = editor.list.findItems("refund", Qt.MatchFlag.MatchExactly)[0]
    editor.list.clearSelection()
    item.setSelected(True)
    editor.remove_button.click()

    assert "refund" not in saved(workspace, RuleKind.COMPLAINT)
    assert "refund" not in editor.phrases()
    assert not store_one(workspace, "Can I get a refund").is_complaint


def test_delete_key_removes_the_selected_words(qtbot, make_screen, workspace) -> None:
    editor = make_screen().rules.show_list(RuleKind.PRAISE)
    for text in ("love", "great"):
        editor.list.findItems(text, Qt.MatchFlag.MatchExactly)[0].setSelected(True)
    qtbot.keyClick(editor.list, Qt.Key.Key_Delete)
    assert not {"love", "great"} & set(saved(workspace, RuleKind.PRAISE))


def test_a_word_edited_in_place_is_cleaned_and_saved(make_screen, workspace) -> None:
    editor = make_screen().rules.show_list(RuleKind.COMPLAINT)
    item = editor.list.findItems("late", Qt.MatchFlag.MatchExactly)[0]
    item.setText("  arrived   late \n")
    assert "arrived late" in saved(workspace, RuleKind.COMPLAINT)
    assert "late" not in saved(workspace, RuleKind.COMPLAINT)
    assert "arrived late" in editor.phrases()


def test_editing_a_word_into_a_blank_or_a_repeat_drops_it(make_screen, workspace) -> None:
    editor = make_screen().rules.show_list(RuleKind.COMPLAINT)
    before = saved(workspace, RuleKind.COMPLAINT)
    editor.list.findItems("late", Qt.MatchFlag.MatchExactly)[0].setText("   ")
    editor.list.findItems("worst", Qt.MatchFlag.MatchExactly)[0].setText("ＲＥＦＵＮＤ")
    after = saved(workspace, RuleKind.COMPLAINT)
    assert after == [p for p in before if p not in ("late", "worst")]
    assert editor.phrases() == after
    assert no_dialog_opened()


def test_blank_repeated_and_overlong_words_are_cleaned_without_a_dialog(
        make_screen, workspace) -> None:
    editor = make_screen().rules.show_list(RuleKind.COMPLAINT)
    before = saved(workspace, RuleKind.COMPLAINT)

    add(editor, "    ")
    assert not editor.add_button.isEnabled()
    add(editor, "REFUND")  # already there as "refund": selected, not added
    add(editor, "ＲＥＦＵＮＤ")  # full-width letters compare as the same word
    assert saved(workspace, RuleKind.COMPLAINT) == before
    assert [item.text() for item in editor.list.selectedItems()] == ["refund"]

    add(editor, "x" * 5000)
    assert saved(workspace, RuleKind.COMPLAINT)[-1] == "x" * 255
    add(editor, "  too    many   spaces  ")
    assert saved(workspace, RuleKind.COMPLAINT)[-1] == "too many spaces"
    assert editor.entry.text() == ""
    assert no_dialog_opened()


def test_several_lines_pasted_into_the_add_field_become_several_words(make_screen,
                                                                       workspace) -> None:
    editor = make_screen().rules.show_list(RuleKind.NEVER_SAY)
    editor.entry.setText("cheap\n\n我慢してください\ncheap\n")  # as a paste would bring them
    editor.add_from_entry()
    assert saved(workspace, RuleKind.NEVER_SAY) == ["cheap", "我慢してください"]


def test_never_say_words_are_kept_apart_and_flag_nothing(make_screen, workspace) -> None:
    screen = make_screen()
    complaint = saved(workspace, RuleKind.COMPLAINT)
    editor = screen.rules.show_list(RuleKind.NEVER_SAY)
    add(editor, "calm down")
    add(editor, "落ち着いて")

    assert saved(workspace, RuleKind.NEVER_SAY) == ["calm down", "落ち着いて"]
    assert saved(workspace, RuleKind.COMPLAINT) == complaint
    assert screen.rules.tabs.tabText(3) == "Never say (2)"
    mention = store_one(workspace, "Please calm down")
    assert not (mention.is_complaint or mention.is_question or mention.is_praise)


def test_the_lists_show_again_in_a_new_screen(make_screen) -> None:
    add(make_screen().rules.show_list(RuleKind.QUESTION), "在庫ありますか")
    assert "在庫ありますか" in make_screen().rules.editors[RuleKind.QUESTION].phrases()


def test_a_late_save_does_not_undo_a_newer_edit(make_screen, workspace) -> None:
    tasks = QueuedTasks()
    screen = make_screen(tasks)
    assert not screen.rules.tabs.isEnabled()  # nothing to edit before the lists arrive
    tasks.run_all()
    assert screen.rules.tabs.isEnabled()
    editor = screen.rules.show_list(RuleKind.PRAISE)
    add(editor, "yummy")
    add(editor, "superb")
    tasks.run_all()  # both saves come back; the first must not take "superb" off screen
    assert editor.phrases()[-2:] == ["yummy", "superb"]
    assert saved(workspace, RuleKind.PRAISE)[-2:] == ["yummy", "superb"]


# --- Opening hours ----------------------------------------------------------------------------


def test_day_names_follow_the_language(qtbot, japanese_locale) -> None:
    editor = OpeningHoursEditor()
    qtbot.addWidget(editor)
    assert editor.days[1].open.text() == "月曜日"
    assert editor.days[7].open.text() == "日曜日"


def test_no_opening_hours_shows_every_day_closed(make_screen) -> None:
    hours = make_screen().opening_hours
    assert all(not day.open.isChecked() for day in hours.days.values())
    assert all(not day.closed.isHidden() for day in hours.days.values())
    assert hours.hours() == {}


def test_opening_hours_are_saved_and_come_back(qtbot, make_screen, workspace) -> None:
    hours = make_screen().opening_hours
    monday, saturday = hours.days[1], hours.days[6]
    monday.open.click()  # 9 to 6 by default
    monday.split.click()  # a lunch break: 9–12 and 13–18
    hours.days[2].open.click()  # Tuesday takes Monday's hours
    saturday.open.click()  # takes Tuesday's hours, the closest open day before it
    assert hours.hours()["6"] == [["09:00", "12:00"], ["13:00", "18:00"]]
    saturday.split.click()  # one period again
    saturday.start.setTime(QTime(10, 0))
    saturday.end.setTime(QTime(0, 0))  # until midnight

    expected = {
        "1": [["09:00", "12:00"], ["13:00", "18:00"]],
        "2": [["09:00", "12:00"], ["13:00", "18:00"]],
        "6": [["10:00", "24:00"]],
    }
    assert PreferencesService(workspace.sessions).load().opening_hours == expected

    again = make_screen().opening_hours
    assert again.hours() == expected
    assert not again.days[1].start2.isHidden()
    assert again.days[6].start2.isHidden()
    assert again.days[3].open.isChecked() is False
    assert again.days[6].end.time() == QTime(0, 0)


def test_closing_every_day_counts_every_hour_again(make_screen, workspace) -> None:
    screen = make_screen(opening_hours={"3": [["22:00", "02:00"]]})
    wednesday = screen.opening_hours.days[3]
    assert wednesday.open.isChecked()
    assert (wednesday.start.time(), wednesday.end.time()) == (QTime(22, 0), QTime(2, 0))
    wednesday.open.click()
    assert PreferencesService(workspace.sessions).load().opening_hours == {}


def test_saved_hours_reach_the_settings_signal(qtbot, make_screen) -> None:
    screen = make_screen()
    with qtbot.waitSignal(screen.settingsChanged, timeout=1000) as blocker:
        screen.opening_hours.days[5].open.click()
    settings = blocker.args[0]
    assert isinstance(settings, Settings)
    assert settings.opening_hours == {"5": [["09:00", "18:00"]]}


def test_hand_edited_hours_with_more_periods_show_the_first_two(make_screen) -> None:
    screen = make_screen(opening_hours={
        "1": [["08:00", "10:00"], ["11:00", "12:00"], ["13:00", "14:00"]]})
    assert screen.opening_hours.hours() == {"1": [["08:00", "10:00"], ["11:00", "12:00"]]}


def test_the_page_scrolls_to_a_section(qtbot, make_screen) -> None:
    """The page is taller than a window: it scrolls, and a section can be brought to the top."""
    screen = make_screen()
    screen.resize(800, 500)
    screen.show()
    qtbot.waitExposed(screen)
    bar = screen._scroll.verticalScrollBar()
    assert bar.maximum() > 0
    screen.scroll_to(screen.rules_box)
    assert bar.value() > 0
    assert screen.rules_box.visibleRegion().boundingRect().top() == 0


def test_policy_reminders_are_saved_once_typing_pauses(qtbot, make_screen, workspace) -> None:
    screen = make_screen()
    screen.reminders.setPlainText("Apologise plainly\n公の場で言い争わない")
    assert PreferencesService(workspace.sessions).load().policy_reminders == ""  # not yet

    qtbot.waitUntil(lambda: PreferencesService(workspace.sessions).load().policy_reminders
                    == "Apologise plainly\n公の場で言い争わない", timeout=2000)
    assert make_screen().reminders.toPlainText() == "Apologise plainly\n公の場で言い争わない"


def test_reminders_typed_just_before_quitting_are_kept(make_screen, workspace) -> None:
    screen = make_screen()
    screen.reminders.setPlainText("Never argue in public")
    screen.flush()
    assert PreferencesService(workspace.sessions).load().policy_reminders == \
        "Never argue in public"


def test_undo_window_and_reply_language_are_saved(make_screen, workspace) -> None:
    screen = make_screen()
    assert screen.undo_seconds.value() == 5
    screen.undo_seconds.setValue(0)
    assert screen.undo_seconds.text() == "Send at once"
    screen.reply_language.setCurrentIndex(screen.reply_language.findData("ja"))

    saved = PreferencesService(workspace.sessions).load()
    assert (saved.undo_seconds, saved.reply_language) == (0, "ja")
    again = make_screen()
    assert again.undo_seconds.value() == 0
    assert again.reply_language.currentData() == "ja"


def _screen_with_autostart(qtbot, workspace: Workspace, autostart) -> SettingsScreen:
    preferences = PreferencesService(workspace.sessions)
    screen = SettingsScreen(preferences, Tasks(inline=True), preferences.load(),
                            tray_available=False, rules=RulesService(workspace.sessions),
                            autostart=autostart)
    qtbot.addWidget(screen)
    return screen


def test_start_at_login_writes_and_removes_the_desktop_entry(qtbot, workspace,
                                                             tmp_path) -> None:
    from app.services.autostart import Autostart

    autostart = Autostart(platform="linux", home=tmp_path, environ={}, command=["desk"])
    screen = _screen_with_autostart(qtbot, workspace, autostart)
    entry = tmp_path / ".config" / "autostart" / "community-desk.desktop"
    assert not screen.start_at_login.isChecked()

    screen.start_at_login.setChecked(True)
    assert entry.exists()
    assert _screen_with_autostart(qtbot, workspace, autostart).start_at_login.isChecked()
    screen.start_at_login.setChecked(False)
    assert not entry.exists()


def test_start_at_login_that_cannot_be_written_says_so_and_stays_off(qtbot, workspace,
                                                                   tmp_path) -> None:
    from app.services.autostart import Autostart

    blocker = tmp_path / "config"
    blocker.write_text("a file where the folder should be")
    autostart = Autostart(platform="linux", home=tmp_path,
                          environ={"XDG_CONFIG_HOME": str(blocker)}, command=["desk"])
    screen = _screen_with_autostart(qtbot, workspace, autostart)
    screen.start_at_login.setChecked(True)
    assert not screen.start_at_login.isChecked()
    assert not screen.start_at_login_error.isHidden()
    assert "could not be turned on" in screen.start_at_login_error.text()
