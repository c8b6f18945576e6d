"""绩效评价: the indicator sheet of the user's division for a chosen period, value against target
with met / not met at a glance; a click on a value lists the records behind it, a click on a
result lists the divisions and the records short of the target (to print or export and work
through); reporting completeness and period locks below."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import FpaError
from app.domain.periods import Period, half, parse_period, standard_periods
from app.domain.permissions import Permission
from app.domain.records.evaluation import DivisionValue, DrillRow, IndicatorSheet, IndicatorValue
from app.services import evaluation
from app.services.shared.export_xlsx import export_records
from app.services.shared.scope import allowed, root_code
from ui.evaluation import tables
from ui.evaluation.printing import print_list
from ui.models.rows_model import Column, RowsTableModel
from ui.shell import file_dialogs
from ui.shell.page import Page, PageContext
from ui.widgets.empty_state import EmptyState


def _table(model: RowsTableModel, stretch: int) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
    _stretch(view, stretch)
    return view


def _stretch(view: QTableView, column: int) -> None:
    """Columns fit their contents; the one naming the record takes the rest of the width."""
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if 0 <= column < header.count():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


# Buttons seen together need letters of their own: the sheet's, and those of the tab shown below it.
KEYS = {
    "sheet": (
        QT_TRANSLATE_NOOP("EvaluationPage", "&Print…"),
        QT_TRANSLATE_NOOP("EvaluationPage", "E&xport to Excel…"),
    ),
    "tab": (
        QT_TRANSLATE_NOOP("EvaluationPage", "P&rint…"),
        QT_TRANSLATE_NOOP("EvaluationPage", "Expor&t to Excel…"),
    ),
    "beside": (
        QT_TRANSLATE_NOOP("EvaluationPage", "Pri&nt…"),
        QT_TRANSLATE_NOOP("EvaluationPage", "&Export to Excel…"),
    ),
}


class ListPanel(QWidget):
    """A heading, a table and its Print / Export buttons."""

    def __init__(
        self,
        page: EvaluationPage,
        columns: list[Column],
        model: RowsTableModel | None = None,
        keys: str = "tab",
        empty_hint: str = "",
    ) -> None:
        super().__init__()
        self.page = page
        self.columns = columns
        self.model = model or RowsTableModel(columns)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        top = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        top.addWidget(self.heading, 1)
        print_text, export_text = KEYS[keys]
        self.print_button = QPushButton(page.tr(str(print_text)))
        self.export_button = QPushButton(page.tr(str(export_text)))
        top.addWidget(self.print_button)
        top.addWidget(self.export_button)
        layout.addLayout(top)
        self.view = _table(self.model, stretch=1)
        layout.addWidget(self.view)
        self.hint = EmptyState(self.view, empty_hint or page.tr("Nothing to list here."))
        self.print_button.clicked.connect(self.print_rows)
        self.export_button.clicked.connect(self.export_rows)

    def show_rows(self, heading: str, columns: list[Column], rows: Sequence[Any]) -> None:
        if [c.header for c in columns] != [c.header for c in self.columns]:
            self.columns = columns
            self.model = type(self.model)(columns)
            self.view.setModel(self.model)
            _stretch(self.view, 1)
        self.heading.setText(heading)
        self.model.set_rows(rows)
        self.hint.mark_ready()  # the model may be new: look at the one shown
        self.print_button.setEnabled(bool(rows))
        self.export_button.setEnabled(bool(rows))

    def rows(self) -> list[Any]:
        return [self.model.row_at(i) for i in range(self.model.rowCount())]

    def cells(self) -> tuple[list[str], list[list[Any]]]:
        return [c.header for c in self.columns], tables.export_cells(self.columns, self.rows())

    def print_rows(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec():
            headers, cells = self.cells()
            print_list(printer, self.heading.text(), self.page.subtitle(), headers, cells)

    def export_rows(self) -> None:
        path = file_dialogs.save_file(self.page, self.page.tr("Export to Excel"), "", "Excel (*.xlsx)")
        if path:
            self.page.export_to(str(path), self.heading.text(), *self.cells())


class EvaluationPage(Page):
    def __init__(
        self, context: PageContext, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(context, parent)
        self.title = self.tr("Performance evaluation")
        self.today = today or date.today()
        self.division_code = root_code(self.workspace)
        self.sheet: IndicatorSheet | None = None
        self.current: IndicatorValue | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)

        top = QHBoxLayout()
        heading = QLabel(self.title)
        heading.setObjectName("pageTitle")
        top.addWidget(heading)
        top.addSpacing(16)
        top.addWidget(QLabel(self.tr("Period:")))
        self.period_box = QComboBox()
        self.period_box.setEditable(True)  # a campaign window may be typed: 2026-05-01..2026-05-31
        self.period_box.setMinimumContentsLength(16)
        for y in (self.today.year, self.today.year - 1):
            for p in standard_periods(y):
                self.period_box.addItem(p.label, p.code)
        now = half(self.today.year, 1 if self.today.month <= 6 else 2)
        self.period_box.setCurrentIndex(max(0, self.period_box.findData(now.code)))
        top.addWidget(self.period_box)
        self.up_button = QPushButton(self.tr("&Back up a level"))
        self.up_button.hide()
        top.addWidget(self.up_button)
        top.addStretch(1)
        self.lock_button = QPushButton(self.tr("&Lock period…"))
        self.unlock_button = QPushButton(self.tr("&Unlock…"))
        may_lock = allowed(self.workspace, Permission.LOCK_PERIOD)
        for b in (self.lock_button, self.unlock_button):
            b.setVisible(may_lock)
            top.addWidget(b)
        layout.addLayout(top)
        self.summary = QLabel()
        self.summary.setObjectName("pageSubtitle")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        split = QSplitter(Qt.Orientation.Vertical)
        short_hint = self.tr("Nothing short of the target here: click a result marked 未达标 above.")
        self.sheet_panel = ListPanel(
            self,
            tables.sheet_columns(),
            tables.MetTableModel(tables.sheet_columns()),
            keys="sheet",
            empty_hint=self.tr("No indicators for this period: choose another period above."),
        )
        split.addWidget(self.sheet_panel)
        self.tabs = QTabWidget()
        counted = self.tr("No records counted in this value: click another value in the sheet above.")
        self.behind = ListPanel(self, tables.drill_columns(False), empty_hint=counted)
        division_columns = tables.division_columns("%")
        model = tables.MetTableModel(division_columns)
        self.short_divisions = ListPanel(self, division_columns, model, empty_hint=short_hint)
        drill = tables.drill_columns(False)
        self.short_records = ListPanel(self, drill, keys="beside", empty_hint=short_hint)
        short = QWidget()
        short_layout = QHBoxLayout(short)
        short_layout.setContentsMargins(0, 0, 0, 0)
        short_layout.addWidget(self.short_divisions, 1)
        short_layout.addWidget(self.short_records, 1)
        self.reporting = ListPanel(
            self,
            tables.reporting_columns(),
            empty_hint=self.tr("No division below reports to this one: their data come as bundles (同步)."),
        )
        self.locks = ListPanel(
            self,
            tables.lock_columns(),
            empty_hint=self.tr("No period is locked: once the data are checked, a lock keeps them."),
        )
        self.tabs.addTab(self.behind, self.tr("Records behind the value"))
        self.tabs.addTab(short, self.tr("Short of the target"))
        self.tabs.addTab(self.reporting, self.tr("Reporting"))
        self.tabs.addTab(self.locks, self.tr("Period locks"))
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)

        self.period_box.activated.connect(lambda _i: self.refresh())
        typed = self.period_box.lineEdit()
        if typed is not None:  # the box is editable, so it has one
            typed.returnPressed.connect(self.refresh)
        self.sheet_panel.view.clicked.connect(self._clicked)
        self.sheet_panel.view.selectionModel().currentRowChanged.connect(
            lambda cur, _p: self._select(cur.row())
        )
        self.short_divisions.view.doubleClicked.connect(self._open_division)
        self.up_button.clicked.connect(self._up)
        self.lock_button.clicked.connect(self.lock)
        self.unlock_button.clicked.connect(self.unlock)

    # --- reading -----------------------------------------------------------------------------

    def period(self) -> Period:
        text = self.period_box.currentText().strip()
        code = self.period_box.currentData()
        if code and self.period_box.itemText(self.period_box.currentIndex()) == text:
            return parse_period(str(code))
        return parse_period(text)

    def subtitle(self) -> str:
        if self.sheet is None:
            return ""
        return f"{self.sheet.division_name} · {self.sheet.period_label}"

    def _fail(self, exc: BaseException) -> None:
        self.summary.setText(exc.message if isinstance(exc, FpaError) else str(exc))

    def refresh(self) -> None:
        try:
            p = self.period()
        except FpaError as exc:
            self._fail(exc)
            return
        ws, code = self.workspace, self.division_code
        self.runner.run(
            evaluation.indicator_sheet,
            ws,
            code,
            p,
            today=self.today,
            on_done=self._show_sheet,
            on_error=self._fail,
        )
        self.runner.run(evaluation.reporting, ws, p, code, on_done=self._show_reporting, on_error=self._fail)
        self.runner.run(evaluation.list_locks, ws, code, on_done=self._show_locks, on_error=self._fail)

    def _show_sheet(self, sheet: IndicatorSheet) -> None:
        self.sheet = sheet
        met = sum(1 for v in sheet.values if v.met)
        short = sum(1 for v in sheet.values if v.met is False)
        self.summary.setText(
            self.tr("%1 · %2: %3 met, %4 not met. Click a value: its records; a result: who falls short.")
            .replace("%1", sheet.division_name)
            .replace("%2", sheet.period_label)
            .replace("%3", str(met))
            .replace("%4", str(short))
        )
        self.sheet_panel.show_rows(self.tr("Indicator sheet"), self.sheet_panel.columns, sheet.values)
        self.up_button.setVisible(self.division_code != root_code(self.workspace))
        if sheet.values:
            self.sheet_panel.view.selectRow(0)

    def _show_reporting(self, rows: list[Any]) -> None:
        reported = sum(1 for r in rows if r.status == "已报送")
        text = self.tr("Reporting: %1 of %2 have sent the whole period").replace("%1", str(reported))
        self.reporting.show_rows(text.replace("%2", str(len(rows))), tables.reporting_columns(), rows)

    def _show_locks(self, rows: list[Any]) -> None:
        self.locks.show_rows(self.tr("Locks of this division and above"), tables.lock_columns(), rows)
        p = self.sheet.period_code if self.sheet else None
        self._active_lock = next(
            (r for r in rows if r.active and r.period_code == p and r.division_code == self.division_code),
            None,
        )
        self.unlock_button.setEnabled(self._active_lock is not None)
        self.lock_button.setEnabled(self._active_lock is None)

    # --- drill-down ----------------------------------------------------------------------------

    def _clicked(self, index: QModelIndex) -> None:
        self._select(index.row())
        if index.column() in (tables.COL_TARGET, tables.COL_MET):
            self.tabs.setCurrentIndex(1)
        elif index.column() == tables.COL_VALUE:
            self.tabs.setCurrentIndex(0)

    def _select(self, row: int) -> None:
        if self.sheet is None or not 0 <= row < len(self.sheet.values):
            return
        v = self.current = self.sheet.values[row]
        ws, code, p = self.workspace, self.division_code, self.sheet.period_code
        run = self.runner.run
        run(evaluation.records_behind, ws, v.code, code, p, today=self.today,
            on_done=lambda rows: self._show_behind(v, rows), on_error=self._fail)  # fmt: skip
        run(evaluation.division_values, ws, v.code, code, p, today=self.today,
            on_done=lambda rows: self._show_divisions(v, rows), on_error=self._fail)  # fmt: skip
        run(evaluation.records_short, ws, v.code, code, p, today=self.today,
            on_done=lambda rows: self._show_short(v, rows), on_error=self._fail)  # fmt: skip

    def _show_behind(self, v: IndicatorValue, rows: list[DrillRow]) -> None:
        heading = self.tr("%1: the %2 records counted").replace("%1", v.name).replace("%2", str(len(rows)))
        self.behind.show_rows(heading, tables.drill_columns(v.numerator_is_money), rows)

    def _show_divisions(self, v: IndicatorValue, rows: list[DivisionValue]) -> None:
        rows = sorted(rows, key=lambda r: (r.met is not False, r.value if r.value is not None else 1e18))
        missing = sum(1 for r in rows if r.met is False)
        heading = self.tr("%1: %2 divisions below miss the target (double-click one to open its sheet)")
        self.short_divisions.show_rows(
            heading.replace("%1", v.name).replace("%2", str(missing)), tables.division_columns(v.unit), rows
        )

    def _show_short(self, v: IndicatorValue, rows: list[DrillRow]) -> None:
        heading = (
            self.tr("%1: %2 records to work through").replace("%1", v.name).replace("%2", str(len(rows)))
        )
        if not v.lists_records:
            heading = self.tr("%1 is not a share of records: see the divisions").replace("%1", v.name)
        self.short_records.show_rows(heading, tables.drill_columns(False), rows)

    def _open_division(self, index: QModelIndex) -> None:
        row = self.short_divisions.model.row_at(index.row())
        self.division_code = row.division_code
        self.refresh()

    def _up(self) -> None:
        self.division_code = root_code(self.workspace)
        self.refresh()

    # --- actions -------------------------------------------------------------------------------

    def export_to(self, path: str, title: str, headers: list[str], cells: list[list[Any]]) -> None:
        full = f"{title}（{self.subtitle()}）"
        done = self.tr("Exported %1 rows.")
        self.runner.run(
            export_records,
            self.workspace,
            path,
            full[:80],
            headers,
            cells,
            on_done=lambda n: self.summary.setText(done.replace("%1", str(n))),
            on_error=self._fail,
        )

    def lock(self) -> None:
        if self.sheet is None:
            return
        self._act(evaluation.lock_period, self.workspace, self.sheet.period_code, self.division_code)

    def unlock(self) -> None:
        lock = getattr(self, "_active_lock", None)
        if lock is None:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Unlock period"), self.tr("Reason for unlocking:"))
        if ok:
            self._act(evaluation.unlock_period, self.workspace, lock.id, reason)

    def _act(self, fn: Callable[..., Any], *args: Any) -> None:
        self.runner.run(fn, *args, on_done=lambda _r: self.refresh(), on_error=self._fail)
