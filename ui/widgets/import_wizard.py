"""The import wizard: file → sheet → header row → column mapping → preview with problems → import.

Any page that imports (特殊家庭, 会员, 志愿者 …) opens it with its kind. Reading, checking and
writing run on the task runner, checking and writing with the progress dialog and Cancel; a
Cancel or a failure writes nothing. A mapping the user corrected is remembered for files with the
same header layout. The preview shows every row as new / update / refused with its problems, and
the report (the user's own sheet, bad cells marked) can be saved before or after importing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QWidget,
    QWizard,
)

from app.services.shared.imports import (
    ImportKindBase,
    ImportOptions,
    ImportSummary,
    Plan,
    RowAction,
    Table,
    plan_import,
    read_table,
    summarise,
    write_import,
    write_report,
)
from ui.shell.progress import run_with_progress
from ui.shell.tasks import TaskRunner
from ui.widgets.import_pages import FilePage, HeaderPage, ImportPage, MappingPage, PreviewPage, SheetPage


class ImportWizard(QWizard):
    """Emits ``imported(summary)`` once rows were written (the page then refreshes its list)."""

    imported = Signal(object)

    def __init__(
        self, workspace: Any, kind: ImportKindBase, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace, self.kind, self.runner = workspace, kind, runner
        self.setWindowTitle(self.tr("Import %1").replace("%1", kind.label))
        self.path: Path | None = None
        self.book_sheets: list[Any] = []
        self.import_options = ImportOptions()
        self.table: Table | None = None
        self.plan: Plan | None = None
        self.summary: ImportSummary | None = None
        self._advance = False
        for page in (FilePage(self), SheetPage(self), HeaderPage(self), MappingPage(self), PreviewPage(self)):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Import"))
        self.resize(860, 600)

    # Each step runs on the runner; the page stays until it is done, then the wizard moves on.
    def _then(
        self,
        page: ImportPage,
        fn: Callable[..., Any],
        *args: Any,
        keep: Callable[[Any], None],
        progress_text: str | None = None,
        **kwargs: Any,
    ) -> bool:
        if self._advance:
            self._advance = False
            return True
        page.error.clear()

        def done(result: Any) -> None:
            keep(result)
            self._advance = True
            if self.currentPage() is page:
                self.next()

        if progress_text is None:
            self.runner.run(fn, *args, on_done=done, on_error=page.show_error, **kwargs)
        else:
            run_with_progress(
                self.runner, self, progress_text, fn, *args, on_done=done, on_error=page.show_error, **kwargs
            )
        return False

    def read(self, page: ImportPage, options: ImportOptions) -> bool:
        assert self.path is not None

        def keep(table: Table) -> None:
            self.table = table

        return self._then(page, read_table, self.path, self.kind, options, keep=keep)

    def check(self, page: ImportPage) -> bool:
        assert self.path is not None

        def checked(
            path: Path,
            kind: ImportKindBase,
            options: ImportOptions,
            progress: Any = None,
            cancelled: Any = None,
        ) -> tuple[Table, Plan]:
            table = read_table(path, kind, options)
            return table, plan_import(self.workspace, kind, table, options, progress, cancelled)

        def keep(result: tuple[Table, Plan]) -> None:
            self.table, self.plan = result

        return self._then(
            page,
            checked,
            self.path,
            self.kind,
            self.import_options,
            keep=keep,
            progress_text=self.tr("Checking every row…"),
        )

    def accept(self) -> None:
        """导入 (Finish): write the good rows with the progress dialog; close when written."""
        if self.summary is not None:
            super().accept()
            return
        page = self.currentPage()
        assert isinstance(page, PreviewPage) and self.table is not None and self.plan is not None
        if not any(o.action in (RowAction.NEW, RowAction.UPDATE) for o in self.plan.outcomes):
            page.error.setText(self.tr("No row can be imported: correct the problems in the file first."))
            return
        page.error.clear()

        def written(summary: ImportSummary) -> None:
            self.summary = summary
            self.imported.emit(summary)
            super(ImportWizard, self).accept()

        run_with_progress(
            self.runner,
            self,
            self.tr("Importing…"),
            write_import,
            self.workspace,
            self.kind,
            self.table,
            self.plan,
            on_done=written,
            on_error=page.show_error,
        )

    def save_report(self, path: Path) -> Path:
        assert self.table is not None and self.plan is not None
        summary = self.summary or summarise(self.plan, written=False)
        return write_report(path, self.table, self.plan, summary, kind_label=self.kind.label)
