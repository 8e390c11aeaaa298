"""Save a PNG of every screen, in English and in Japanese, to look at the layout by eye.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screenshots.py OUTDIR

Builds a throwaway demo workspace (app.services.demo.fill_demo) and an empty one, then grabs
the main window on each screen. Not a test (no test_ prefix): pytest does not collect it.
Files are named LANGUAGE-WORKSPACE-NN-SCREEN.png, e.g. ja-demo-01-inbox.png; 07-inbox-all is
the inbox showing every state, answered mentions included.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.services.demo import fill_demo  # noqa: E402
from app.services.preferences import PreferencesService  # noqa: E402
from app.services.workspace import Workspace, open_workspace  # noqa: E402
from app.ui.application import make_application  # noqa: E402
from app.ui.i18n import install_translators, translation_file  # noqa: E402
from app.ui.main_window import Context, MainWindow  # noqa: E402
from app.ui.tasks import Tasks  # noqa: E402

SCREENS = ("inbox", "calendar", "templates", "reports", "accounts", "settings")
SIZE = (1100, 720)


def build_translations() -> None:
    """Like `python3 dev.py`: compile each .ts whose .qm is missing or older."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for ts in sorted((ROOT / "resources" / "translations").glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)


def settle(app: QApplication, tasks: Tasks) -> None:
    for _ in range(5):
        tasks.wait(5000)
        app.processEvents()


def shoot(app: QApplication, workspace: Workspace, language: str, label: str,
          outdir: Path) -> list[Path]:
    install_translators(language)
    tasks = Tasks(app)
    settings = PreferencesService(workspace.sessions).load()
    window = MainWindow(Context(workspace, tasks, settings, tray_available=True))
    window.resize(*SIZE)
    window.show()
    settle(app, tasks)
    saved = []
    for index, name in enumerate(SCREENS):
        window.show_screen(index)
        settle(app, tasks)
        path = outdir / f"{language}-{label}-{index + 1:02d}-{name}.png"
        window.grab().save(str(path))
        saved.append(path)
    # The whole list, answered mentions included ("answered in 3 h" in the Waiting column).
    window.show_screen(0)
    window.inbox.filter.setCurrentIndex(window.inbox.filter.count() - 1)
    settle(app, tasks)
    path = outdir / f"{language}-{label}-07-inbox-all.png"
    window.grab().save(str(path))
    saved.append(path)
    # The About box, as text: QMessageBox.about is modal, so only its content is checked here.
    (outdir / f"{language}-{label}-about.html").write_text(window.about_text(), encoding="utf-8")
    window.prepare_to_quit()
    window.close()
    window.deleteLater()
    settle(app, tasks)
    return saved


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    outdir = Path(argv[1]).absolute()
    outdir.mkdir(parents=True, exist_ok=True)
    build_translations()
    app = make_application([sys.argv[0]])
    if not Path(translation_file("ja")).exists():
        print("the Japanese .qm is missing", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="community-desk-shots-") as scratch:
        demo = open_workspace(Path(scratch) / "demo")
        fill_demo(demo.engine, mentions=400)
        empty = open_workspace(Path(scratch) / "empty")
        try:
            for language in ("en", "ja"):
                for label, workspace in (("demo", demo), ("empty", empty)):
                    # A fresh ui-state each time, so every run starts on the same geometry.
                    workspace.ui_state_path.unlink(missing_ok=True)
                    for path in shoot(app, workspace, language, label, outdir):
                        print(path)
        finally:
            demo.close()
            empty.close()
    QCoreApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
