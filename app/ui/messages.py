"""One clear sentence, in the user's language, for each problem a service can report.

Services raise plain exceptions with a problem code; this module is where those become words,
for the windows and for the command line alike. Details that could carry secrets are never shown.
(Each call spells out QCoreApplication.translate so lupdate can find the text.)
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.credentials import CredentialError, CredentialProblem, install_hint
from app.services.workspace import Problem, WorkspaceError


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
