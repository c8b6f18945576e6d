"""What every page of the main window is given and must offer."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QMainWindow, QWidget

from app.services.shared.workspace import Workspace
from ui.shell.tasks import TaskRunner


@dataclass
class PageContext:
    """Everything a page needs; passed in, never reached through a global."""

    workspace: Workspace
    runner: TaskRunner


class Page(QWidget):
    """A page of the main window. Subclasses set ``title`` and build their widgets in ``__init__``.

    ``refresh()`` is called when the page is shown and after a sync or import changed data;
    it must be cheap (mark models stale; rows load lazily).
    """

    title: str = ""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context

    @property
    def workspace(self) -> Workspace:
        return self.context.workspace

    @property
    def runner(self) -> TaskRunner:
        return self.context.runner

    def refresh(self) -> None:
        """Reload what is shown; default does nothing."""

    def show_status(self, text: str, timeout_ms: int = 10_000) -> None:
        """A line in the main window's status bar (已保存 …); nothing when the page stands alone."""
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, timeout_ms)


class SearchableList(QWidget):
    """A list with a search box that Ctrl+F reaches from anywhere on its page (``RecordList``).

    The main window looks for this base class, so the shell needs no import of the widgets above it.
    """

    def focus_search(self) -> None:
        """Put the cursor in the search box; a list without its own box takes the focus itself."""
        self.setFocus()
