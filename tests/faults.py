"""Ways the tests break files the way real disks and crashes do."""

from __future__ import annotations

import random
from pathlib import Path


def damage_middle_pages(path: Path, pages: int = 4) -> None:
    """Write random bytes over a few pages in the middle of a SQLite file, as a failing disk
    might: the header still reads, so only an integrity check or a query finds the damage."""
    page_size = int.from_bytes(path.read_bytes()[16:18], "big")
    page_count = path.stat().st_size // page_size
    assert page_count >= 20, "the file is too small to damage only its middle"
    with path.open("r+b") as f:
        f.seek((page_count // 2) * page_size)
        f.write(random.Random(1234).randbytes(pages * page_size))
