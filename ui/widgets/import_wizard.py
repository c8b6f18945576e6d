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
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.domain.errors import FpaError
from app.services.shared.imports import (
    ImportKindBase,
    ImportOptions,
    ImportSummary,
    Plan,
    RowAction,
    Table,
    open_workbook,
    plan_import,
    read_table,
    remember_mapping,
    remembered_mapping,
    summarise,
    write_import,
    write_report,
)
from app.services.shared.imports.cells import as_text
from ui.shell.progress import run_with_progress
from ui.shell.tasks import TaskRunner

PREVIEW_ROWS = 30  # rows of the sheet shown when choosing the header row
SHOWN_OUTCOMES = 5000  # rows listed in the preview; the report has them all
_COLOURS = {RowAction.NEW: "#e2efda", RowAction.UPDATE: "#ddebf7", RowAction.REFUSED: "#ffc7ce"}


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class _Page(QWizardPage):
    def __init__(self, wizard: ImportWizard, title: str) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(title)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c00000")
        self.box = QVBoxLayout(self)

    def show_error(self, exc: BaseException) -> None:
        if not isinstance(exc, FpaError):
            raise exc
        self.error.setText(exc.message)


class FilePage(_Page):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard, wizard.tr("Choose the file"))
        self.setSubTitle(wizard.tr("Excel (.xlsx, .xls), WPS saved as .xlsx, OpenOffice (.ods) or CSV."))
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.textChanged.connect(self.completeChanged)
        browse = QPushButton(wizard.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.box.addLayout(row)
        self.box.addWidget(self.error)
        self.box.addStretch(1)

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.w.tr("Choose the file"), "", self.w.tr("Spreadsheets (*.xlsx *.xls *.ods *.csv *.et)")
        )
        if name:
            self.path.setText(name)

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        self.error.clear()
        try:
            self.w.book_sheets = open_workbook(Path(self.path.text().strip())).sheets
        except FpaError as exc:
            self.show_error(exc)
            return False
        self.w.path = Path(self.path.text().strip())
        return True


class SheetPage(_Page):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard, wizard.tr("Choose the sheet"))
        form = QFormLayout()
        self.sheet = QComboBox()
        self.skip_hidden = QCheckBox(wizard.tr("Leave out rows hidden in the sheet"))
        form.addRow(wizard.tr("Sheet"), self.sheet)
        form.addRow("", self.skip_hidden)
        self.box.addLayout(form)
        self.box.addWidget(self.error)
        self.box.addStretch(1)

    def initializePage(self) -> None:
        self.sheet.clear()
        for info in self.w.book_sheets:
            label = info.name + (self.w.tr(" (hidden)") if info.hidden else "")
            self.sheet.addItem(label, info.name)
        first = next((i for i, s in enumerate(self.w.book_sheets) if not s.hidden), 0)
        self.sheet.setCurrentIndex(first)

    def validatePage(self) -> bool:
        self.w.options = ImportOptions(
            sheet=self.sheet.currentData(), skip_hidden=self.skip_hidden.isChecked()
        )
        return self.w.read(self, ImportOptions(sheet=self.w.options.sheet))


class HeaderPage(_Page):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard, wizard.tr("Header row"))
        self.setSubTitle(
            wizard.tr("The row holding the column names (titles and 填报单位 lines above it are skipped).")
        )
        form = QFormLayout()
        self.row = QSpinBox()
        self.row.setRange(1, PREVIEW_ROWS)
        form.addRow(wizard.tr("Header in row"), self.row)
        self.box.addLayout(form)
        self.grid = QTableWidget()
        self.box.addWidget(self.grid, 1)
        self.box.addWidget(self.error)
        self.row.valueChanged.connect(self._mark)

    def initializePage(self) -> None:
        table = self.w.table
        assert table is not None
        shown = table.raw[:PREVIEW_ROWS]
        width = max((len(r) for r in shown), default=0)
        self.grid.setRowCount(len(shown))
        self.grid.setColumnCount(width)
        self.grid.setHorizontalHeaderLabels([column_letter(c) for c in range(width)])
        covered = {  # a merged title is shown once, at its top-left cell
            (r, c)
            for (r0, c0), (r1, c1) in table.merged
            for r in range(r0, r1 + 1)
            for c in range(c0, c1 + 1)
            if (r, c) != (r0, c0)
        }
        for r, row in enumerate(shown):
            for c, value in enumerate(row):
                text = "" if (r, c) in covered else as_text(value)
                self.grid.setItem(r, c, QTableWidgetItem(text))
        self.row.setRange(1, max(1, len(shown)))
        self.row.setValue(table.layout.header_start + 1)
        self._mark()

    def _mark(self) -> None:
        chosen = self.row.value() - 1
        for r in range(self.grid.rowCount()):
            for c in range(self.grid.columnCount()):
                item = self.grid.item(r, c)
                if item is not None:
                    item.setBackground(QColor("#ddebf7") if r == chosen else QColor("white"))

    def validatePage(self) -> bool:
        table = self.w.table
        assert table is not None
        if self.row.value() - 1 == table.layout.header_start:
            return True
        options = ImportOptions(sheet=table.sheet, header_row=self.row.value() - 1)
        return self.w.read(self, options)


class MappingPage(_Page):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard, wizard.tr("Columns"))
        self.setSubTitle(
            wizard.tr("Which column holds what. Corrections are remembered for files laid out the same way.")
        )
        self.form = QFormLayout()
        holder = QWidget()
        holder.setLayout(self.form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        self.box.addWidget(scroll, 1)
        self.box.addWidget(self.error)
        self.combos: dict[str, QComboBox] = {}

    def initializePage(self) -> None:
        table = self.w.table
        assert table is not None
        while self.form.rowCount():
            self.form.removeRow(0)
        self.combos.clear()
        mapping = remembered_mapping(self.w.kind, table.layout) or table.mapping
        choices = [(self.w.tr("(not imported)"), -1)] + [
            (f"{column_letter(i)}  {h}", i) for i, h in enumerate(table.headers) if h
        ]
        for spec in self.w.kind.fields:
            combo = QComboBox()
            for text, col in choices:
                combo.addItem(text, col)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(spec.key, -1))))
            self.combos[spec.key] = combo
            self.form.addRow(spec.label + (" *" if spec.required else ""), combo)

    def mapping(self) -> dict[str, int]:
        return {k: int(c.currentData()) for k, c in self.combos.items() if int(c.currentData()) >= 0}

    def validatePage(self) -> bool:
        table = self.w.table
        assert table is not None
        mapping = self.mapping()
        used = [c for c in mapping.values()]
        if len(used) != len(set(used)):
            self.error.setText(self.w.tr("A column is chosen for two fields: each column can hold one."))
            return False
        if mapping != table.mapping:
            remember_mapping(self.w.kind, table.layout, mapping)
        self.w.options.header_row = table.layout.header_start
        self.w.options.mapping = mapping
        return self.w.check(self)


class PreviewPage(_Page):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard, wizard.tr("Preview"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.box.addWidget(self.summary)
        self.grid = QTableWidget(0, 4)
        self.grid.setHorizontalHeaderLabels(
            [wizard.tr("Row"), wizard.tr("Result"), wizard.tr("Name"), wizard.tr("Problems")]
        )
        self.grid.horizontalHeader().setStretchLastSection(True)
        self.box.addWidget(self.grid, 1)
        self.report_button = QPushButton(wizard.tr("Save &report…"))
        self.report_button.clicked.connect(self._save_report)
        self.box.addWidget(self.report_button)
        self.box.addWidget(self.error)

    def initializePage(self) -> None:
        plan = self.w.plan
        assert plan is not None
        self.summary.setText(
            self.w.tr("Nothing written yet: %1").replace("%1", str(summarise(plan, written=False)))
        )
        shown = plan.outcomes[:SHOWN_OUTCOMES]
        self.grid.setRowCount(len(shown))
        for r, o in enumerate(shown):
            texts = [str(o.number), o.action.value, o.label, "；".join(p.message for p in o.problems)]
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if o.action in _COLOURS:
                    item.setBackground(QColor(_COLOURS[o.action]))
                self.grid.setItem(r, c, item)
        self.grid.resizeColumnsToContents()

    def _save_report(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.w.tr("Save report"), "", "Excel (*.xlsx)")
        if name:
            self.w.save_report(Path(name))


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
        self.options = ImportOptions()
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
        page: _Page,
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

    def read(self, page: _Page, options: ImportOptions) -> bool:
        assert self.path is not None

        def keep(table: Table) -> None:
            self.table = table

        return self._then(page, read_table, self.path, self.kind, options, keep=keep)

    def check(self, page: _Page) -> bool:
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
            self.options,
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
