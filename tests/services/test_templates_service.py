"""Saved replies over a real workspace: editing, use counts, finding by name, files in and out,
and the values a reply to a mention is filled with."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete

from app.core.model import (
    Flag,
    MentionDetail,
    MentionKind,
    Network,
    TemplateCategory,
    TemplateRecord,
    TriageState,
)
from app.core.settings import Settings
from app.core.templates import render
from app.services import templates as templates_module
from app.services.templates import (
    FILE_FORMAT,
    FILE_VERSION,
    MAX_BODY,
    MAX_NAME,
    TemplateProblem,
    TemplatesService,
)
from app.services.workspace import Workspace
from app.storage.models import Template

THANKS = "Hi {customer_name|there}, thank you! – {staff_name}"


@pytest.fixture
def service(workspace: Workspace) -> TemplatesService:
    """An empty template list: the shipped defaults have their own test."""
    with workspace.sessions.begin() as session:
        session.execute(delete(Template))
    return TemplatesService(workspace.sessions)


def problem_of(call, *args, **kwargs) -> TemplateProblem:
    with pytest.raises(TemplateProblem) as caught:
        call(*args, **kwargs)
    return caught.value


def names(service: TemplatesService) -> list[str]:
    return [record.name for record in service.list()]


def write(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def templates_file(path: Path, *entries: dict[str, object]) -> Path:
    return write(path, {"format": FILE_FORMAT, "version": FILE_VERSION,
                        "templates": list(entries)})


def mention(**changes: object) -> MentionDetail:
    fields: dict[str, object] = dict(
        id=1, account_id=1, account_handle="@shop@example.social", network=Network.MASTODON,
        kind=MentionKind.MENTION, external_id="1", author_handle="@aiko@example.social",
        author_name="Aiko  Tanaka", author_url="", text="Where is my order?", html="", url="",
        language="en", created_at=datetime(2026, 12, 1, tzinfo=UTC), edited_at=None,
        state=TriageState.NEW, flags=frozenset({Flag.QUESTION}), first_response_at=None,
        can_reply=True, can_fetch_thread=True)
    fields.update(changes)
    return MentionDetail(**fields)  # type: ignore[arg-type]


# --- Creating and editing ---------------------------------------------------------------------


def test_created_template_comes_back_as_it_was_saved(service: TemplatesService) -> None:
    made = service.create("  Thank  you ", TemplateCategory.THANKS, f"\n{THANKS}\n\n",
                          language="en", shortcut="Ctrl+Alt+1")
    assert made == TemplateRecord(id=made.id, name="Thank you", category=TemplateCategory.THANKS,
                                  body=THANKS, language="en", shortcut="Ctrl+Alt+1",
                                  use_count=0)
    assert service.get(made.id) == made
    assert service.list() == [made]


def test_update_changes_only_the_fields_given(service: TemplatesService) -> None:
    made = service.create("Thanks", "thanks", THANKS)
    service.record_use(made.id)
    changed = service.update(made.id, body="Thank you, {customer_name|there}!",
                             category="faq")
    assert (changed.name, changed.category, changed.body, changed.use_count) == (
        "Thanks", TemplateCategory.FAQ, "Thank you, {customer_name|there}!", 1)
    assert service.get(made.id) == changed


def test_update_refuses_unknown_fields_and_missing_templates(service: TemplatesService) -> None:
    made = service.create("Thanks", "thanks", THANKS)
    with pytest.raises(TypeError):
        service.update(made.id, use_count=99)
    assert problem_of(service.update, 4242, name="Other").code == "not_found"


@pytest.mark.parametrize(("fields", "code"), [
    ({"name": "   "}, "empty_name"),
    ({"name": "x" * (MAX_NAME + 1)}, "name_too_long"),
    ({"body": " \n "}, "empty_body"),
    ({"body": "x" * (MAX_BODY + 1)}, "body_too_long"),
    ({"body": "Hi {customer_name"}, "malformed"),
    ({"body": "Hi customer_name}"}, "malformed"),
    ({"category": "compliments"}, "bad_category"),
    ({"language": "fr"}, "bad_language"),
    ({"shortcut": "Ctrl+Alt+Shift+Meta+PgDown, Ctrl+X"}, "shortcut_too_long"),
])
def test_bad_fields_are_refused_and_nothing_changes(service: TemplatesService,
                                                    fields: dict[str, str], code: str) -> None:
    made = service.create("Thanks", "thanks", THANKS)
    assert problem_of(service.update, made.id, **fields).code == code
    values = {"name": "New", "category": "other", "body": "Hello", **fields}
    assert problem_of(service.create, **values).code == code
    assert service.list() == [made]


def test_names_are_unique_whatever_their_case_width_or_spacing(
        service: TemplatesService) -> None:
    service.create("Thank you", "thanks", THANKS)
    other = service.create("Opening hours", "hours", "We open at {opening_hours}.")
    for taken in ("thank you", " Thank   you ", "ＴＨＡＮＫ ＹＯＵ"):
        assert problem_of(service.create, taken, "thanks", THANKS).code == "name_taken"
        assert problem_of(service.update, other.id, name=taken).code == "name_taken"
    # Renaming a template to its own name, in other letters, is not a clash.
    assert service.update(other.id, name="opening HOURS").name == "opening HOURS"


def test_a_shortcut_belongs_to_one_template(service: TemplatesService) -> None:
    first = service.create("Thanks", "thanks", THANKS, shortcut="Ctrl+Alt+1")
    second = service.create("Sorry", "apology", "We are sorry.", shortcut="Ctrl+Alt+2")
    assert problem_of(service.update, second.id, shortcut="ctrl+alt+1").code == "shortcut_taken"
    assert problem_of(service.create, "More", "other", "Hi", shortcut="Ctrl+Alt+2").code == \
        "shortcut_taken"
    # Clearing one frees it; several templates may have none.
    service.update(first.id, shortcut="")
    assert service.update(second.id, shortcut="Ctrl+Alt+1").shortcut == "Ctrl+Alt+1"
    assert service.create("More", "other", "Hi").shortcut == ""


def test_templates_whose_category_a_newer_build_wrote_read_as_other(
        service: TemplatesService, workspace: Workspace) -> None:
    made = service.create("Thanks", "thanks", THANKS)
    with workspace.sessions.begin() as session:
        session.get(Template, made.id).category = "seasonal"
    assert service.get(made.id).category is TemplateCategory.OTHER


def test_workspace_holds_a_bounded_number_of_templates(service: TemplatesService,
                                                       monkeypatch) -> None:
    monkeypatch.setattr(templates_module, "MAX_TEMPLATES", 2)
    first = service.create("One", "other", "1")
    service.create("Two", "other", "2")
    assert problem_of(service.create, "Three", "other", "3").code == "too_many"
    assert problem_of(service.duplicate, first.id).code == "too_many"
    assert names(service) == ["One", "Two"]


# --- Listing, using, duplicating, deleting ----------------------------------------------------


def test_list_puts_the_most_used_first_then_sorts_by_name(service: TemplatesService) -> None:
    apple = service.create("Apple", "other", "a")
    service.create("Banana", "other", "b")
    cherry = service.create("Cherry", "other", "c")
    for _ in range(3):
        service.record_use(cherry.id)
    service.record_use(apple.id)
    assert [(r.name, r.use_count) for r in service.list()] == [
        ("Cherry", 3), ("Apple", 1), ("Banana", 0)]


def test_using_a_deleted_template_is_not_an_error(service: TemplatesService) -> None:
    made = service.create("Thanks", "thanks", THANKS)
    service.delete(made.id)
    service.record_use(made.id)
    service.delete(made.id)
    assert service.list() == []
    assert service.get(made.id) is None


def test_duplicate_is_a_fresh_copy_with_a_numbered_name(service: TemplatesService) -> None:
    made = service.create("Thanks", "thanks", THANKS, language="en", shortcut="Ctrl+Alt+1")
    service.record_use(made.id)
    copy = service.duplicate(made.id)
    again = service.duplicate(made.id)
    assert (copy.name, copy.category, copy.body, copy.language, copy.shortcut,
            copy.use_count) == ("Thanks (2)", TemplateCategory.THANKS, THANKS, "en", "", 0)
    assert again.name == "Thanks (3)"
    assert service.get(made.id) == TemplateRecord(**{**_fields(made), "use_count": 1})
    assert problem_of(service.duplicate, 4242).code == "not_found"


def test_duplicate_of_a_longest_name_stays_within_the_limit(service: TemplatesService) -> None:
    made = service.create("あ" * MAX_NAME, "other", "Hi")
    copy = service.duplicate(made.id)
    assert len(copy.name) == MAX_NAME
    assert copy.name.endswith(" (2)")


def test_find_by_name_for_the_command_line(service: TemplatesService) -> None:
    made = service.create("お詫び（配送）", "apology", "申し訳ございません。")
    assert service.find("お詫び（配送）") == made
    assert service.find("お詫び(配送) ") == made  # half-width brackets, a stray space
    assert service.find("お詫び") is None
    assert service.find("  ") is None


def _fields(record: TemplateRecord) -> dict[str, object]:
    return {name: getattr(record, name) for name in TemplateRecord.__slots__}


# --- Export and import ------------------------------------------------------------------------


def test_exported_file_imports_into_another_workspace(service: TemplatesService, tmp_path: Path,
                                                      workspace: Workspace) -> None:
    service.create("Thanks", "thanks", THANKS, language="en", shortcut="Ctrl+Alt+1")
    service.create("お詫び", "apology", "{customer_name|お客}様、申し訳ございません。",
                   language="ja")
    service.record_use(service.find("Thanks").id)
    path = tmp_path / "replies.json"

    assert service.export_file(path) == 2
    document = json.loads(path.read_text(encoding="utf-8"))
    assert (document["format"], document["version"]) == (FILE_FORMAT, FILE_VERSION)
    assert "お詫び" in path.read_text(encoding="utf-8")  # readable, not \u-escaped
    assert "use_count" not in document["templates"][0]

    other_dir = tmp_path / "other"
    from app.services.workspace import open_workspace

    other = open_workspace(other_dir)
    try:
        with other.sessions.begin() as session:
            session.execute(delete(Template))
        target = TemplatesService(other.sessions)
        assert target.import_file(path) == 2
        assert sorted((r.name, r.category, r.body, r.language, r.shortcut, r.use_count)
                      for r in target.list()) == sorted(
            (r.name, r.category, r.body, r.language, r.shortcut, 0) for r in service.list())
    finally:
        other.close()


def test_importing_names_already_in_use_adds_numbered_copies(service: TemplatesService,
                                                             tmp_path: Path) -> None:
    mine = service.create("Thanks", "thanks", "Our own thanks.", shortcut="Ctrl+Alt+1")
    path = templates_file(
        tmp_path / "in.json",
        {"name": "thanks", "category": "thanks", "body": THANKS, "shortcut": "Ctrl+Alt+1"},
        {"name": "Thanks", "category": "thanks", "body": "Another", "shortcut": "Ctrl+Alt+2"},
        {"name": "Hours", "body": "Open {opening_hours}."},
    )
    assert service.import_file(path) == 3
    records = {r.name: r for r in service.list()}
    assert records["Thanks"] == mine  # never overwritten
    assert (records["thanks (2)"].body, records["thanks (2)"].shortcut) == (THANKS, "")
    assert (records["Thanks (3)"].body, records["Thanks (3)"].shortcut) == ("Another",
                                                                           "Ctrl+Alt+2")
    assert (records["Hours"].category, records["Hours"].language) == (TemplateCategory.OTHER, "")


def test_a_file_with_one_bad_entry_adds_nothing(service: TemplatesService,
                                                tmp_path: Path) -> None:
    service.create("Mine", "other", "Hello")
    path = templates_file(
        tmp_path / "in.json",
        {"name": "Fine", "category": "thanks", "body": "Thanks!"},
        {"name": "Broken", "category": "apology", "body": "Sorry {customer_name"},
        {"name": "Also fine", "category": "faq", "body": "Yes."},
    )
    problem = problem_of(service.import_file, path)
    assert (problem.code, problem.index, problem.name) == ("malformed", 2, "Broken")
    assert names(service) == ["Mine"]


@pytest.mark.parametrize(("entry", "code"), [
    ("not an object", "bad_entry"),
    ({"name": "No body", "category": "thanks"}, "bad_entry"),
    ({"name": 7, "body": "Hi"}, "bad_entry"),
    ({"name": "Tagged", "body": "Hi", "language": None}, "bad_entry"),
    ({"name": "", "body": "Hi"}, "empty_name"),
    ({"name": "Kind", "body": "Hi", "category": "compliments"}, "bad_category"),
    ({"name": "French", "body": "Salut", "language": "fr"}, "bad_language"),
    ({"name": "Long", "body": "x" * (MAX_BODY + 1)}, "body_too_long"),
])
def test_each_kind_of_bad_entry_is_named_with_its_place(service: TemplatesService,
                                                        tmp_path: Path, entry: object,
                                                        code: str) -> None:
    path = templates_file(tmp_path / "in.json", {"name": "Fine", "body": "Hi"}, entry)
    problem = problem_of(service.import_file, path)
    assert (problem.code, problem.index) == (code, 2)
    assert service.list() == []


@pytest.mark.parametrize(("content", "code"), [
    (b"\xff\xfe not text", "not_json"),
    (b"{\"format\": ", "not_json"),
    (b"[" * 100_000 + b"]" * 100_000, "not_json"),
    (b"[]", "not_templates"),
    (b'{"format": "something-else", "version": 1, "templates": []}', "not_templates"),
    (f'{{"format": "{FILE_FORMAT}", "templates": []}}'.encode(), "not_templates"),
    (f'{{"format": "{FILE_FORMAT}", "version": true, "templates": []}}'.encode(),
     "not_templates"),
    (f'{{"format": "{FILE_FORMAT}", "version": 1, "templates": {{}}}}'.encode(),
     "not_templates"),
    (f'{{"format": "{FILE_FORMAT}", "version": 99, "templates": []}}'.encode(),
     "newer_version"),
])
def test_files_that_are_not_templates_are_refused(service: TemplatesService, tmp_path: Path,
                                                  content: bytes, code: str) -> None:
    path = tmp_path / "in.json"
    path.write_bytes(content)
    assert problem_of(service.import_file, path).code == code
    assert service.list() == []


def test_files_too_big_or_too_many_are_refused_before_reading_them_whole(
        service: TemplatesService, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(templates_module, "MAX_FILE_BYTES", 1_000)
    big = templates_file(tmp_path / "big.json", {"name": "Big", "body": "x" * 2_000})
    assert problem_of(service.import_file, big).code == "too_large"
    monkeypatch.setattr(templates_module, "MAX_TEMPLATES", 3)
    service.create("Mine", "other", "Hello")
    many = templates_file(tmp_path / "many.json",
                          *({"name": f"T{n}", "body": "Hi"} for n in range(3)))
    assert problem_of(service.import_file, many).code == "too_many"
    assert names(service) == ["Mine"]


def test_a_file_with_a_byte_order_mark_imports(service: TemplatesService,
                                               tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(
        {"format": FILE_FORMAT, "version": 1, "templates": [{"name": "A", "body": "B"}]}
    ).encode())
    assert service.import_file(path) == 1


def test_missing_and_unwritable_files(service: TemplatesService, tmp_path: Path) -> None:
    service.create("Thanks", "thanks", THANKS)
    assert problem_of(service.import_file, tmp_path / "missing.json").code == "unreadable"
    assert problem_of(service.import_file, tmp_path).code == "unreadable"  # a folder
    assert problem_of(service.export_file, tmp_path / "no" / "such" / "dir.json").code == \
        "unwritable"


def test_export_replaces_a_file_whole_and_leaves_no_scraps(service: TemplatesService,
                                                           tmp_path: Path) -> None:
    service.create("Thanks", "thanks", THANKS)
    folder = tmp_path / "exports"
    folder.mkdir()
    path = folder / "replies.json"
    path.write_text("old content that is much longer than the new one" * 100, encoding="utf-8")
    service.export_file(path)
    assert json.loads(path.read_text(encoding="utf-8"))["templates"][0]["name"] == "Thanks"
    assert [p.name for p in folder.iterdir()] == ["replies.json"]


# --- Values for a reply -----------------------------------------------------------------------


SHOP = Settings(shop_name=" Hanamori Bakery ", contact_email="hello@hanamori.example",
                contact_phone="03-1234-5678", staff_name="Sato")


def test_values_for_a_mention_come_from_the_author_and_the_shop_profile() -> None:
    values = TemplatesService.values_for(mention(), SHOP, date(2026, 12, 3))
    assert values == {
        "customer_name": "Aiko Tanaka",
        "customer_handle": "@aiko@example.social",
        "shop_name": "Hanamori Bakery",
        "contact_email": "hello@hanamori.example",
        "contact_phone": "03-1234-5678",
        "staff_name": "Sato",
        "today": "2026-12-03",
    }


def test_values_for_bluesky_and_feed_authors() -> None:
    sky = TemplatesService.values_for(
        mention(network=Network.BLUESKY, author_handle="aiko.bsky.social", author_name=""),
        Settings(), date(2026, 12, 3))
    assert (sky["customer_handle"], sky["customer_name"], sky["shop_name"]) == (
        "@aiko.bsky.social", "", "")
    feed = TemplatesService.values_for(mention(author_handle="", author_name="Reviewer"),
                                       Settings(), date(2026, 12, 3))
    assert (feed["customer_handle"], feed["customer_name"]) == ("", "Reviewer")


def test_unknown_customer_name_falls_back_in_a_rendered_reply() -> None:
    values = TemplatesService.values_for(mention(author_name=""), SHOP, date(2026, 12, 3))
    assert render("{customer_name|お客}様、{shop_name}の{staff_name}です。", values) == \
        "お客様、Hanamori BakeryのSatoです。"
