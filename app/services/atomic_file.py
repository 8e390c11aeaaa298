"""Files the owner asked for (exports, the weekly PDF) written whole or not at all.

The content goes to a temporary file beside the target, is flushed to disk, and only then moved
over the target: a full disk, a refused folder or a crash never leaves half a file, and an older
file of the same name stays as it was until the new one is complete.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[BinaryIO]:
    """Yield a binary file to write; on leaving, it replaces `path` (OSError when it cannot)."""
    handle, temporary = tempfile.mkstemp(prefix=".community-desk-",
                                         suffix=f"{path.suffix}.part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
