"""The composer's live count ("123 / 500") and, over the limit, the sentence that says why Send
is off ("42 characters over Mastodon's limit of 500").

The numbers come from app.core.textcount, the one module that counts for every network; this
only words them. Bluesky's byte limit is shown once the reply comes near it, as Japanese text
reaches 3,000 bytes long before 300 characters are a concern only for very long replies.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QLabel, QWidget

from app.core.model import Network
from app.core.textcount import TextCount
from app.ui.look import make_error, make_secondary, make_warning

NEAR = 0.9  # the count turns amber at this share of the limit
BYTES_NEAR = 0.8  # Bluesky's bytes are shown from this share of the byte limit on


def network_name(network: Network) -> str:
    translate = QCoreApplication.translate
    return {Network.MASTODON: translate("TextCounter", "Mastodon"),
            Network.BLUESKY: translate("TextCounter", "Bluesky"),
            Network.FEED: translate("TextCounter", "Feed")}[network]


def _number(value: int) -> str:
    return QLocale().toString(value)


def over_limit_text(counted: TextCount, network: Network) -> str:
    """Why the reply cannot be sent as it is; "" when it fits."""
    translate = QCoreApplication.translate
    name = network_name(network)
    if counted.over_by > 0:
        if counted.over_by == 1:
            text = translate("TextCounter", "1 character over {network}'s limit of {limit}")
        else:
            text = translate("TextCounter",
                             "{count} characters over {network}'s limit of {limit}")
        return text.format(count=_number(counted.over_by), network=name,
                           limit=_number(counted.limit))
    if counted.bytes_over_by > 0 and counted.max_bytes is not None:
        if counted.bytes_over_by == 1:
            text = translate("TextCounter", "1 byte over {network}'s limit of {limit} bytes")
        else:
            text = translate("TextCounter",
                             "{count} bytes over {network}'s limit of {limit} bytes")
        return text.format(count=_number(counted.bytes_over_by), network=name,
                           limit=_number(counted.max_bytes))
    return ""


class TextCounter(QLabel):
    """"used / limit", amber near the limit and red past it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def show_count(self, counted: TextCount | None) -> None:
        self.setPalette(self.parentWidget().palette() if self.parentWidget() else self.palette())
        if counted is None:
            self.clear()
            self.setToolTip("")
            return
        parts = [self.tr("{used} / {limit}").format(used=_number(counted.used),
                                                    limit=_number(counted.limit))]
        near = counted.used >= counted.limit * NEAR
        if counted.max_bytes is not None and counted.bytes_used is not None and \
                counted.bytes_used >= counted.max_bytes * BYTES_NEAR:
            parts.append(self.tr("{used} / {limit} bytes").format(
                used=_number(counted.bytes_used), limit=_number(counted.max_bytes)))
            near = True
        self.setText(self.tr(" · ").join(parts))
        self.setToolTip(self.tr("Characters used, as the network counts them"))
        if not counted.fits:
            make_error(self)
        elif near:
            make_warning(self)
        else:
            make_secondary(self)
