"""Which weeks' PDFs are due in the owner's folder, and what the files are called."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.core.settings import Settings
from app.core.weeks import IsoWeek
from app.services.weekly_save import MAX_CATCH_UP, export_name, target_path, weeks_due

TOKYO = ZoneInfo("Asia/Tokyo")
# Monday 2026-11-23, 00:30 in Tokyo: week 47 (16–22 November) has just ended there.
JUST_AFTER_MONDAY = datetime(2026, 11, 22, 15, 30, tzinfo=UTC)


def _settings(folder: str = "/reports", saved: str = "") -> Settings:
    return Settings(weekly_pdf_folder=folder, weekly_pdf_saved=saved, shop_name="山田商店")


def test_nothing_is_due_while_switched_off() -> None:
    assert weeks_due(_settings(folder=""), JUST_AFTER_MONDAY, TOKYO) == []


def test_switched_on_saves_the_last_complete_week_only() -> None:
    assert weeks_due(_settings(), JUST_AFTER_MONDAY, TOKYO) == [IsoWeek(2026, 47)]


def test_the_week_ends_at_midnight_in_the_owners_zone() -> None:
    # 23:30 on Sunday in Tokyo (but already Monday in UTC+14, still Sunday in UTC): week 47 is
    # not over in Tokyo yet, so the last complete week is 46, which was saved.
    sunday_night = datetime(2026, 11, 22, 14, 30, tzinfo=UTC)
    assert weeks_due(_settings(saved="2026-W46"), sunday_night, TOKYO) == []
    assert weeks_due(_settings(saved="2026-W46"), JUST_AFTER_MONDAY, TOKYO) == [
        IsoWeek(2026, 47)]


def test_mondays_the_computer_was_off_are_caught_up_across_the_new_year() -> None:
    # Saved up to 2026-W50; next opened on Wednesday 2027-01-13 (in 2027-W02).
    later = datetime(2027, 1, 13, 3, 0, tzinfo=UTC)
    assert weeks_due(_settings(saved="2026-W50"), later, TOKYO) == [
        IsoWeek(2026, 51), IsoWeek(2026, 52), IsoWeek(2026, 53), IsoWeek(2027, 1)]


def test_a_long_absence_brings_back_only_the_latest_weeks() -> None:
    later = datetime(2027, 6, 1, tzinfo=UTC)
    due = weeks_due(_settings(saved="2026-W40"), later, TOKYO)
    assert len(due) == MAX_CATCH_UP
    assert due[-1] == IsoWeek.last_complete(later, TOKYO)
    assert due == sorted(due)


def test_an_unreadable_record_counts_as_nothing_saved() -> None:
    assert weeks_due(_settings(saved="week 47"), JUST_AFTER_MONDAY, TOKYO) == [
        IsoWeek(2026, 47)]


@pytest.mark.parametrize(("shop", "expected"), [
    ("山田商店", "山田商店 2026-W47.pdf"),
    ("", "Community Desk 2026-W47.pdf"),
    ('A/B: "best" <shop>?', "A B best shop 2026-W47.pdf"),
    ("  ...  ", "Community Desk 2026-W47.pdf"),
    ("Café\tLune\n", "Café Lune 2026-W47.pdf"),
])
def test_file_names_are_safe_on_every_system(shop: str, expected: str) -> None:
    assert export_name(shop, IsoWeek(2026, 47), "pdf") == expected


def test_a_very_long_shop_name_is_shortened() -> None:
    name = export_name("店" * 400, IsoWeek(2026, 47), "csv")
    assert name.endswith(" 2026-W47.csv")
    assert len(name) < 140


def test_the_pdf_goes_into_the_chosen_folder(tmp_path: Path) -> None:
    settings = _settings(folder=str(tmp_path))
    assert target_path(settings, IsoWeek(2026, 47)) == tmp_path / "山田商店 2026-W47.pdf"
