"""Record a visit (走访慰问) or an emotional-support contact (精神慰藉), often from a paper form.

Date, kind, occasion, way, visitors, cash in yuan with its fund source, goods lines (item,
quantity, unit, value), needs raised, follow-up, the paper form's number. Same keyboard and
draft behaviour as every form (``DraftDialog``): the draft's key is the family, so an unfinished
visit of a family is offered back when a visit for that family is opened again.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import FundSource, VisitKind, VisitOccasion, VisitWay
from app.domain.errors import UserInputError
from app.domain.records.families import GoodsLine, VisitInput
from app.domain.validation import Issue, error, format_fen, parse_money_to_fen
from app.services.families import visits
from ui.shell.page import PageContext
from ui.widgets.draft_dialog import DraftDialog
from ui.widgets.empty_state import EmptyState
from ui.widgets.fields import ERROR_COLOUR, ChoiceField, Field, TextField
from ui.widgets.value_fields import DateField, MoneyField

GOODS_COLUMNS = 4  # item, quantity, unit, value (yuan)


class VisitForm(DraftDialog):
    draft_kind = "visit"
    help_topic = "visit_form"

    def __init__(
        self, context: PageContext, family_id: str, family_name: str, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, parent)
        self.family_id = family_id
        self.family_name = family_name
        self.setWindowTitle(self.tr("Record a visit: %1").replace("%1", family_name))

        self.visited_on = DateField("visited_on", self.tr("Visit date"), required=True)
        self.kind = self._choice("kind", self.tr("kind"), [(k.value, k.value) for k in VisitKind])
        self.occasion = self._choice(
            "occasion", self.tr("occasion"), [(o.value, o.value) for o in VisitOccasion]
        )
        self.way = self._choice("way", self.tr("way"), [(w.value, w.value) for w in VisitWay])
        self.visitors = TextField("visitors", self.tr("Visitors"), required=True, max_length=120)
        self.visitors.edit.setPlaceholderText(self.tr("Names, separated by 、"))
        self.cash = MoneyField("cash_fen", self.tr("Cash"))
        self.fund_source = self._choice(
            "fund_source", self.tr("fund source"), [("", None)] + [(f.value, f.value) for f in FundSource]
        )
        self.needs = TextField("needs_raised", self.tr("Needs raised"))
        self.follow_up = TextField("follow_up", self.tr("Follow-up"))
        self.form_number = TextField("form_number", self.tr("Paper form number"), max_length=40)
        self.note = TextField("note", self.tr("Note"))
        self.fields: dict[str, Field] = {
            f.field: f
            for f in (
                self.visited_on,
                self.visitors,
                self.cash,
                self.needs,
                self.follow_up,
                self.form_number,
                self.note,
            )
        }
        self.choices = {c.field: c for c in (self.kind, self.occasion, self.way, self.fund_source)}

        self.goods = QTableWidget(0, GOODS_COLUMNS)
        self.goods.setHorizontalHeaderLabels(
            [self.tr("Item"), self.tr("Quantity"), self.tr("Unit"), self.tr("Value (yuan)")]
        )
        self.goods.verticalHeader().setVisible(False)
        self.goods.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.goods.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.goods.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.goods.setMinimumHeight(90)
        EmptyState(self.goods, self.tr("No goods handed over? Leave it empty."), ready=True)
        self.goods_note = QLabel()
        self.goods_note.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.goods_note.setVisible(False)
        add = QPushButton(self.tr("Add &goods line"))
        remove = QPushButton(self.tr("Remove goods &line"))
        add.clicked.connect(lambda: self.add_goods_line())
        remove.clicked.connect(self.remove_goods_line)
        self.goods.itemChanged.connect(lambda _item: self._goods_changed())

        form = QWidget()
        grid = QGridLayout(form)
        pairs: Sequence[tuple[int, int, str, QWidget, int]] = (
            (0, 0, self.tr("&Date"), self.visited_on, 1),
            (0, 2, self.tr("&Kind"), self.kind, 1),
            (1, 0, self.tr("&Occasion"), self.occasion, 1),
            (1, 2, self.tr("&Way"), self.way, 1),
            (2, 0, self.tr("V&isitors"), self.visitors, 3),
            (3, 0, self.tr("&Cash"), self.cash, 1),
            (3, 2, self.tr("&Fund source"), self.fund_source, 1),
            (5, 0, self.tr("&Needs raised"), self.needs, 3),
            (6, 0, self.tr("Follow-&up"), self.follow_up, 3),
            (7, 0, self.tr("&Paper form no."), self.form_number, 1),
            (7, 2, self.tr("No&te"), self.note, 1),
        )
        for row, col, text, widget, span in pairs:
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, row, col)
            grid.addWidget(widget, row, col + 1, 1, span)
        goods_box = QGroupBox(self.tr("Goods handed over"))
        goods_layout = QVBoxLayout(goods_box)
        goods_layout.addWidget(self.goods)
        goods_layout.addWidget(self.goods_note)
        goods_buttons = QHBoxLayout()
        goods_buttons.addWidget(add)
        goods_buttons.addWidget(remove)
        goods_buttons.addStretch(1)
        self.goods_total = QLabel()
        goods_buttons.addWidget(self.goods_total)
        goods_layout.addLayout(goods_buttons)
        grid.addWidget(goods_box, 4, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        scroll = QScrollArea()
        scroll.setWidget(form)
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Family: %1").replace("%1", family_name)))
        layout.addWidget(scroll, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

        for f in self.fields.values():
            f.changed.connect(self.changed)
        for c in self.choices.values():
            c.changed.connect(self.changed)
        self.kind.combo.currentIndexChanged.connect(lambda _i: self._kind_chosen())
        chain: list[QWidget] = [
            self.visited_on,
            self.kind,
            self.occasion,
            self.way,
            self.visitors,
            self.cash,
            self.fund_source,
            self.goods,
            add,
            remove,
            self.needs,
            self.follow_up,
            self.form_number,
            self.note,
        ]
        for first, second in itertools.pairwise(chain):
            # Compound fields hand the focus to their editor: order the editors themselves.
            QWidget.setTabOrder(first.focusProxy() or first, second.focusProxy() or second)
        self.fit_to_screen(820, 600)
        self.start_new()

    def _choice(self, field: str, label: str, options: Sequence[tuple[str, Any]]) -> ChoiceField:
        choice = ChoiceField(field, label)
        for text, value in options:
            choice.combo.addItem(text, value)
        return choice

    def _kind_chosen(self) -> None:
        # A phone call of 精神慰藉 is the usual case; a visit with gifts is usually at home.
        if self._loading:
            return
        if self.kind.value() == VisitKind.EMOTIONAL_SUPPORT.value and self.way.value() == VisitWay.HOME.value:
            self.way.set_value(VisitWay.PHONE.value)

    # --- goods lines -----------------------------------------------------------------------------------

    def add_goods_line(self, line: GoodsLine | None = None) -> None:
        row = self.goods.rowCount()
        with self.loading():
            self.goods.blockSignals(True)
            self.goods.insertRow(row)
            values = ["", "1", "", ""] if line is None else self._line_texts(line)
            for col, value in enumerate(values):
                self.goods.setItem(row, col, QTableWidgetItem(value))
            self.goods.blockSignals(False)
        self.goods.setCurrentCell(row, 0)
        self._goods_changed()

    @staticmethod
    def _line_texts(line: GoodsLine) -> list[str]:
        return [
            line.item,
            str(line.quantity),
            line.unit,
            format_fen(line.value_fen) if line.value_fen else "",
        ]

    def remove_goods_line(self) -> None:
        row = self.goods.currentRow()
        if row >= 0:
            self.goods.removeRow(row)
            self._goods_changed()

    def goods_rows(self) -> list[list[str]]:
        return [[self._goods_text(r, c) for c in range(GOODS_COLUMNS)] for r in range(self.goods.rowCount())]

    def _goods_text(self, row: int, col: int) -> str:
        item = self.goods.item(row, col)
        return item.text().strip() if item is not None else ""

    def goods_lines(self) -> tuple[list[GoodsLine], list[Issue]]:
        lines: list[GoodsLine] = []
        issues: list[Issue] = []
        for i, (item, quantity, unit, value) in enumerate(self.goods_rows()):
            if not (item or value):
                continue
            try:
                count = int(quantity or "1")
            except ValueError:
                issues.append(
                    error(
                        f"goods.{i}.quantity",
                        self.tr("Line %1: the quantity is a whole number").replace("%1", str(i + 1)),
                    )
                )
                count = 0
            try:
                fen = parse_money_to_fen(value) if value else 0
            except UserInputError as exc:
                issues.append(
                    error(
                        f"goods.{i}.value_fen",
                        self.tr("Line %1: %2").replace("%1", str(i + 1)).replace("%2", exc.message),
                    )
                )
                fen = 0
            lines.append(GoodsLine(item, count, unit, fen))
        return lines, issues

    def _goods_changed(self) -> None:
        lines, issues = self.goods_lines()
        self.goods_note.setText("\n".join(i.message for i in issues))
        self.goods_note.setVisible(bool(issues))
        total = sum(line.value_fen for line in lines)
        self.goods_total.setText(
            self.tr("Goods worth %1 yuan").replace("%1", format_fen(total)) if lines else ""
        )
        self.changed()

    # --- DraftDialog -------------------------------------------------------------------------------------

    def draft_key(self) -> str:
        return self.family_id

    def draft_title(self) -> str:
        return self.tr("Visit: %1").replace("%1", self.family_name)

    def start_new(self) -> None:
        with self.loading():
            for f in self.fields.values():
                f.set_text("")
            self.visited_on.set_date(date.today())
            for c in self.choices.values():
                c.combo.setCurrentIndex(0)
            self.occasion.set_value(VisitOccasion.ROUTINE.value)
            self.goods.setRowCount(0)
        self.add_goods_line()
        self.mark_clean()
        self.offer_draft()
        self.visited_on.setFocus()

    def form_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {name: f.text() for name, f in self.fields.items()}
        data.update({name: c.value() for name, c in self.choices.items()})
        data["goods"] = self.goods_rows()
        return data

    def apply_data(self, data: dict[str, Any]) -> None:
        for name, f in self.fields.items():
            f.set_text(str(data.get(name) or ""))
        for name, c in self.choices.items():
            c.set_value(data.get(name))
        self.goods.setRowCount(0)
        for row in data.get("goods") or []:
            texts = [str(v) for v in row][:GOODS_COLUMNS]
            self.add_goods_line()
            for col, text in enumerate(texts):
                item = self.goods.item(self.goods.rowCount() - 1, col)
                assert item is not None  # add_goods_line puts an item in every cell
                item.setText(text)

    def visit_input(self) -> VisitInput:
        source = self.fund_source.value()
        return VisitInput(
            family_id=self.family_id,
            visited_on=self.visited_on.date(),
            occasion=VisitOccasion(self.occasion.value()),
            way=VisitWay(self.way.value()),
            visitors=self.visitors.text(),
            kind=VisitKind(self.kind.value()),
            cash_fen=self.cash.fen() or 0,
            fund_source=FundSource(source) if source else None,
            goods=tuple(self.goods_lines()[0]),
            needs_raised=self.needs.text(),
            follow_up=self.follow_up.text(),
            form_number=self.form_number.text(),
            note=self.note.text(),
        )

    def local_issues(self) -> list[Issue]:
        found: list[Issue] = []
        for f in self.fields.values():
            found += f.validate()
        return found + self.goods_lines()[1]

    def save_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return visits.record_visit, (self.context.workspace, self.visit_input())

    def show_issues(self, issues: Sequence[Issue]) -> None:
        for name, f in self.fields.items():
            f.show_issues([i for i in issues if i.field == name])
        for name, c in self.choices.items():
            c.show_issues([i for i in issues if i.field == name])
        goods = [i for i in issues if i.field.startswith("goods.")]
        if goods:
            self.goods_note.setText("\n".join(i.message for i in goods))
            self.goods_note.setVisible(True)

    def focus_issue(self, issue: Issue) -> None:
        target: QWidget | None = self.fields.get(issue.field) or self.choices.get(issue.field)
        if target is None and issue.field.startswith("goods."):
            target = self.goods
        if target is not None:
            target.setFocus()
