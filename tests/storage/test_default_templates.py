"""The saved replies a new workspace ships with (migration 0005_default_templates): both
languages, every category, well-formed, short enough for Bluesky once filled in, and never
brought back once the shop has changed them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sqlalchemy import text

from app.core.model import TemplateCategory
from app.core.templates import parse, render
from app.services.templates import TemplatesService
from app.services.workspace import Workspace, open_workspace
from app.storage import migrate
from app.storage.db import DB_FILENAME, make_engine, sqlite_url

BEFORE = "0004_outbox_replies"
BLUESKY_GRAPHEMES = 300
BLUESKY_BYTES = 3_000

# Long but plausible values, so "fits once filled in" holds for real shops too.
SAMPLE = {
    "customer_name": "Alexandra Hamilton-Whitfield",
    "customer_handle": "@alexandra-hamilton-whitfield.bsky.social",
    "shop_name": "Hanamori Bakery & Café Kichijoji",
    "contact_email": "customer-support@hanamori-bakery.example",
    "contact_phone": "+81 (0)3-1234-5678",
    "staff_name": "Hanako Sato",
    "today": "2026-12-03",
    "opening_hours": "Tuesday to Sunday, 10:00–18:00 (closed on Mondays)",
    "営業時間": "火曜日から日曜日の10時〜18時（月曜定休）",
}


def test_new_workspace_has_replies_in_both_languages_for_every_category(
        workspace: Workspace) -> None:
    records = TemplatesService(workspace.sessions).list()
    shipped = Counter((r.category, r.language) for r in records)
    for category in TemplateCategory:
        for language in ("ja", "en"):
            assert shipped[(category, language)] >= 1, (category, language)
    assert all(r.use_count == 0 and r.shortcut == "" for r in records)
    assert len({r.name for r in records}) == len(records)


def test_every_default_parses_and_fits_a_bluesky_reply_once_filled(
        workspace: Workspace) -> None:
    for record in TemplatesService(workspace.sessions).list():
        parsed = parse(record.body)
        assert parsed.errors == (), record.name
        for values in (SAMPLE, {**SAMPLE, "customer_name": ""}):
            reply = render(record.body, values)
            assert "{" not in reply and "}" not in reply, record.name
            # A grapheme is one or more code points, so this bound is the stricter one.
            assert len(reply) <= BLUESKY_GRAPHEMES, (record.name, len(reply))
            assert len(reply.encode("utf-8")) <= BLUESKY_BYTES, record.name


def test_defaults_follow_the_habits(workspace: Workspace) -> None:
    """An apology gives a way to reach a named person one to one; Japanese ones are polite
    and say お客様 when the name is unknown; only opening hours ask for a value."""
    records = TemplatesService(workspace.sessions).list()
    for record in records:
        variables = set(parse(record.body).variables)
        if record.category in (TemplateCategory.APOLOGY, TemplateCategory.PRIVATE):
            assert {"contact_email", "contact_phone", "staff_name"} <= variables, record.name
        if record.language == "ja":
            assert render(record.body, {**SAMPLE, "customer_name": ""}).startswith("お客様、")
            assert render(record.body, {**SAMPLE, "customer_name": "田中"}).startswith("田中様、")
            assert "ます" in record.body or "です" in record.body, record.name
        # The one value no setting holds is asked for, by a name in the template's language.
        hours = "営業時間" if record.language == "ja" else "opening_hours"
        expected_unknown = (hours,) if record.category is TemplateCategory.HOURS else ()
        assert parse(record.body).unknown() == expected_unknown, record.name


def _workspace_at(data_dir: Path, revision: str) -> Path:
    data_dir.mkdir(parents=True)
    db_path = data_dir / DB_FILENAME
    engine = make_engine(sqlite_url(db_path))
    migrate.upgrade(engine, revision)
    engine.dispose()
    return db_path


def test_upgrade_keeps_the_shops_own_template_of_the_same_name(tmp_path: Path) -> None:
    db_path = _workspace_at(tmp_path / "workspace", BEFORE)
    engine = make_engine(sqlite_url(db_path))
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO template (name, category, body, language, shortcut, use_count,"
            " created_at, updated_at) VALUES ('thank YOU', 'thanks', 'Our own words', 'en',"
            " 'Ctrl+Alt+1', 12, '2026-01-05 09:00:00', '2026-01-05 09:00:00')"))
    engine.dispose()

    ws = open_workspace(tmp_path / "workspace")
    try:
        records = TemplatesService(ws.sessions).list()
    finally:
        ws.close()
    assert records[0].name == "thank YOU"
    assert (records[0].body, records[0].use_count) == ("Our own words", 12)
    assert not any(r.name == "Thank you" for r in records)
    assert any(r.name == "お礼" for r in records)


def test_an_edited_default_is_the_shops_own_and_survives_down_and_up_again(
        workspace: Workspace) -> None:
    service = TemplatesService(workspace.sessions)
    apology = next(r for r in service.list() if r.name == "Sorry, we will fix it")
    service.update(apology.id, body="We are sorry. Email {contact_email}.")
    count = len(service.list())

    migrate.downgrade(workspace.engine, BEFORE)
    migrate.upgrade(workspace.engine)

    after = TemplatesService(workspace.sessions).list()
    assert len(after) == count
    assert [r.body for r in after if r.name == apology.name] == [
        "We are sorry. Email {contact_email}."]


def test_a_deleted_default_stays_deleted_when_the_workspace_opens_again(
        tmp_path: Path) -> None:
    open_workspace(tmp_path / "ws").close()
    ws = open_workspace(tmp_path / "ws")
    try:
        first = TemplatesService(ws.sessions).list()
        service = TemplatesService(ws.sessions)
        service.delete(first[0].id)
    finally:
        ws.close()
    ws = open_workspace(tmp_path / "ws")
    try:
        assert len(TemplatesService(ws.sessions).list()) == len(first) - 1
    finally:
        ws.close()


def test_downgrade_removes_only_the_replies_as_shipped(workspace: Workspace) -> None:
    service = TemplatesService(workspace.sessions)
    service.create("My own", "other", "Hello {customer_name|there}")
    migrate.downgrade(workspace.engine, BEFORE)
    with workspace.engine.connect() as connection:
        left = connection.execute(text("SELECT name FROM template")).scalars().all()
    assert left == ["My own"]
