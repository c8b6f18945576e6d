"""Start-up: Chinese UI, crash log, then the database — chosen, the demo, this computer's, or the wizard.

``python -m ui.main`` opens this computer's database (``app.paths.default_database()``), or shows
the welcome wizard when there is none; ``--db PATH`` opens another file; ``--demo`` opens the demo
database, generating 2 000 made-up families the first time (encrypted, like a real installation).
An encrypted database opens only after the sign-in dialog; the demo's shows its account as a
hint, and ``--screenshot`` signs in to the demo with that account by itself.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QByteArray, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from app import __version__
from app.domain.errors import FpaError
from app.domain.server_address import ServerAddress, display_url, is_server_url
from app.paths import APP_AUTHOR, APP_NAME, default_database, demo_database, ensure
from app.services.demo import demo_account
from app.services.shared.spool import remove_leftovers
from app.services.shared.workspace import Workspace, open_workspace
from app.services.system import accounts
from app.services.system.restore import RestoreOutcome, restore_database
from ui.shell.crash import install_crash_handler, setup_logging
from ui.shell.i18n import install_translators
from ui.shell.main_window import MainWindow
from ui.shell.progress import run_with_progress
from ui.shell.refcount_guard import pin_singletons
from ui.shell.tasks import TaskRunner
from ui.shell.theme import apply_theme
from ui.system.backup import RestorePlan

log = logging.getLogger(__name__)

DEMO_COUNTY = "430121000000"  # 长沙县: its full division list ships with the program
DEMO_FAMILIES = 2000
DEMO_SEED = 1


def parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="fpa-gui", description="计生协离线数据采集")
    parser.add_argument(
        "file", type=Path, nargs="?", help="配置包（.fpas）或同步文件（.fpab）：登录后在“同步”页处理"
    )
    parser.add_argument(
        "--db", help="打开这个数据库文件，或省级数据库 postgresql+psycopg://用户@服务器:端口/数据库名（密码随后询问）"
    )
    parser.add_argument("--demo", action="store_true", help="打开演示数据库（首次使用时生成虚构数据）")
    parser.add_argument("--screenshot", type=Path, help=argparse.SUPPRESS)  # render the window and exit
    return parser.parse_args(list(argv))


@contextmanager
def application() -> Iterator[QApplication]:
    """The QApplication with the program's names, translations and look.

    Undone on the way out, so a test that runs ``main()`` leaves the shared application as it was.
    """
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    before = (app.font(), app.palette(), app.styleSheet(), app.style().name())
    translators = install_translators(app)
    apply_theme(app)
    try:
        yield app
    finally:
        for translator in translators:
            app.removeTranslator(translator)
        font, palette, sheet, style = before
        app.setStyleSheet(sheet)
        app.setStyle(style)
        app.setPalette(palette)
        app.setFont(font)


def wait_for(runner: TaskRunner, fn: Callable[..., Any], *args: Any, text: str, **kwargs: Any) -> Any:
    """Run a long start-up job with the progress dialog and wait for it; raises what it raised."""
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def finish(key: str, value: Any) -> None:
        outcome[key] = value
        loop.quit()

    run_with_progress(
        runner,
        None,
        text,
        fn,
        *args,
        on_done=lambda r: finish("result", r),
        on_error=lambda e: finish("error", e),
        on_cancelled=lambda: finish("cancelled", True),
        **kwargs,
    )
    if not outcome:
        loop.exec()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")


def open_demo(runner: TaskRunner, *, automatic: bool = False) -> Workspace | None:
    """The demo database, generated with made-up families the first time; None if cancelled."""
    path = demo_database()
    if not path.exists():
        from app.services.demo import generate_demo

        ensure(path.parent)
        text = QApplication.translate("Startup", "Creating the demo database (made-up families)…")
        wait_for(
            runner,
            generate_demo,
            path,
            DEMO_COUNTY,
            text=text,
            families=DEMO_FAMILIES,
            seed=DEMO_SEED,
            encrypted=True,
        )
        if not path.exists():
            return None
    return sign_in(path, runner, automatic=automatic)


def sign_in(path: Path | str, runner: TaskRunner, *, automatic: bool = False) -> Workspace | None:
    """The workspace of the database at ``path``: after the sign-in dialog if it is encrypted (or a
    PostgreSQL province with accounts).

    None when the user cancelled. ``automatic`` signs in to a demo database with the demo account
    (for ``--screenshot``), without the dialog.
    """
    if not accounts.needs_sign_in(path):
        return open_workspace(path)
    demo = demo_account(path)
    if automatic and demo is not None:
        return accounts.sign_in(path, *demo)
    from ui.shell.login import LoginDialog

    dialog = LoginDialog(path, runner)
    if dialog.exec() != LoginDialog.DialogCode.Accepted:
        return None
    return dialog.workspace


def command_line_target(text: str) -> Path | str:
    """``--db``: a file, or a server URL whose password, when it has none, is asked here (not typed
    on the command line, where other users of the computer could read it)."""
    if not is_server_url(text):
        return Path(text)
    address = ServerAddress.from_url(text)
    if urlsplit(text).password is not None:
        return text  # a password was given after all
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    title = QApplication.translate("Startup", "Province database")
    label = QApplication.translate("Startup", "Password of %1:").replace("%1", address.display)
    password, ok = QInputDialog.getText(None, title, label, QLineEdit.EchoMode.Password)
    return address.url(password) if ok and password else text


def first_start(runner: TaskRunner) -> Workspace | None:
    """The welcome wizard; None when the user closed it."""
    from ui.shell.welcome import WelcomeWizard

    wizard = WelcomeWizard(runner, default_database())
    if wizard.exec() != WelcomeWizard.DialogCode.Accepted:
        if wizard.workspace is not None:
            wizard.workspace.close()
        return None
    if wizard.wants_demo:
        return open_demo(runner)
    return wizard.workspace


def first_screen(args: argparse.Namespace, runner: TaskRunner) -> QWidget | None:
    """The window a user would meet first when it is not the main window, for ``--screenshot``.

    The sign-in dialog of an encrypted database without the demo account, or the welcome wizard
    when this computer has no database yet; None when the main window comes first.
    """
    if args.demo or (args.db and "://" in args.db):
        return None  # a server province signs in on its own connection dialog
    path = Path(args.db) if args.db else default_database()
    if not path.exists():
        if args.db:
            return None  # open_target says the file is missing
        from ui.shell.welcome import WelcomeWizard

        return WelcomeWizard(runner, default_database())
    if accounts.needs_sign_in(path) and demo_account(path) is None:
        from ui.shell.login import LoginDialog

        return LoginDialog(path, runner)
    return None


def save_screen(widget: QWidget, out: Path) -> None:
    widget.show()
    for _ in range(5):
        QApplication.processEvents()
    widget.grab().save(str(out))
    widget.close()


def open_target(args: argparse.Namespace, runner: TaskRunner) -> Workspace | None:
    automatic = bool(args.screenshot)
    if args.screenshot:
        screen = first_screen(args, runner)
        if screen is not None:
            save_screen(screen, args.screenshot)  # the sign-in or the wizard, rendered, then exit
            return None
    if args.db:
        return sign_in(command_line_target(args.db), automatic=automatic, runner=runner)
    if args.demo:
        return open_demo(runner, automatic=automatic)
    if default_database().exists():
        return sign_in(default_database(), runner, automatic=automatic)
    return first_start(runner)


class Shell(QObject):
    """Holds the open workspace and its window; File → Open swaps both, a restore reopens them.

    ``auto_backup``: the window backs up by itself (at start when none was taken today, and as it
    closes); off for tests and screenshots.
    """

    def __init__(self, runner: TaskRunner, *, auto_backup: bool = False) -> None:
        super().__init__()
        self.runner = runner
        self.auto_backup = auto_backup
        self.workspace: Workspace | None = None
        self.window: MainWindow | None = None

    def show(self, workspace: Workspace) -> MainWindow:
        self.workspace = workspace
        self.window = MainWindow(workspace, self.runner)
        self.window.database_chosen.connect(self.switch)
        self.window.province_chosen.connect(self.switch)
        self.window.restore_requested.connect(self.restore)
        self.window.user_switch_requested.connect(self.switch_user)
        self.window.backups.enabled = self.auto_backup
        self.window.show()
        self.window.backups.at_start()
        return self.window

    def _close_window(self) -> QByteArray | None:
        """Close the window without its backup and wait for its work; its geometry for the next one."""
        old = self.window
        if old is None:
            return None
        geometry = old.saveGeometry()
        old.backups.enabled = False
        old.close()
        old.deleteLater()
        self.window = None
        self.runner.wait()  # nothing may still be reading the old database
        return geometry

    def restore(self, plan: RestorePlan) -> None:
        """Close the database, restore the backup off the GUI thread, and open the result again.

        The restored database opens signed in with the account that opened the backup (else the
        sign-in dialog asks); a refused restore reopens the database as it was and says why.
        """
        workspace = self.workspace
        if workspace is None:
            return
        app = QApplication.instance()
        quits = isinstance(app, QApplication) and app.quitOnLastWindowClosed()
        if isinstance(app, QApplication):
            app.setQuitOnLastWindowClosed(False)  # between the two windows, none is open
        try:
            geometry = self._close_window()
            self.workspace = None
            title = QApplication.translate("Startup", "Restore from a backup")
            try:
                outcome: RestoreOutcome = wait_for(
                    self.runner,
                    restore_database,
                    workspace,
                    plan.backup,
                    plan.username,
                    plan.password,
                    text=QApplication.translate("Startup", "Restoring the backup…"),
                )
            except FpaError as exc:  # the database could not even be opened again: nothing left to show
                log.error("restore from %s failed: %s", plan.backup.name, exc)
                self.tell(None, title, exc.message, warning=True)
                QApplication.quit()
                return
            reopened = outcome.workspace
            if reopened is None:
                reopened = sign_in(workspace.target, self.runner)
            if reopened is None:
                log.info("restored %s; the sign-in afterwards was cancelled", plan.backup.name)
                QApplication.quit()
                return
            window = self.show(reopened)
            if geometry is not None:
                window.restoreGeometry(geometry)
            if outcome.restored:
                log.info("restored the database from %s", plan.backup.name)
                self.tell(window, title, outcome.message, warning=False)
            else:
                self.tell(window, title, outcome.message, warning=True)
        finally:
            if isinstance(app, QApplication):
                app.setQuitOnLastWindowClosed(quits)

    def tell(self, parent: QWidget | None, title: str, text: str, *, warning: bool) -> None:
        """A message after a restore (tests replace it: a message box blocks offscreen)."""
        if warning:
            QMessageBox.warning(parent, title, text)
        else:
            QMessageBox.information(parent, title, text)

    def switch(self, path: Path | str) -> None:
        try:
            workspace = sign_in(path, self.runner)
        except FpaError as exc:
            QMessageBox.critical(
                self.window, QApplication.translate("Startup", "Cannot open the database"), exc.message
            )
            return
        if workspace is None:
            return  # the sign-in was cancelled: the open database stays
        old_workspace = self.workspace
        geometry = self._close_window()
        if old_workspace is not None:
            old_workspace.close()
        window = self.show(workspace)
        if geometry is not None:
            window.restoreGeometry(geometry)
        log.info("switched to database %s", display_url(str(path)))

    def switch_user(self, sign_out: bool) -> None:
        """文件 → 切换用户 / 注销: sign in again to the same database; the window is built anew for
        the new account's role and division, and the forms left open keep their drafts.

        切换用户 asks over the window and changes nothing when cancelled; 注销 closes the window
        first (nothing of the last user stays on screen) and a cancelled sign-in ends the program.
        """
        window, workspace = self.window, self.workspace
        if window is None or workspace is None:
            return
        for dialog in window.findChildren(QDialog):  # the open forms' drafts, written now
            write = getattr(dialog, "write_draft", None)
            if callable(write):
                write()
        app = QApplication.instance()
        quits = isinstance(app, QApplication) and app.quitOnLastWindowClosed()
        if isinstance(app, QApplication):
            app.setQuitOnLastWindowClosed(False)  # between the two windows, none is open
        try:
            geometry: QByteArray | None = None
            if sign_out:
                geometry = self._close_window()
                workspace.close()
                self.workspace = None
            new = self.ask_sign_in(workspace.path, None if sign_out else window)
            if new is None:
                if sign_out:
                    log.info("signed out; the sign-in afterwards was cancelled")
                    QApplication.quit()
                return
            if not sign_out:
                geometry = self._close_window()
                workspace.close()
            shown = self.show(new)
            if geometry is not None:
                shown.restoreGeometry(geometry)
            log.info("signed in again as another user")  # no names or numbers in the log
        finally:
            if isinstance(app, QApplication):
                app.setQuitOnLastWindowClosed(quits)

    def ask_sign_in(self, path: Path, parent: QWidget | None) -> Workspace | None:
        """The sign-in dialog for ``path`` (tests replace it: a dialog blocks offscreen)."""
        from ui.shell.login import LoginDialog

        dialog = LoginDialog(path, self.runner, parent)
        dialog.username.clear()  # another person signs in: no name left from the last one
        dialog.username.setFocus()
        accepted = dialog.exec() == LoginDialog.DialogCode.Accepted
        return dialog.workspace if accepted else None

    def close(self) -> None:
        self.runner.wait()
        if self.workspace is not None:
            self.workspace.close()


def main(argv: Sequence[str] | None = None) -> int:
    pin_singletons()  # before any Qt call: see ui/shell/refcount_guard.py
    args = parse(sys.argv[1:] if argv is None else argv)
    setup_logging()
    remove_leftovers()  # a killed export's plain-text spool (full ID numbers) must not outlive it
    with application() as app:
        install_crash_handler()
        return run(app, args)


def open_file(window: MainWindow, path: Path) -> None:
    """A setup package or a bundle opened from Explorer: the 同步 page takes it, asking as usual."""
    suffix = path.suffix.lower()
    if suffix == ".fpas":
        window.call_page("sync", "import_setup_package", path)
    elif suffix == ".fpab":
        window.call_page("sync", "merge", [path])
    else:
        log.warning("not a setup package or a bundle: %s", path.name)


def run(app: QApplication, args: argparse.Namespace) -> int:
    runner = TaskRunner()
    shell = Shell(runner, auto_backup=not args.screenshot)
    try:
        workspace = open_target(args, runner)
    except FpaError as exc:
        QMessageBox.critical(None, QApplication.translate("Startup", "Cannot open the database"), exc.message)
        return 1
    if workspace is None:
        return 0  # the wizard was closed, or the demo cancelled: nothing to show
    window = shell.show(workspace)
    try:
        if args.screenshot:
            window.resize(1366, 768)
            runner.wait()
            for _ in range(5):  # deliver the results the worker sent back
                app.processEvents()
            window.grab().save(str(args.screenshot))
            window.close()
            return 0
        if args.file is not None:
            QTimer.singleShot(0, lambda: open_file(window, args.file))
        return app.exec()
    finally:
        shell.close()


if __name__ == "__main__":
    sys.exit(main())
