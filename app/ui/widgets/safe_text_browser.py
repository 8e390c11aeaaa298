"""A text browser for remote content: it loads nothing, and follows a link only when clicked.

Mentions arrive sanitized (app.core.sanitize), but the viewer does not rely on that alone: any
resource the document asks for (an image, a style sheet) is refused before Qt can fetch it, and
links are handed to the system browser only on a click, never followed inside the app.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QWidget

log = logging.getLogger(__name__)

OpenUrl = Callable[[QUrl], object]
BROWSER_SCHEMES = frozenset({"http", "https"})


def open_in_browser(url: QUrl, open_url: OpenUrl | None = None) -> bool:
    """Open an http(s) link in the system browser; anything else is ignored."""
    if not url.isValid() or url.scheme().lower() not in BROWSER_SCHEMES:
        log.info("ignored a link with the scheme %r", url.scheme())
        return False
    (open_url or QDesktopServices.openUrl)(url)
    return True


class SafeTextBrowser(QTextBrowser):
    def __init__(self, parent: QWidget | None = None, *,
                 open_url: OpenUrl | None = None) -> None:
        super().__init__(parent)
        self._open_url = open_url
        self.refused: list[QUrl] = []  # what the document asked for, for tests and the log
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor_clicked)

    def loadResource(self, kind: int, url: QUrl) -> object:
        """Nothing from anywhere: remote content may ask, it never gets."""
        if len(self.refused) < 100:
            self.refused.append(QUrl(url))
        return None

    def _on_anchor_clicked(self, url: QUrl) -> None:
        open_in_browser(url, self._open_url)
