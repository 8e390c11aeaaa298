"""One clear sentence, in the user's language, for each problem a service can report.

Services raise plain exceptions with a problem code; this module is where those become words,
for the windows and for the command line alike. Details that could carry secrets are never shown.
(Each call spells out QCoreApplication.translate so lupdate can find the text.)
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.credentials import CredentialError, CredentialProblem, install_hint
from app.networks.errors import (
    AuthExpired,
    AuthFailed,
    BadResponse,
    InsecureURL,
    NetworkError,
    NotFound,
    NotSupported,
    RateLimited,
    Rejected,
    ServerError,
    TooLarge,
    Unreachable,
)
from app.services.workspace import Problem, WorkspaceError
from app.ui.timewords import duration

if TYPE_CHECKING:
    from app.services.posts import PostProblem


def workspace_error(error: WorkspaceError) -> str:
    path = str(error.path)
    if error.problem is Problem.UNWRITABLE:
        text = QCoreApplication.translate(
            "Messages",
            "Community Desk cannot write to its data folder {path}. Choose a folder you can "
            "write to with --data-dir, or fix the folder's permissions.",
        )
    elif error.problem is Problem.NEWER_SCHEMA:
        text = QCoreApplication.translate(
            "Messages",
            "The database {path} was saved by a newer version of Community Desk. Install the "
            "newer version to open it; this version leaves the file untouched.",
        )
    elif error.has_backup:
        text = QCoreApplication.translate(
            "Messages",
            "The database {path} is damaged and cannot be opened. You can restore the latest "
            "daily backup; the damaged file is kept beside it.",
        )
    else:
        text = QCoreApplication.translate(
            "Messages",
            "The database {path} is damaged and cannot be opened, and there is no backup to "
            "restore. The file has not been changed; move it away to start a new workspace.",
        )
    return text.format(path=path)


def credential_error(error: CredentialError) -> str:
    if error.problem is CredentialProblem.NO_BACKEND:
        hint = install_hint()
        if hint:
            return QCoreApplication.translate(
                "Messages",
                "No system keyring is available to store passwords safely: install and start "
                "{hint}, then try again.",
            ).format(hint=hint)
        return QCoreApplication.translate(
            "Messages", "No system keyring is available, so passwords cannot be stored safely."
        )
    if error.problem is CredentialProblem.LOCKED:
        return QCoreApplication.translate(
            "Messages", "The system keyring is locked. Unlock it, then try again."
        )
    return QCoreApplication.translate(
        "Messages",
        "The system keyring refused the request. Try again; if it keeps failing, restart your "
        "keyring service.",
    )


def restored_backup(name: str) -> str:
    return QCoreApplication.translate(
        "Messages", "Restored the backup {name}. The damaged file was kept beside it."
    ).format(name=name)


def database_not_damaged(path: str) -> str:
    return QCoreApplication.translate(
        "Messages", "The database {path} is not damaged, so no backup was restored."
    ).format(path=path)


def no_backup_to_restore() -> str:
    return QCoreApplication.translate("Messages", "There is no sound backup to restore.")


def unexpected_error() -> str:
    return QCoreApplication.translate(
        "Messages", "Something went wrong. Your data is safe; the details are in the log file."
    )


def account_not_found(account_id: int) -> str:
    return QCoreApplication.translate(
        "Messages", "There is no account with the number {id}: see `accounts list`."
    ).format(id=account_id)


# Connecting and syncing accounts ---------------------------------------------------------------


def network_error(error: NetworkError, server: str = "") -> str:
    """One sentence for a connector's failure. `server` names the host the person typed, when
    known; nothing from the server's own answer is ever shown (it may echo what it was sent)."""
    translate = QCoreApplication.translate
    if isinstance(error, Unreachable):
        if server:
            return translate(
                "Messages", "Could not reach {server}. Check the address and your connection."
            ).format(server=server)
        return translate(
            "Messages", "Could not reach the server. Check the address and your connection.")
    if isinstance(error, InsecureURL):
        return translate("Messages", "Community Desk only connects over https.")
    if isinstance(error, AuthFailed):
        return _auth_failed(error.reason)
    if isinstance(error, AuthExpired):
        return translate(
            "Messages",
            "The server no longer accepts this sign-in. Connect the account again to continue.",
        )
    if isinstance(error, RateLimited):
        if error.retry_after:
            wait = duration(timedelta(seconds=max(60.0, error.retry_after)))
            return translate(
                "Messages", "The server asks Community Desk to slow down. Try again in {wait}."
            ).format(wait=wait)
        return translate(
            "Messages", "The server asks Community Desk to slow down. Try again in a few minutes.")
    if isinstance(error, NotFound):
        return translate(
            "Messages", "Nothing was found at that address. Check it and try again.")
    if isinstance(error, Rejected):
        return translate(
            "Messages", "The server refused the request. Check what you entered and try again.")
    if isinstance(error, ServerError):
        if server:
            return translate(
                "Messages", "{server} has a problem of its own right now. Try again later."
            ).format(server=server)
        return translate(
            "Messages", "The server has a problem of its own right now. Try again later.")
    if isinstance(error, TooLarge):
        return translate(
            "Messages",
            "The server sent far more than a message can hold, so it was not read. Try again "
            "later.",
        )
    if isinstance(error, BadResponse):
        return translate(
            "Messages",
            "The server's answer could not be understood. Check that the address is right.",
        )
    if isinstance(error, NotSupported):
        return translate("Messages", "This account's network does not offer that.")
    return translate("Messages", "The connection failed. Try again in a moment.")


def access_token_refused() -> str:
    """Connecting Mastodon with a pasted token the server does not accept."""
    return QCoreApplication.translate(
        "Messages", "The server did not accept this access token. Check that it was copied "
        "whole, with read and write access.",
    )


def not_a_server_address() -> str:
    """Adding a Mastodon account: what was typed cannot be a server or a handle."""
    return QCoreApplication.translate(
        "Messages",
        "That is not a server address. Type it like mastodon.social or @shop@example.social.",
    )


def no_feed_found() -> str:
    """Adding a feed: a 404, or a web page that links to no feed."""
    return QCoreApplication.translate(
        "Messages",
        "No feed was found at this address. If it is a web page, look on the site for an RSS "
        "or Atom link and use that address.",
    )


def _auth_failed(reason: str) -> str:
    translate = QCoreApplication.translate
    if reason == "denied":
        return translate(
            "Messages", "Access was not approved in the browser, so nothing was connected.")
    if reason == "timeout":
        return translate(
            "Messages", "The approval in the browser did not arrive in time. Try again.")
    if reason == "cancelled":
        return translate("Messages", "Connecting was cancelled; nothing was connected.")
    if reason == "state":
        return translate(
            "Messages",
            "The browser's answer did not belong to this request, so it was ignored. Try again.",
        )
    if reason == "password":
        return translate("Messages", "The handle or app password is not right.")
    if reason == "2fa":
        return translate(
            "Messages", "This account asks for an email code; use an app password instead.")
    if reason == "token":
        return access_token_refused()
    if reason == "handle":
        return translate("Messages", "No account has this handle. Check how it is spelled.")
    if reason == "code":
        return translate(
            "Messages", "The server did not accept the sign-in code. Try connecting again.")
    if reason == "client":
        return translate(
            "Messages",
            "The server no longer recognises Community Desk. Try connecting again; it will "
            "register anew.",
        )
    if reason == "missing":
        return translate(
            "Messages",
            "The sign-in for this account is missing from the system keyring. Reconnect the "
            "account.",
        )
    if reason == "error":
        return translate(
            "Messages", "The server reported a problem with the sign-in. Try again later.")
    if reason == "takedown":
        return translate(
            "Messages", "This account has been suspended by its server, so it cannot connect.")
    return translate(
        "Messages", "The server did not accept these sign-in details. Check them and try again.")


def problem(error: BaseException, server: str = "") -> str:
    """The sentence for any failure a screen can meet: network, keyring, or anything else."""
    if isinstance(error, NetworkError):
        return network_error(error, server)
    if isinstance(error, CredentialError):
        return credential_error(error)
    return unexpected_error()


# The failures problem() puts in words; anything else is a bug, logged with its traceback.
KNOWN_PROBLEMS: tuple[type[BaseException], ...] = (NetworkError, CredentialError)


def sync_error(kind: str, server: str = "") -> str:
    """A sync failure recorded by its kind (an error class name, or NeedsReconnect/Unexpected)."""
    if kind == "NeedsReconnect":
        return QCoreApplication.translate(
            "Messages", "This account needs reconnecting: connect it again on the Accounts "
            "screen to receive its mentions.")
    if kind == "CredentialError":
        return QCoreApplication.translate(
            "Messages", "The keyring could not be read. Unlock it and try again.")
    error_type = globals().get(kind)
    if isinstance(error_type, type) and issubclass(error_type, NetworkError):
        return network_error(error_type(), server)
    return unexpected_error()


# Replies ---------------------------------------------------------------------------------------


def reply_problem(code: str) -> str:
    """Why a reply cannot be saved or sent as it is (app.services.outbox.ReplyProblem codes).

    The text stays where the owner typed it; the sentence says what to change."""
    translate = QCoreApplication.translate
    texts = {
        "empty": translate("Messages", "The reply is empty. Write something to send."),
        "too_long": translate(
            "Messages", "The reply is longer than the network allows. Shorten it, then send."),
        "no_account": translate(
            "Messages", "The account this mention came to has been removed, so the reply "
            "cannot be sent. Your text is kept."),
        "needs_reconnect": translate(
            "Messages", "The account needs reconnecting before it can send: connect it again "
            "on the Accounts screen. Your text is kept."),
        "mention_gone": translate(
            "Messages", "This mention is no longer in the workspace, so it cannot be answered."),
        "cannot_reply": translate(
            "Messages", "This network takes no replies from Community Desk. Copy the reply and "
            "answer in the browser."),
        "no_direct": translate(
            "Messages", "This network has no direct messages. Untick “Send as a direct "
            "message” to reply in the open."),
        "not_editable": translate(
            "Messages", "The reply is already on its way and can no longer be changed."),
    }
    return texts.get(code, unexpected_error())


def send_error(kind: str) -> str:
    """Why a reply in the outbox failed or waits: the error kind it recorded."""
    translate = QCoreApplication.translate
    if kind in ("NeedsReconnect", "AuthExpired", "AuthFailed"):
        return translate(
            "Messages", "The account needs reconnecting: connect it again on the Accounts "
            "screen, then send again.")
    if kind == "AccountRemoved":
        return translate("Messages", "The account this mention came to has been removed.")
    if kind == "NotFound":
        return translate(
            "Messages", "The post you are answering is gone: it was deleted, or its author "
            "hid it.")
    if kind == "Rejected":
        return translate(
            "Messages", "The server refused the reply. Check its text and send it again.")
    if kind == "NotSupported":
        return translate("Messages", "This account's network does not offer that.")
    if kind == "RateLimited":
        return translate("Messages", "The server asks Community Desk to slow down.")
    if kind == "Unreachable":
        return translate("Messages", "The server could not be reached.")
    if kind == "ServerError":
        return translate("Messages", "The server has a problem of its own right now.")
    if kind == "CredentialError":
        return translate("Messages", "The system keyring could not be read. Unlock it.")
    if kind in ("BadResponse", "TooLarge"):
        return translate("Messages", "The server's answer could not be understood.")
    return translate("Messages", "Something went wrong; the details are in the log file.")


# The `reply` command ---------------------------------------------------------------------------


def mention_not_found(mention_id: int) -> str:
    return QCoreApplication.translate(
        "Messages", "There is no mention with the number {id}: see `mentions list`."
    ).format(id=mention_id)


def template_not_found(name: str) -> str:
    return QCoreApplication.translate(
        "Messages", "There is no template named “{name}”: see the Templates screen."
    ).format(name=name)


def template_malformed(name: str) -> str:
    return QCoreApplication.translate(
        "Messages", "The template “{name}” has a mistake in its braces: fix it on the "
        "Templates screen."
    ).format(name=name)


def template_needs_values(name: str, variables: list[str]) -> str:
    """A template with variables the command line cannot ask for (an order number...)."""
    return QCoreApplication.translate(
        "Messages", "The template “{name}” needs {variables}, which the command line cannot ask "
        "for: write the reply with --text instead."
    ).format(name=name, variables=", ".join(f"{{{v}}}" for v in variables))


def reply_waiting(kind: str) -> str:
    """A reply the command line queued but could not send yet: it is not lost."""
    return QCoreApplication.translate(
        "Messages", "{reason} The reply waits in the outbox and goes out the next time "
        "Community Desk is open."
    ).format(reason=send_error(kind))


# The `post` command ----------------------------------------------------------------------------


def post_command_problem(problem: PostProblem) -> str:
    """Why `post` refused (app.services.posts.PostProblem), in the command line's own terms:
    --account, --text, --at. Nothing was published or kept then."""
    translate = QCoreApplication.translate
    handle = problem.handle or translate("Messages", "The account")
    code = problem.code
    if code == "empty":
        return translate("Messages", "The post is empty: give its words with --text.")
    if code == "no_target":
        return translate("Messages", "Name the account to post to with --account ID.")
    if code == "account_gone":
        return account_not_found(problem.account_id or 0)
    if code == "cannot_post":
        return translate(
            "Messages", "{account} cannot be posted to (feeds are read-only): choose a Mastodon "
            "or Bluesky account with --account.").format(account=handle)
    if code == "needs_reconnect":
        return translate(
            "Messages", "{account} needs reconnecting before it can post: connect it again with "
            "`accounts add` or on the Accounts screen.").format(account=handle)
    if code == "too_long":
        counted = problem.count
        network = {"mastodon": "Mastodon", "bluesky": "Bluesky"}.get(
            getattr(problem.network, "value", ""), "")
        if counted is not None and counted.over_by > 0 and network:
            return translate(
                "Messages", "The post is {count} characters over {network}'s limit of {limit} "
                "for {account}: shorten it.").format(
                    count=counted.over_by, network=network, limit=counted.limit,
                    account=handle)
        if counted is not None and counted.bytes_over_by > 0 and network:
            return translate(
                "Messages", "The post is {count} bytes over {network}'s limit of {limit} bytes "
                "for {account}: shorten it.").format(
                    count=counted.bytes_over_by, network=network, limit=counted.max_bytes,
                    account=handle)
        return translate("Messages", "The post is longer than the network allows: shorten it.")
    if code == "in_the_past":
        return translate(
            "Messages", "The time given with --at has already passed: give a later one, or "
            "leave --at out to post now.")
    if code == "server":
        return translate(
            "Messages", "{reason} Nothing was changed on the server of {account}; try again in "
            "a moment.").format(reason=send_error(problem.kind), account=handle)
    return unexpected_error()


def post_error(kind: str) -> str:
    """Why one target of a post failed or waits: the error kind its outbox item recorded."""
    translate = QCoreApplication.translate
    if kind in ("NeedsReconnect", "AuthExpired", "AuthFailed"):
        return translate(
            "Messages", "The account needs reconnecting: connect it again on the Accounts "
            "screen, then post again.")
    if kind == "AccountRemoved":
        return translate("Messages", "The account this post was for has been removed.")
    if kind == "Rejected":
        return translate(
            "Messages", "The server refused the post: it may allow no more scheduled posts "
            "that day, or not this text. Change it and schedule it again.")
    return send_error(kind)


def post_waiting(kind: str) -> str:
    """A post the command line could not publish or schedule yet: it is not lost."""
    return QCoreApplication.translate(
        "Messages", "{reason} The post waits in the outbox and goes out the next time "
        "Community Desk is open."
    ).format(reason=send_error(kind))


def post_time_unreadable(text: str) -> str:
    return QCoreApplication.translate(
        "Messages", "“{text}” is not a date and time: write it as ISO 8601, for example "
        "2026-12-24T10:00+09:00."
    ).format(text=text)


def post_time_nonexistent(text: str, zone: str, first: str, second: str) -> str:
    """A local time the clocks skip that day (spring forward): the two readings it could mean."""
    return QCoreApplication.translate(
        "Messages", "{time} does not exist in {zone} that day (the clocks jump forward): "
        "write it with its offset, {first} or {second}."
    ).format(time=text, zone=zone, first=first, second=second)


def post_time_ambiguous(text: str, zone: str, first: str, second: str) -> str:
    """A local time that happens twice that day (fall back): which of the two."""
    return QCoreApplication.translate(
        "Messages", "{time} happens twice in {zone} that day (the clocks go back): write it "
        "with its offset, {first} or {second}."
    ).format(time=text, zone=zone, first=first, second=second)


def invalid_week(text: str) -> str:
    return QCoreApplication.translate(
        "Messages", "“{text}” is not a week: write it as an ISO week, such as 2026-W47 (weeks "
        "run from 01 to 52, or 53 in some years)."
    ).format(text=text)


def export_exists(path: str) -> str:
    """The command line never replaces a file unasked."""
    return QCoreApplication.translate(
        "Messages", "{path} already exists. Choose another name, or add --force to replace it."
    ).format(path=path)


def weekly_save_failed(folder: str) -> str:
    return QCoreApplication.translate(
        "Messages", "The weekly summary could not be saved in {folder}. Check that the folder "
        "exists and can be written to, or choose another one in Settings."
    ).format(folder=folder)


def export_failed(path: str, error: OSError | None = None) -> str:
    """A weekly summary that could not be written: a full disk, or a folder that refuses it."""
    import errno

    if error is not None and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return QCoreApplication.translate(
            "Messages", "{path} could not be saved: the disk is full. Free some space or "
            "choose another drive, then export again."
        ).format(path=path)
    return QCoreApplication.translate(
        "Messages", "{path} could not be saved. Check that its folder exists and can be "
        "written to, or choose another folder."
    ).format(path=path)
