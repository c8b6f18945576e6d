"""The import wizard's five pages: file, sheet, header row, column mapping, preview with problems."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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
    QWizardPage,
)

from app.domain.errors import FpaError
from app.services.shared.imports import (
    ImportKindBase,
    ImportOptions,
    Plan,
    RowAction,
    Table,
    open_workbook,
    remember_mapping,
    remembered_mapping,
    summarise,
)
from app.services.shared.imports.cells import as_text
from ui.shell import file_dialogs

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


class ImportPage(QWizardPage):
    def __init__(self, wizard: ImportSteps, title: str) -> None:
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


class FilePage(ImportPage):
    def __init__(self, wizard: ImportSteps) -> None:
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
        name = file_dialogs.open_file(
            self, self.w.tr("Choose the file"), self.w.tr("Spreadsheets (*.xlsx *.xls *.ods *.csv *.et)")
        )
        if name:
            self.path.setText(str(name))

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


class SheetPage(ImportPage):
    def __init__(self, wizard: ImportSteps) -> None:
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
        self.w.import_options = ImportOptions(
            sheet=self.sheet.currentData(), skip_hidden=self.skip_hidden.isChecked()
        )
        return self.w.read(self, ImportOptions(sheet=self.w.import_options.sheet))


class HeaderPage(ImportPage):
    def __init__(self, wizard: ImportSteps) -> None:
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


class MappingPage(ImportPage):
    def __init__(self, wizard: ImportSteps) -> None:
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
        self.w.import_options.header_row = table.layout.header_start
        self.w.import_options.mapping = mapping
        return self.w.check(self)


class PreviewPage(ImportPage):
    def __init__(self, wizard: ImportSteps) -> None:
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
        name = file_dialogs.save_file(self, self.w.tr("Save report"), "", "Excel (*.xlsx)")
        if name:
            self.w.save_report(name)


class ImportSteps(Protocol):
    """What the pages need of their wizard (``ImportWizard``), so they do not import it."""

    kind: ImportKindBase
    path: Path | None
    book_sheets: list[Any]
    import_options: ImportOptions
    table: Table | None
    plan: Plan | None

    def tr(self, text: str) -> str: ...

    def read(self, page: ImportPage, options: ImportOptions) -> bool: ...

    def check(self, page: ImportPage) -> bool: ...

    def save_report(self, path: Path) -> Path: ...
