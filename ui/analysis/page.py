"""数据分析 (一屏掌控): headline cards, four charts that open the list behind a bar, the standard tables.

The figures come from ``app.services.analysis`` as plain rows, read in the task runner; the charts
are matplotlib figures on its Qt canvas (``ui.analysis.charts`` draws them, the same code that
writes a PNG or a PDF). A click on a township's bar lists its families not yet visited in the
period, on a month the visits of that month, on a project its payments.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from matplotlib.backend_bases import PickEvent
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import FpaError
from app.domain.periods import parse_period
from app.domain.records.dashboard import Dashboard, DrillFamily, DrillPayment
from app.domain.records.reports import ReportTable, shown_text
from app.services import analysis
from ui.analysis import charts
from ui.analysis.parts import DrillDialog, FigureCard
from ui.shell import file_dialogs
from ui.shell.page import Page, PageContext

CARD_COUNT = 6


def period_choices(today: date) -> list[str]:
    """This year and its halves, then last year's: the periods the association reports on."""
    y = today.year
    return [f"{y}", f"{y}H1", f"{y}H2", f"{y - 1}", f"{y - 1}H1", f"{y - 1}H2", f"{y - 2}"]


class AnalysisPage(Page):
    def __init__(
        self, context: PageContext, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(context, parent)
        self.title = self.tr("Data analysis")
        self.today = today or date.today()
        self.data: Dashboard | None = None
        self.dialog: DrillDialog | None = None
        self._last_click: Any = None
        outer = QVBoxLayout(self)  # the page scrolls on a small screen instead of squeezing the cards
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(8)
        layout.addLayout(self._header())
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        layout.addWidget(self.message)
        cards = QHBoxLayout()
        cards.setSpacing(8)
        self.cards = [FigureCard() for _ in range(CARD_COUNT)]
        for card in self.cards:
            cards.addWidget(card)
        layout.addLayout(cards)
        grid = QGridLayout()
        grid.setSpacing(8)
        self.figures = {key: charts.new_figure() for key in ("coverage", "trend", "funds", "year_on_year")}
        self.canvases: dict[str, FigureCanvasQTAgg] = {}
        for i, (key, figure) in enumerate(self.figures.items()):
            canvas = FigureCanvasQTAgg(figure)  # type: ignore[no-untyped-call]  # matplotlib's Qt backend is untyped
            canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            canvas.setMinimumSize(300, 190)
            canvas.mpl_connect("pick_event", self._picked)
            self.canvases[key] = canvas
            grid.addWidget(canvas, i // 2, i % 2)
        layout.addLayout(grid, 1)
        hint = QLabel(self.tr("Click a bar to see the records behind it."))
        hint.setObjectName("hint")
        layout.addWidget(hint)

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        heading = QLabel(self.title)
        heading.setObjectName("pageTitle")
        row.addWidget(heading)
        self.place = QLabel()
        self.place.setObjectName("pageSubtitle")
        row.addWidget(self.place)
        row.addStretch(1)
        row.addWidget(QLabel(self.tr("Period")))
        self.period = QComboBox()
        for code in period_choices(self.today):
            self.period.addItem(parse_period(code).label, code)
        self.period.currentIndexChanged.connect(self.refresh)
        row.addWidget(self.period)
        row.addSpacing(16)
        self.table = QComboBox()
        for code, title in analysis.report_choices():
            self.table.addItem(title, code)
        self.table.setAccessibleName(self.tr("Standard table"))
        row.addWidget(self.table)
        self.export_button = QPushButton(self.tr("E&xport table to Excel"))
        self.export_button.clicked.connect(self.choose_export_file)
        row.addWidget(self.export_button)
        return row

    def period_code(self) -> str:
        return str(self.period.currentData())

    # --- figures ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.runner.run(
            analysis.dashboard,
            self.workspace,
            None,
            self.period_code(),
            on_done=self.show_dashboard,
            on_error=self._failed,
        )

    def show_dashboard(self, data: Dashboard) -> None:
        self.data = data
        self.place.setText(f"{data.division_name} · {data.period_label}")
        for card, figure in zip(self.cards, data.cards, strict=False):
            card.show_card(figure, data.previous_label)
        charts.draw_coverage(self.figures["coverage"], data.coverage)
        charts.draw_trend(self.figures["trend"], data.trend)
        charts.draw_funds(self.figures["funds"], data.funds)
        charts.draw_year_on_year(self.figures["year_on_year"], data.year_on_year)
        # Drawn here and now rather than with draw_idle: the figures are what the user waits for,
        # and an idle draw after an explicit one would draw every chart twice.
        self.draw_now()

    def draw_now(self) -> None:
        for canvas in self.canvases.values():
            canvas.draw()  # type: ignore[no-untyped-call]  # matplotlib's Qt backend is untyped

    # --- drill-down ---------------------------------------------------------------------------------

    def _picked(self, event: PickEvent) -> None:
        if event.mouseevent is self._last_click:  # overlapping bars: one click, one list
            return
        self._last_click = event.mouseevent
        gid = event.artist.get_gid()
        if gid:
            self.open_drill(str(gid))

    def open_drill(self, gid: str) -> None:
        """Open the list behind the bar ``kind:key`` (division:<code>, month:<yyyy-mm>, project:<id>)."""
        kind, _, key = gid.partition(":")
        period = self.period_code()
        if kind == "division":
            self.runner.run(
                analysis.families_behind,
                self.workspace,
                key,
                period,
                on_done=lambda rows: self._families(key, rows),
                on_error=self._failed,
            )
        elif kind == "month":
            self.runner.run(
                analysis.build_report,
                self.workspace,
                "visits",
                None,
                key,
                on_done=self._visits,
                on_error=self._failed,
            )
        elif kind == "project":
            self.runner.run(
                analysis.payments_behind,
                self.workspace,
                key,
                period,
                on_done=lambda rows: self._payments(key, rows),
                on_error=self._failed,
            )

    def _families(self, code: str, rows: list[DrillFamily]) -> None:
        bar = next((b for b in (self.data.coverage if self.data else ()) if b.code == code), None)
        name = bar.name if bar else code
        title = self.tr("%1: families not visited in %2").replace("%1", name).replace("%2", self._label())
        summary = self.tr("%1 of %2 registered special families have had no visit or contact in this period.")
        summary = summary.replace("%1", str(len(rows))).replace("%2", str(bar.registered if bar else "—"))
        columns = [
            (self.tr("Township"), lambda r: r.township),
            (self.tr("Village"), lambda r: r.village),
            (self.tr("Head of family"), lambda r: r.head_name),
            (self.tr("Category"), lambda r: r.category),
            (self.tr("Phone"), lambda r: r.phone),
            (self.tr("Last visit"), lambda r: r.last_visit_on),
        ]
        self._show_dialog(title, summary, columns, rows)

    def _visits(self, table: ReportTable) -> None:
        keys = ("township", "village", "head", "visited_on", "occasion", "way", "total")
        index = [table.column_index(k) for k in keys]
        columns = [(table.columns[i].title, lambda r, i=i: shown_text(table.columns[i], r[i])) for i in index]
        self._show_dialog(
            f"{table.title} · {table.period_label}",
            table.notes[0] if table.notes else "",
            columns,
            table.rows,
        )

    def _payments(self, project_id: str, rows: list[DrillPayment]) -> None:
        bar = next((p for p in (self.data.funds if self.data else ()) if p.project_id == project_id), None)
        title = self.tr("%1: payments").replace("%1", bar.name if bar else "")
        paid = sum(r.amount_fen for r in rows)
        summary = (
            self.tr("%1 payments, %2 yuan in all.")
            .replace("%1", str(len(rows)))
            .replace("%2", f"{paid / 100:,.2f}")
        )
        columns = [
            (self.tr("Paid on"), lambda r: r.paid_on),
            (self.tr("Township"), lambda r: r.township),
            (self.tr("Village"), lambda r: r.village),
            (self.tr("Beneficiary"), lambda r: r.name),
            (self.tr("Amount (yuan)"), lambda r: f"{r.amount_fen / 100:,.2f}"),
            (self.tr("Method"), lambda r: r.method),
        ]
        self._show_dialog(title, summary, columns, rows)

    def _show_dialog(self, title: str, summary: str, columns: list[tuple[str, Any]], rows: Any) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = DrillDialog(self.workspace, self.runner, title, summary, columns, rows, self)
        self.dialog.show()

    def _label(self) -> str:
        return self.data.period_label if self.data else self.period_code()

    # --- standard tables ----------------------------------------------------------------------------

    def choose_export_file(self) -> None:
        title = self.table.currentText()
        suggested = f"{title}-{self.period_code()}.xlsx"
        path = file_dialogs.save_file(
            self, self.tr("Export table to Excel"), suggested, self.tr("Excel workbook (*.xlsx)")
        )
        if path:
            self.export_table(str(self.table.currentData()), path)

    def export_table(self, code: str, path: Path) -> None:
        self.export_button.setEnabled(False)
        self.runner.run(
            _build_and_export,
            self.workspace,
            code,
            self.period_code(),
            path,
            on_done=self._exported,
            on_error=self._failed,
        )

    def _exported(self, written: Path) -> None:
        self.export_button.setEnabled(True)
        self._say(self.tr("Table written to %1").replace("%1", str(written)))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1f4e79;")
        self.message.setVisible(bool(text))

    def _failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        if isinstance(exc, FpaError):
            self._say(exc.message, error=True)
            return
        raise exc


def _build_and_export(ws: Any, code: str, period: str, path: Path) -> Path:
    """One task: build the table for the user's division and write it (masked for the role)."""
    return analysis.export_report(ws, analysis.build_report(ws, code, None, period), path)
