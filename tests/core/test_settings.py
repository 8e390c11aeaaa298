"""Workspace settings: what a stored value must look like, and how settings are kept."""

from __future__ import annotations

from dataclasses import asdict

import pytest
from sqlalchemy import text

from app.core.settings import Settings
from app.services.workspace import Workspace, open_workspace
from app.storage.settings import load_settings, save_settings, update_settings

GOOD = Settings(
    shop_name="Hanamori Bakery / はなもりベーカリー",
    contact_email="hello@hanamori-bakery.example",
    contact_phone="03-1234-5678",
    staff_name="Sato / 佐藤",
    opening_hours={"2": [["08:00", "12:00"], ["13:00", "18:00"]], "7": [["09:00", "17:00"]]},
    overdue_hours=48,
    sync_interval_minutes=15,
    language="ja",
    close_to_tray=True,
)

BAD_VALUES = [
    ("language", "fr"),
    ("language", None),
    ("language", 1),
    ("overdue_hours", 0),
    ("overdue_hours", -3),
    ("overdue_hours", True),
    ("overdue_hours", "24"),
    ("overdue_hours", 24.0),
    ("overdue_hours", 24 * 14 + 1),
    ("overdue_hours", 10**30),
    ("sync_interval_minutes", 0),
    ("sync_interval_minutes", 24 * 60 + 1),
    ("sync_interval_minutes", None),
    ("close_to_tray", "yes"),
    ("close_to_tray", 1),
    ("shop_name", 42),
    ("contact_email", None),
    ("opening_hours", "09:00-17:00"),
    ("opening_hours", [["09:00", "17:00"]]),
    ("opening_hours", {"1": "09:00-17:00"}),
    ("opening_hours", {"8": [["09:00", "17:00"]]}),
    ("opening_hours", {"monday": [["09:00", "17:00"]]}),
    ("opening_hours", {"1": [["9am", "5pm"]]}),
    ("opening_hours", {"1": [["09:00"]]}),
    ("opening_hours", {"1": [["09:00", "25:00"]]}),
    ("opening_hours", {"1": [[9, 17]]}),
]


def test_nothing_stored_reads_as_the_defaults() -> None:
    assert Settings.from_mapping({}) == Settings()
    assert Settings().language == "system"
    assert Settings().overdue_hours == 24


def test_every_valid_value_is_kept() -> None:
    assert Settings.from_mapping(asdict(GOOD)) == GOOD


@pytest.mark.parametrize(("key", "value"), BAD_VALUES)
def test_mistyped_or_out_of_range_value_reads_as_the_default(key: str, value: object) -> None:
    other = "staff_name" if key != "staff_name" else "shop_name"
    loaded = Settings.from_mapping({key: value, other: "kept"})

    assert getattr(loaded, key) == getattr(Settings(), key)
    # One bad value costs only itself, never its neighbours.
    assert getattr(loaded, other) == "kept"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("overdue_hours", 1),
        ("overdue_hours", 24 * 14),
        ("sync_interval_minutes", 1),
        ("sync_interval_minutes", 24 * 60),
        ("opening_hours", {}),
        ("opening_hours", {"6": []}),
        ("opening_hours", {"5": [["18:00", "24:00"]]}),
        ("opening_hours", {"5": [["22:00", "02:00"]]}),
    ],
)
def test_values_at_the_edges_of_their_range_are_kept(key: str, value: object) -> None:
    assert getattr(Settings.from_mapping({key: value}), key) == value


def test_unknown_keys_are_ignored() -> None:
    assert Settings.from_mapping({"theme": "dark", "shop_name": "Hanamori"}) == Settings(
        shop_name="Hanamori"
    )


def test_settings_survive_closing_and_reopening_the_workspace(workspace: Workspace) -> None:
    with workspace.sessions.begin() as session:
        save_settings(session, GOOD)
    workspace.close()

    reopened = open_workspace(workspace.data_dir)
    try:
        with reopened.sessions() as session:
            assert load_settings(session) == GOOD
            rows = session.execute(text("SELECT count(*) FROM setting")).scalar()
        assert rows == len(Settings.keys())
    finally:
        reopened.close()


def test_saving_again_changes_only_what_changed(workspace: Workspace) -> None:
    with workspace.sessions.begin() as session:
        save_settings(session, GOOD)
    changed = Settings(**{**asdict(GOOD), "staff_name": "Tanaka"})
    with workspace.sessions.begin() as session:
        save_settings(session, changed)
    with workspace.sessions() as session:
        assert load_settings(session) == changed


def test_hand_edited_bad_value_in_the_database_reads_as_the_default(
    workspace: Workspace,
) -> None:
    with workspace.sessions.begin() as session:
        save_settings(session, GOOD)
        session.execute(text("UPDATE setting SET value = '\"soon\"' WHERE key = 'overdue_hours'"))
        session.execute(text("UPDATE setting SET value = '\"fr\"' WHERE key = 'language'"))

    with workspace.sessions() as session:
        loaded = load_settings(session)

    assert loaded.overdue_hours == 24
    assert loaded.language == "system"
    assert loaded.shop_name == GOOD.shop_name


def test_update_applies_valid_changes(workspace: Workspace) -> None:
    with workspace.sessions.begin() as session:
        returned = update_settings(session, shop_name="Hanamori", overdue_hours=6)
    with workspace.sessions() as session:
        stored = load_settings(session)

    assert returned == stored
    assert stored.shop_name == "Hanamori"
    assert stored.overdue_hours == 6


def test_update_with_a_bad_value_keeps_the_current_value_not_the_default(
    workspace: Workspace,
) -> None:
    with workspace.sessions.begin() as session:
        save_settings(session, GOOD)

    with workspace.sessions.begin() as session:
        returned = update_settings(session, overdue_hours=0, language="fr", staff_name="Tanaka")
    with workspace.sessions() as session:
        stored = load_settings(session)

    assert returned == stored
    assert stored.overdue_hours == GOOD.overdue_hours
    assert stored.language == GOOD.language
    assert stored.staff_name == "Tanaka"


def test_update_with_an_unknown_setting_is_a_programming_error(workspace: Workspace) -> None:
    with workspace.sessions.begin() as session, pytest.raises(TypeError):
        update_settings(session, theme="dark")
