"""Saved replies: create, edit, duplicate and delete them, count their use, and move them
between workspaces as a JSON file.

Names are unique (compared without regard to case, width or extra spaces), so the command line
can pick one by name; shortcuts are unique too, so one key never means two replies. A body is
stored only when it parses: a typo is caught in the editor, never when a reply is sent.
"""

from __future__ import annotations

import json
import os
import tempfile
import unicodedata
from datetime import date
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.core.model import MentionDetail, MentionRecord, TemplateCategory, TemplateRecord
from app.core.settings import Settings
from app.core.templates import parse
from app.core.timefmt import utc_now
from app.storage.models import Template

MAX_NAME = 100
MAX_BODY = 5_000  # far above any network's limit, far below what could slow the editor
MAX_SHORTCUT = 32  # the column's width; QKeySequence's portable text for one chord fits
MAX_TEMPLATES = 2_000  # per workspace, imports included
MAX_FILE_BYTES = 2_000_000
LANGUAGES = ("", "ja", "en")

FILE_FORMAT = "community-desk-templates"
# Bump when a field changes meaning; import refuses files newer than it knows.
FILE_VERSION = 1

FIELDS = frozenset({"name", "category", "body", "language", "shortcut"})


class TemplateProblem(Exception):
    """Something about a template or a templates file that the owner can fix.

    Codes for one template: not_found, empty_name, name_too_long, name_taken, empty_body,
    body_too_long, malformed, bad_category, bad_language, shortcut_too_long, shortcut_taken,
    too_many. For files: unreadable, unwritable, too_large, not_json, not_templates,
    newer_version, bad_entry; a problem with one entry of a file carries its 1-based `index`
    (and `name`, when it has one) with the entry's own code.
    """

    def __init__(self, code: str, *, index: int | None = None, name: str = "") -> None:
        super().__init__(code if index is None else f"{code} (entry {index})")
        self.code = code
        self.index = index
        self.name = name


def name_key(name: str) -> str:
    """How names are compared: "Thanks", "thanks " and "ｔｈａｎｋｓ" are the same name."""
    return unicodedata.normalize("NFKC", " ".join(name.split())).casefold()


def clean_name(name: str) -> str:
    text = " ".join(name.split())
    if not text:
        raise TemplateProblem("empty_name")
    if len(text) > MAX_NAME:
        raise TemplateProblem("name_too_long")
    return text


def clean_body(body: str) -> str:
    """The body as typed (line breaks and inner spaces matter), without blank ends."""
    text = body.strip()
    if not text:
        raise TemplateProblem("empty_body")
    if len(text) > MAX_BODY:
        raise TemplateProblem("body_too_long")
    if parse(text).errors:
        raise TemplateProblem("malformed")
    return text


def clean_category(category: TemplateCategory | str) -> TemplateCategory:
    try:
        return TemplateCategory(category)
    except ValueError:
        raise TemplateProblem("bad_category") from None


def clean_language(language: str) -> str:
    if language not in LANGUAGES:
        raise TemplateProblem("bad_language")
    return language


def clean_shortcut(shortcut: str) -> str:
    text = shortcut.strip()
    if len(text) > MAX_SHORTCUT:
        raise TemplateProblem("shortcut_too_long")
    return text


def _record(row: Template) -> TemplateRecord:
    try:
        category = TemplateCategory(row.category)
    except ValueError:
        category = TemplateCategory.OTHER  # written by a newer build, or by hand
    return TemplateRecord(id=row.id, name=row.name, category=category, body=row.body,
                          language=row.language, shortcut=row.shortcut, use_count=row.use_count)


def _numbered(name: str, taken: set[str]) -> str:
    """`name`, or "name (2)", "name (3)"... whichever is free, kept within MAX_NAME."""
    if name_key(name) not in taken:
        return name
    number = 2
    while True:
        suffix = f" ({number})"
        candidate = name[:MAX_NAME - len(suffix)].rstrip() + suffix
        if name_key(candidate) not in taken:
            return candidate
        number += 1


def _now():
    return utc_now().replace(tzinfo=None)


class TemplatesService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    # Reading ---------------------------------------------------------------------------------
    def list(self) -> list[TemplateRecord]:
        """Most used first, so the replies the shop relies on are at hand; then by name."""
        with self._sessions() as session:
            rows = session.scalars(select(Template).order_by(
                Template.use_count.desc(), Template.name, Template.id))
            return [_record(row) for row in rows]

    def get(self, template_id: int) -> TemplateRecord | None:
        with self._sessions() as session:
            row = session.get(Template, template_id)
            return _record(row) if row is not None else None

    def find(self, name: str) -> TemplateRecord | None:
        """The template with this name (compared like name_key), for `reply --template NAME`."""
        key = name_key(name)
        if not key:
            return None
        with self._sessions() as session:
            for row in session.scalars(select(Template).order_by(Template.id)):
                if name_key(row.name) == key:
                    return _record(row)
        return None

    # Changing --------------------------------------------------------------------------------
    def create(self, name: str, category: TemplateCategory | str, body: str,
               language: str = "", shortcut: str = "") -> TemplateRecord:
        values = {
            "name": clean_name(name),
            "category": clean_category(category).value,
            "body": clean_body(body),
            "language": clean_language(language),
            "shortcut": clean_shortcut(shortcut),
        }
        with self._sessions.begin() as session:
            self._check_room(session, 1)
            self._check_unique(session, values["name"], values["shortcut"])
            now = _now()
            row = Template(**values, use_count=0, created_at=now, updated_at=now)
            session.add(row)
            session.flush()
            return _record(row)

    def update(self, template_id: int, **fields: object) -> TemplateRecord:
        """Change some of name, category, body, language and shortcut; the use count stays."""
        unknown = set(fields) - FIELDS
        if unknown:
            raise TypeError(f"not a template field: {', '.join(sorted(unknown))}")
        cleaned: dict[str, str] = {}
        for key, value in fields.items():
            if key == "category":
                cleaned[key] = clean_category(value).value  # type: ignore[arg-type]
                continue
            if not isinstance(value, str):
                raise TypeError(f"{key} must be text")
            cleaned[key] = {"name": clean_name, "body": clean_body, "language": clean_language,
                            "shortcut": clean_shortcut}[key](value)
        with self._sessions.begin() as session:
            row = session.get(Template, template_id)
            if row is None:
                raise TemplateProblem("not_found")
            self._check_unique(session, cleaned.get("name", row.name),
                               cleaned.get("shortcut", row.shortcut), exclude=template_id)
            for key, value in cleaned.items():
                setattr(row, key, value)
            row.updated_at = _now()
            session.flush()
            return _record(row)

    def delete(self, template_id: int) -> None:
        """Gone for good; deleting one that is already gone is not an error."""
        with self._sessions.begin() as session:
            row = session.get(Template, template_id)
            if row is not None:
                session.delete(row)

    def duplicate(self, template_id: int) -> TemplateRecord:
        """A copy named "Name (2)", unused and without a shortcut (one key, one reply)."""
        with self._sessions.begin() as session:
            row = session.get(Template, template_id)
            if row is None:
                raise TemplateProblem("not_found")
            self._check_room(session, 1)
            now = _now()
            copy = Template(name=_numbered(row.name, self._name_keys(session)),
                            category=row.category, body=row.body, language=row.language,
                            shortcut="", use_count=0, created_at=now, updated_at=now)
            session.add(copy)
            session.flush()
            return _record(copy)

    def record_use(self, template_id: int) -> None:
        """Count one more use (after the composer inserted it); a deleted template is ignored."""
        with self._sessions.begin() as session:
            session.execute(update(Template).where(Template.id == template_id)
                            .values(use_count=Template.use_count + 1))

    # Files -----------------------------------------------------------------------------------
    def export_file(self, path: Path | str) -> int:
        """Write every template to a JSON file (replacing it whole, never half-written);
        returns how many. Use counts stay in this workspace."""
        records = self.list()
        document = {
            "format": FILE_FORMAT,
            "version": FILE_VERSION,
            "templates": [
                {"name": r.name, "category": r.category.value, "language": r.language,
                 "shortcut": r.shortcut, "body": r.body}
                for r in records
            ],
        }
        data = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        target = Path(path)
        try:
            handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                                 dir=target.parent)
            try:
                with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                    out.write(data)
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            raise TemplateProblem("unwritable") from None
        return len(records)

    def import_file(self, path: Path | str) -> int:
        """Add every template of a file written by export_file; returns how many.

        The whole file is checked first: one bad entry and nothing is added. A name already in
        use gets a number ("Thanks (2)") rather than replacing the shop's own; a shortcut
        already in use is left off the imported copy.
        """
        entries = _read_entries(Path(path))
        with self._sessions.begin() as session:
            self._check_room(session, len(entries))
            names = self._name_keys(session)
            shortcuts = self._shortcut_keys(session)
            now = _now()
            for entry in entries:
                entry["name"] = _numbered(entry["name"], names)
                names.add(name_key(entry["name"]))
                key = entry["shortcut"].casefold()
                if key and key in shortcuts:
                    entry["shortcut"] = ""
                shortcuts.add(key)
                session.add(Template(**entry, use_count=0, created_at=now, updated_at=now))
        return len(entries)

    # Filling in ------------------------------------------------------------------------------
    @staticmethod
    def values_for(mention: MentionDetail | MentionRecord, settings: Settings,
                   today: date) -> dict[str, str]:
        """Every known variable's value for a reply to `mention`.

        customer_handle is "@handle" ("" for a feed item without one); today is the ISO date
        (2026-12-02), the same in every language. Empty values stay empty: templates give a
        fallback ({customer_name|お客様}) or the composer asks.
        """
        handle = mention.author_handle.strip().lstrip("@")
        return {
            "customer_name": " ".join(mention.author_name.split()),
            "customer_handle": f"@{handle}" if handle else "",
            "shop_name": settings.shop_name.strip(),
            "contact_email": settings.contact_email.strip(),
            "contact_phone": settings.contact_phone.strip(),
            "staff_name": settings.staff_name.strip(),
            "today": today.isoformat(),
        }

    # Checks ----------------------------------------------------------------------------------
    def _check_room(self, session: Session, adding: int) -> None:
        count = session.scalar(select(func.count()).select_from(Template)) or 0
        if count + adding > MAX_TEMPLATES:
            raise TemplateProblem("too_many")

    def _check_unique(self, session: Session, name: str, shortcut: str,
                      exclude: int | None = None) -> None:
        rows = session.execute(select(Template.id, Template.name, Template.shortcut)).all()
        others = [row for row in rows if row.id != exclude]
        if name_key(name) in {name_key(row.name) for row in others}:
            raise TemplateProblem("name_taken")
        if shortcut and shortcut.casefold() in {row.shortcut.casefold() for row in others}:
            raise TemplateProblem("shortcut_taken")

    @staticmethod
    def _name_keys(session: Session) -> set[str]:
        return {name_key(name) for name in session.scalars(select(Template.name))}

    @staticmethod
    def _shortcut_keys(session: Session) -> set[str]:
        return {s.casefold() for s in session.scalars(select(Template.shortcut)) if s}


def _read_entries(path: Path) -> list[dict[str, str]]:
    """Every entry of a templates file, cleaned, or TemplateProblem for the first fault."""
    try:
        with path.open("rb") as source:
            data = source.read(MAX_FILE_BYTES + 1)
    except OSError:
        raise TemplateProblem("unreadable") from None
    if len(data) > MAX_FILE_BYTES:
        raise TemplateProblem("too_large")
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise TemplateProblem("not_json") from None
    if not isinstance(document, dict) or document.get("format") != FILE_FORMAT:
        raise TemplateProblem("not_templates")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise TemplateProblem("not_templates")
    if version > FILE_VERSION:
        raise TemplateProblem("newer_version")
    templates = document.get("templates")
    if not isinstance(templates, list):
        raise TemplateProblem("not_templates")
    if len(templates) > MAX_TEMPLATES:
        raise TemplateProblem("too_many")
    return [_entry(item, index) for index, item in enumerate(templates, start=1)]


def _entry(item: object, index: int) -> dict[str, str]:
    if not isinstance(item, dict):
        raise TemplateProblem("bad_entry", index=index)
    raw_name = item.get("name")
    shown = raw_name.strip()[:MAX_NAME] if isinstance(raw_name, str) else ""
    fields = {"name": raw_name, "body": item.get("body"),
              "category": item.get("category", TemplateCategory.OTHER.value),
              "language": item.get("language", ""), "shortcut": item.get("shortcut", "")}
    if not all(isinstance(value, str) for value in fields.values()):
        raise TemplateProblem("bad_entry", index=index, name=shown)
    try:
        return {
            "name": clean_name(fields["name"]),  # type: ignore[arg-type]
            "category": clean_category(fields["category"]).value,  # type: ignore[arg-type]
            "body": clean_body(fields["body"]),  # type: ignore[arg-type]
            "language": clean_language(fields["language"]),  # type: ignore[arg-type]
            "shortcut": clean_shortcut(fields["shortcut"]),  # type: ignore[arg-type]
        }
    except TemplateProblem as problem:
        raise TemplateProblem(problem.code, index=index, name=shown) from None
