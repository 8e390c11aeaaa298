"""Saved replies with {variables}: parsing (for the editor's inline problems) and rendering.

The syntax is small on purpose, so a shop owner can learn it from one example:

    {customer_name}            the value, which must be there
    {customer_name|お客様}      the value, or the fallback when the value is empty or missing
    {{ and }}                  a literal brace

Names are identifiers (letters, digits and "_", Japanese letters included: {注文番号}). Names
outside KNOWN_VARIABLES are the owner's own ({order_number}): the composer asks for their values
before inserting. Positions are indexes into the Python string (code points); the UI converts
them to its own units.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

KNOWN_VARIABLES = ("customer_name", "customer_handle", "shop_name", "contact_email",
                   "contact_phone", "staff_name", "today")

UNCLOSED = "unclosed"  # "{" with no "}" before the line ends or the next "{"
STRAY_CLOSE = "stray_close"  # "}" that closes nothing (write "}}" for a brace)
EMPTY_NAME = "empty_name"  # "{}" or "{|fallback}"
BAD_NAME = "bad_name"  # "{order number}", "{customer-name}": not a name


@dataclass(frozen=True, slots=True)
class TemplateError:
    """One problem in a body, and the characters [start, end) it covers."""

    start: int
    end: int
    code: str


@dataclass(frozen=True, slots=True)
class Placeholder:
    """A well-formed {name} or {name|fallback} at [start, end); fallback None when absent."""

    start: int
    end: int
    name: str
    fallback: str | None


@dataclass(frozen=True, slots=True)
class ParsedTemplate:
    errors: tuple[TemplateError, ...]
    variables: tuple[str, ...]  # in order of first use, each once
    placeholders: tuple[Placeholder, ...] = ()

    def unknown(self) -> tuple[str, ...]:
        """The variables the shop profile cannot fill: the composer asks the owner for them."""
        return tuple(name for name in self.variables if name not in KNOWN_VARIABLES)

    def needs(self, values: Mapping[str, str]) -> tuple[str, ...]:
        """The variables `values` leaves empty where no fallback covers them: what render()
        would report as missing, so the composer can ask for exactly these."""
        needed: list[str] = []
        for placeholder in self.placeholders:
            name = placeholder.name
            if placeholder.fallback is None and not values.get(name) and name not in needed:
                needed.append(name)
        return tuple(needed)


class TemplateSyntaxError(ValueError):
    """The body is malformed; `errors` say where and why."""

    def __init__(self, errors: tuple[TemplateError, ...]) -> None:
        super().__init__(", ".join(f"{e.code} at {e.start}" for e in errors))
        self.errors = errors


class MissingValues(ValueError):
    """Variables with no value and no fallback; ask for them, then render again."""

    def __init__(self, names: tuple[str, ...]) -> None:
        super().__init__(", ".join(names))
        self.names = names


def parse(body: str) -> ParsedTemplate:
    errors: list[TemplateError] = []
    placeholders: list[Placeholder] = []
    i, length = 0, len(body)
    while i < length:
        char = body[i]
        if char == "}":
            if body.startswith("}}", i):
                i += 2
            else:
                errors.append(TemplateError(i, i + 1, STRAY_CLOSE))
                i += 1
            continue
        if char != "{":
            i += 1
            continue
        if body.startswith("{{", i):
            i += 2
            continue
        close = _closing_brace(body, i + 1)
        if close < 0:
            errors.append(TemplateError(i, _name_end(body, i + 1), UNCLOSED))
            i += 1
            continue
        found = _placeholder(body, i, close)
        if isinstance(found, TemplateError):
            errors.append(found)
        else:
            placeholders.append(found)
        i = close + 1
    variables = tuple(dict.fromkeys(p.name for p in placeholders))
    return ParsedTemplate(tuple(errors), variables, tuple(placeholders))


def render(body: str, values: Mapping[str, str]) -> str:
    """The body with every variable filled in; an empty value counts as missing."""
    parsed = parse(body)
    if parsed.errors:
        raise TemplateSyntaxError(parsed.errors)
    missing = parsed.needs(values)
    if missing:
        raise MissingValues(missing)
    pieces: list[str] = []
    position = 0
    for placeholder in parsed.placeholders:
        pieces.append(_unescape(body[position:placeholder.start]))
        value = values.get(placeholder.name) or ""
        pieces.append(value or (placeholder.fallback or ""))
        position = placeholder.end
    pieces.append(_unescape(body[position:]))
    return "".join(pieces)


def _closing_brace(body: str, start: int) -> int:
    """Where the placeholder opened before `start` closes, or -1 when a line break or another
    "{" comes first (so one missing "}" marks a few characters, not the rest of the reply)."""
    for j in range(start, len(body)):
        if body[j] == "}":
            return j
        if body[j] in "{\n":
            return -1
    return -1


def _name_end(body: str, start: int) -> int:
    """The end of the name-like run after an unclosed "{": what the editor underlines."""
    j = start
    while j < len(body) and (body[j].isalnum() or body[j] == "_"):
        j += 1
    return j


def _placeholder(body: str, open_at: int, close_at: int) -> Placeholder | TemplateError:
    inside = body[open_at + 1:close_at]
    name, bar, fallback = inside.partition("|")
    name = name.strip()
    end = close_at + 1
    if not name:
        return TemplateError(open_at, end, EMPTY_NAME)
    if not name.isidentifier():
        return TemplateError(open_at, end, BAD_NAME)
    return Placeholder(open_at, end, name, fallback.strip() if bar else None)


def _unescape(text: str) -> str:
    return text.replace("{{", "{").replace("}}", "}")
