"""系统管理 → 档案编号规则: how a new family left without a 档案编号 is numbered.

The county sets the rule here (checked as it is typed, with an example of the first number);
its setup packages carry it to the townships, which show it without the means to change it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.errors import FpaError
from app.domain.family_numbers import DEFAULT_RULE, parse_rule, rule_problem
from app.services.families import numbering
from ui.shell.page import PageContext
from ui.widgets.fields import ERROR_COLOUR


class NumberingPanel(QGroupBox):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setTitle(self.tr("File numbers of new families"))
        ws = context.workspace
        self.editable = numbering.may_set_rule(ws)
        layout = QVBoxLayout(self)
        help_text = QLabel(
            self.tr(
                "A family saved with a blank file no. gets one by this rule: {county}, {township} or "
                "{village} (its division code), {year}, and {seq:4} (a running number of 4 digits)."
            )
            if self.editable
            else self.tr("The county sets this rule; it arrives with the county's setup package.")
        )
        help_text.setWordWrap(True)
        help_text.setObjectName("hint")
        layout.addWidget(help_text)
        row = QHBoxLayout()
        self.rule = QLineEdit()
        self.rule.setPlaceholderText(DEFAULT_RULE)
        self.rule.setReadOnly(not self.editable)
        self.rule.setAccessibleName(self.tr("Numbering rule"))
        self.save_button = QPushButton(self.tr("Save ru&le"))
        self.save_button.setVisible(self.editable)
        row.addWidget(self.rule, 1)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self.example = QLabel()
        self.example.setWordWrap(True)
        layout.addWidget(self.example)
        self.village = ("", "")
        self.rule.textChanged.connect(self._check)
        self.save_button.clicked.connect(self.save)

    def reload(self) -> None:
        ws = self.context.workspace
        self.context.runner.run(
            lambda: (numbering.family_no_rule(ws), numbering.example_village(ws)), on_done=self._loaded
        )

    def _loaded(self, found: tuple[str, tuple[str, str]]) -> None:
        rule, self.village = found
        self.rule.setText(rule)
        self._check()

    def _check(self) -> None:
        text = self.rule.text()
        problem = rule_problem(text)
        if problem is None:
            code, name = self.village
            number = parse_rule(text).number(code, date.today().year, 1)
            shown = f"{name}：{number}" if name else number
            self._say(self.tr("The first family of the year: %1").replace("%1", shown))
        else:
            self._say(problem, error=True)
        self.save_button.setEnabled(problem is None and self.editable)

    def save(self) -> None:
        try:
            stored = numbering.set_family_no_rule(self.context.workspace, self.rule.text())
        except FpaError as exc:
            self._say(exc.message, error=True)
            return
        self.rule.setText(stored)
        self._say(self.tr("Saved. Setup packages issued from now on carry this rule to the townships."))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.example.setText(text)
        self.example.setStyleSheet(f"color: {ERROR_COLOUR};" if error else "")
