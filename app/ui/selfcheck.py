"""`community-desk self-check`: prove an installed copy works, without a screen.

Installers and CI run it on the frozen app: Qt plugins, translations, the main window, the
database, the keyring and the TLS trust store. Each line says what was checked.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from app.credentials import CredentialError, Credentials
from app.networks.tls import tls_context
from app.services.workspace import WorkspaceError, open_workspace
from app.storage.backup import quick_check


def run_self_check(data_dir: Path, out=sys.stdout) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QImageReader
    from PySide6.QtWidgets import QApplication

    from app.ui import messages
    from app.ui.application import make_application
    from app.ui.i18n import install_translators
    from app.ui.main_window import Context, MainWindow
    from app.ui.resources import resource_path
    from app.ui.tasks import Tasks

    app = make_application()
    failures = 0
    workspace = None

    def check(name: str, probe: Callable[[], str]) -> None:
        nonlocal failures
        try:
            detail = probe()
        except Exception as exc:
            failures += 1
            print(f"FAIL  {name}: {describe(exc)}", file=out)
        else:
            print(f"ok    {name}: {detail}", file=out)

    def describe(exc: BaseException) -> str:
        if isinstance(exc, WorkspaceError):
            return messages.workspace_error(exc)
        if isinstance(exc, CredentialError):
            return messages.credential_error(exc)
        return f"{type(exc).__name__}: {exc}"

    def qt_plugins() -> str:
        platform = QApplication.platformName()
        formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
        if "svg" not in formats:
            raise RuntimeError("the SVG image plugin is missing")
        return f"platform {platform}, image formats {', '.join(sorted(formats))}"

    def translations() -> str:
        if not Path(resource_path("translations", "community_desk_ja.qm")).is_file():
            raise RuntimeError("community_desk_ja.qm is missing")
        if not install_translators("ja"):
            raise RuntimeError("the Japanese translation did not load")
        install_translators("en")
        return "ja loaded"

    def database() -> str:
        nonlocal workspace
        workspace = open_workspace(data_dir)
        problems = quick_check(workspace.db_path)
        if problems:
            raise RuntimeError("; ".join(problems[:3]))
        return str(workspace.db_path)

    def main_window() -> str:
        if workspace is None:
            raise RuntimeError("needs the database")
        tasks = Tasks(app, inline=True)
        from app.services.preferences import PreferencesService

        settings = PreferencesService(workspace.sessions).load()
        window = MainWindow(Context(workspace, tasks, settings))
        window.show()
        app.processEvents()
        window.prepare_to_quit()
        window.close()
        app.processEvents()
        return "opened and closed"

    def keyring_backend() -> str:
        credentials = Credentials()
        credentials.check()
        return credentials.backend_name()

    def tls() -> str:
        stats = tls_context().cert_store_stats()
        return f"{stats['x509_ca']} certificate authorities"

    check("Qt plugins", qt_plugins)
    check("translations", translations)
    check("database", database)
    check("main window", main_window)
    check("keyring", keyring_backend)
    check("TLS certificates", tls)
    if workspace is not None:
        workspace.close()
    print("self-check passed" if not failures else f"self-check failed: {failures} problem(s)",
          file=out)
    return 0 if not failures else 1
