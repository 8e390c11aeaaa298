"""The sentences the calendar and the post editor say: why a post cannot be saved or scheduled as
it is (app.services.posts.PostProblem codes), and the editor's per-network words.

(Each call spells out QCoreApplication.translate so lupdate can find the text.)
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QLocale

from app.core.model import Network, OutboxState, PostRecord
from app.ui import messages
from app.ui.post_time import date_time_text
from app.ui.widgets.text_counter import network_name, over_limit_text


def different_text(network: Network) -> str:
    translate = QCoreApplication.translate
    if network is Network.MASTODON:
        return translate("PostWords", "Different text for Mastodon")
    return translate("PostWords", "Different text for Bluesky")


def variant_label(network: Network) -> str:
    translate = QCoreApplication.translate
    if network is Network.MASTODON:
        return translate("PostWords", "Text for Mastodon:")
    return translate("PostWords", "Text for Bluesky:")


def cannot_post_to_feed() -> str:
    return QCoreApplication.translate("PostWords", "feeds cannot be posted to")


def needs_reconnect_short() -> str:
    return QCoreApplication.translate("PostWords", "needs reconnecting")


def date_time_format() -> str:
    """The editor's date and time: the weekday, the locale's short date and its short time."""
    locale = QLocale()
    return (f"ddd {locale.dateFormat(QLocale.FormatType.ShortFormat)} "
            f"{locale.timeFormat(QLocale.FormatType.ShortFormat)}")


SHORT_CHARS = 60  # a post quoted in a question


def short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= SHORT_CHARS else line[:SHORT_CHARS - 1].rstrip() + "…"


def no_account_can_post() -> str:
    return QCoreApplication.translate(
        "PostWords", "No account can take posts yet: connect a Mastodon or Bluesky account on "
        "the Accounts screen.")


def saved(record: PostRecord) -> str:
    """The status bar's word after the editor saved a post."""
    translate = QCoreApplication.translate
    if record.state is OutboxState.DRAFT:
        return translate("PostWords", "Draft saved.")
    if record.state in (OutboxState.SENDING, OutboxState.SENT):
        return translate("PostWords", "Publishing the post now.")
    return translate("PostWords", "Post scheduled.")


def moved(local: datetime) -> str:
    return QCoreApplication.translate("PostWords", "Moved to {when}.").format(
        when=date_time_text(local))


def duplicated() -> str:
    return QCoreApplication.translate("PostWords", "Duplicated.")


def posting_now() -> str:
    return QCoreApplication.translate("PostWords", "Publishing the post now.")


def deleted() -> str:
    return QCoreApplication.translate("PostWords", "Post deleted.")


def delete_consequence(state: OutboxState) -> str:
    """What deleting a post does, said before it is done."""
    translate = QCoreApplication.translate
    if state is OutboxState.SENT:
        return translate(
            "PostWords", "It leaves the calendar; what was published stays on the networks.")
    if state is OutboxState.SCHEDULED:
        return translate(
            "PostWords", "It is removed from the server too, so it is never published.")
    return translate("PostWords", "It is gone for good and will not be published.")


def problem(error: BaseException) -> str | None:
    """One sentence for a PostProblem; None for anything else (the caller words it). The post
    stays as the owner wrote it: each sentence says what to change."""
    from app.services.posts import PostProblem

    if not isinstance(error, PostProblem):
        return None
    translate = QCoreApplication.translate
    handle = error.handle
    if error.code == "empty":
        return translate("PostWords", "The post is empty. Write something to publish.")
    if error.code == "no_target":
        return translate("PostWords", "Tick at least one account to post to.")
    if error.code == "account_gone":
        return translate(
            "PostWords", "One of the accounts was removed meanwhile. Untick it, or choose "
            "another account.")
    if error.code == "cannot_post":
        return translate("PostWords", "{account} cannot be posted to. Choose another account."
                         ).format(account=handle or translate("PostWords", "This account"))
    if error.code == "needs_reconnect":
        return translate(
            "PostWords", "{account} needs reconnecting before it can post: connect it again on "
            "the Accounts screen. Your post is kept.").format(
                account=handle or translate("PostWords", "An account"))
    if error.code == "too_long":
        if error.count is not None and error.network is not None and handle:
            return translate(
                "PostWords", "Too long for {account}: {detail}. Shorten it, or write a "
                "different text for {network}.").format(
                    account=handle, detail=over_limit_text(error.count, error.network),
                    network=network_name(error.network))
        return translate("PostWords", "The text is too long. Shorten it.")
    if error.code == "in_the_past":
        return translate(
            "PostWords", "That time has already passed. Choose a later time, or post it now.")
    if error.code == "not_found":
        return translate("PostWords", "This post was deleted meanwhile.")
    if error.code == "not_editable":
        return translate(
            "PostWords", "This post is being published, or already was, so it can no longer "
            "be changed.")
    if error.code == "server":
        reason = messages.send_error(error.kind) if error.kind else ""
        if handle:
            return translate(
                "PostWords", "The server of {account} could not make the change, so nothing "
                "was changed there. {reason}").format(account=handle, reason=reason).strip()
        return translate(
            "PostWords", "The server could not make the change, so nothing was changed there. "
            "{reason}").format(reason=reason).strip()
    return messages.unexpected_error()
