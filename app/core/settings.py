"""Every workspace setting, declared once with its type and default.

The database stores values as JSON under these keys; anything unknown or of the wrong type reads
as the default, so an old or hand-edited workspace never breaks start-up. When a setting's
meaning changes, bump SCHEMA_VERSION and add an upgrade step in app.storage.settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

SCHEMA_VERSION = 1

LANGUAGES = ("system", "en", "ja")


@dataclass(frozen=True)
class Settings:
    # Shop profile: the values templates fill in.
    shop_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    staff_name: str = ""
    # Opening hours per ISO weekday (1 = Monday) as [["09:00", "12:00"], ["13:00", "18:00"]].
    opening_hours: dict[str, list[list[str]]] = field(default_factory=dict)
    # Triage and sync.
    overdue_hours: int = 24
    sync_interval_minutes: int = 5
    # Application behaviour.
    language: str = "system"
    close_to_tray: bool = False

    @classmethod
    def keys(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    @classmethod
    def from_mapping(cls, values: dict[str, object]) -> Settings:
        """Build settings from stored values, keeping defaults for anything missing or mistyped."""
        defaults = cls()
        accepted: dict[str, object] = {}
        for f in fields(cls):
            if f.name not in values:
                continue
            value = values[f.name]
            default = getattr(defaults, f.name)
            if isinstance(default, bool):
                ok = isinstance(value, bool)
            elif isinstance(default, int):
                ok = isinstance(value, int) and not isinstance(value, bool) and value > 0
            else:
                ok = isinstance(value, type(default))
            if f.name == "language":
                ok = ok and value in LANGUAGES
            if ok:
                accepted[f.name] = value
        return cls(**accepted)  # type: ignore[arg-type]
