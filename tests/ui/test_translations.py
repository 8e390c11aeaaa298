"""The Japanese translation is complete and correct, and the app and Qt load it.

The first test re-runs lupdate over app/ui on a copy of the committed .ts file: a string added to
the code without a Japanese translation shows up there as new and unfinished, and fails.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QDialogButtonBox

from app.ui import i18n
from app.ui.i18n import install_translators, resolve_language

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = ROOT / "resources" / "translations" / "community_desk_ja.ts"
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%n|%L?\d")


def qt_tool(name: str) -> str:
    """pyside6-lupdate and friends live next to the venv's python."""
    folder = Path(sys.executable).parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    pytest.fail(f"{name} not found next to {sys.executable}; install the test extras")


def ui_sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app" / "ui").rglob("*.py"))


def messages(ts: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [
        (context.findtext("name") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def describe(context: str, message: ET.Element) -> str:
    return f"{context}: {message.findtext('source')!r}"


def forms(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.iter("numerusform")]
    return [translation.text or ""]


@pytest.fixture(scope="module")
def updated_ts(tmp_path_factory) -> Path:
    """The committed .ts, refreshed from today's source exactly as `dev.py translations` does."""
    copy = tmp_path_factory.mktemp("ts") / TS_FILE.name
    shutil.copyfile(TS_FILE, copy)
    result = subprocess.run(
        [qt_tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *ui_sources(),
         "-ts", str(copy)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return copy


@pytest.fixture(scope="module")
def built_qm(tmp_path_factory) -> Path:
    """Compiled here rather than trusting resources/translations/*.qm to be fresh."""
    qm = tmp_path_factory.mktemp("qm") / "community_desk_ja.qm"
    result = subprocess.run(
        [qt_tool("pyside6-lrelease"), str(TS_FILE), "-qm", str(qm)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert qm.stat().st_size > 0
    return qm


@pytest.fixture
def restore_language(qapp):
    default = QLocale()
    yield
    install_translators("en")
    QLocale.setDefault(default)


# --- The .ts file is complete -----------------------------------------------------------------


def test_every_string_in_the_code_has_a_finished_japanese_translation(updated_ts) -> None:
    committed = {
        (context, m.findtext("source"), m.findtext("comment")) for context, m in messages(TS_FILE)
    }
    problems: dict[str, list[str]] = {"new": [], "unfinished": [], "empty": []}
    for context, message in messages(updated_ts):
        if (context, message.findtext("source"), message.findtext("comment")) not in committed:
            problems["new"].append(describe(context, message))
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") in {"unfinished", "vanished", "obsolete"}:
            problems["unfinished"].append(describe(context, message))
        if not all(text.strip() for text in forms(message)):
            problems["empty"].append(describe(context, message))
    report = "".join(
        f"\n{kind} ({len(found)}):\n  " + "\n  ".join(found)
        for kind, found in problems.items() if found
    )
    assert not report, (
        "Japanese translation incomplete. Run `python3 dev.py translations`, translate in "
        "resources/translations/community_desk_ja.ts, and commit it." + report
    )


def test_committed_file_is_ja_and_has_no_leftovers() -> None:
    root = ET.parse(TS_FILE).getroot()
    assert root.get("language") == "ja"
    assert root.get("sourcelanguage") == "en"
    leftovers = [
        describe(context, message) for context, message in messages(TS_FILE)
        if (message.find("translation") is not None
            and message.find("translation").get("type") in {"unfinished", "vanished",
                                                            "obsolete"})
    ]
    assert not leftovers, "unfinished or obsolete entries in the .ts:\n" + "\n".join(leftovers)


def test_every_numerus_message_has_its_japanese_form() -> None:
    numerus = [(c, m) for c, m in messages(TS_FILE) if m.get("numerus") == "yes"]
    assert numerus, "expected at least one %n message"
    for context, message in numerus:
        texts = forms(message)
        # Japanese has a single plural form.
        assert len(texts) == 1, describe(context, message)
        assert texts[0].strip(), describe(context, message)
        assert "%n" in texts[0], describe(context, message)


def test_placeholders_survive_in_every_translation() -> None:
    problems = []
    for context, message in messages(TS_FILE):
        source = message.findtext("source") or ""
        wanted = sorted(set(PLACEHOLDER.findall(source)))
        for text in forms(message):
            if not text:
                continue  # reported by the completeness test
            found = sorted(set(PLACEHOLDER.findall(text)))
            if found != wanted:
                problems.append(f"{describe(context, message)}: {wanted} -> {found} in {text!r}")
    assert not problems, "placeholders lost or invented:\n" + "\n".join(problems)


def test_mnemonics_are_kept_in_menu_translations() -> None:
    """"&File" becomes "ファイル(&F)": the Alt key still works in Japanese."""
    problems = [
        describe(context, message)
        for context, message in messages(TS_FILE)
        if re.search(r"&[A-Za-z]", message.findtext("source") or "")
        and not any(re.search(r"&[A-Za-z]", text) for text in forms(message))
    ]
    assert not problems, "menu mnemonics lost:\n" + "\n".join(problems)


# --- The compiled translation loads and translates --------------------------------------------


def test_qm_translates_inbox(qapp, built_qm) -> None:
    translator = QTranslator()
    assert translator.load(str(built_qm))
    assert translator.language() == "ja"
    assert translator.translate("MainWindow", "Inbox") == "受信箱"


def test_install_translators_uses_the_app_and_qt_translations(qapp, built_qm, monkeypatch,
                                                              restore_language) -> None:
    monkeypatch.setattr(i18n, "translation_file", lambda language: str(built_qm))
    assert install_translators("ja") is True
    assert QCoreApplication.translate("MainWindow", "Inbox") == "受信箱"
    # Qt's own strings come from qtbase_ja.qm.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "キャンセル"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "キャンセル"
    assert QLocale().language() == QLocale.Language.Japanese

    # Switching back to English removes both.
    assert install_translators("en") is True
    assert QCoreApplication.translate("MainWindow", "Inbox") == "Inbox"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_installing_twice_does_not_stack_translators(qapp, built_qm, monkeypatch,
                                                     restore_language) -> None:
    monkeypatch.setattr(i18n, "translation_file", lambda language: str(built_qm))
    install_translators("ja")
    install_translators("ja")
    assert len(i18n._installed) == 2  # qtbase and ours, once each


def test_missing_app_translation_is_reported_not_fatal(qapp, tmp_path, monkeypatch,
                                                       restore_language) -> None:
    monkeypatch.setattr(i18n, "translation_file",
                        lambda language: str(tmp_path / "missing.qm"))
    assert install_translators("ja") is False
    assert QCoreApplication.translate("MainWindow", "Inbox") == "Inbox"


def test_main_window_speaks_japanese(qtbot, workspace, built_qm, monkeypatch,
                                     restore_language) -> None:
    from app.services.preferences import PreferencesService
    from app.ui.main_window import Context, MainWindow
    from app.ui.tasks import Tasks

    monkeypatch.setattr(i18n, "translation_file", lambda language: str(built_qm))
    install_translators("ja")
    context = Context(workspace, Tasks(inline=True), PreferencesService(workspace.sessions).load())
    window = MainWindow(context)
    qtbot.addWidget(window)
    titles = [window.nav.item(row).text() for row in range(window.nav.count())]
    assert titles[0] == "受信箱"
    assert all(not title.isascii() for title in titles), titles
    assert window.sync_state.text() != "No accounts connected yet"


# --- Which language to show -------------------------------------------------------------------


@pytest.mark.parametrize(("locale", "expected"), [
    ("ja_JP", "ja"),
    ("en_US", "en"),
    ("en_GB", "en"),
    ("fr_FR", "en"),
    ("zh_CN", "en"),
])
def test_system_language_is_followed_when_supported(locale, expected) -> None:
    assert resolve_language("system", QLocale(locale)) == expected


@pytest.mark.parametrize(("setting", "locale", "expected"), [
    ("en", "ja_JP", "en"),
    ("ja", "en_US", "ja"),
    ("ja", "fr_FR", "ja"),
])
def test_an_explicit_setting_wins_over_the_system(setting, locale, expected) -> None:
    assert resolve_language(setting, QLocale(locale)) == expected


def test_an_unknown_setting_falls_back_to_the_system() -> None:
    assert resolve_language("klingon", QLocale("ja_JP")) == "ja"
