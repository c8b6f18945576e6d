"""项目服务's 导入名单… and 导入发放记录…: the chosen project's reported list or payments from a sheet.

A mixin of the projects page, like the notice printing: the import wizard does the rest (file →
sheet → header → columns → preview → import); the list reloads once rows were written.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from app.services.projects.imports import BeneficiaryImport, PaymentImport
from app.services.shared.imports import ImportKindBase
from app.services.shared.scope import can_write
from ui.shell.page import Page
from ui.widgets.import_wizard import ImportWizard
from ui.widgets.record_list import RecordList


class ImportsProjectLists(Page):
    beneficiaries: RecordList  # built by the page
    payments: RecordList

    def project_id(self) -> str | None:
        raise NotImplementedError  # the page's own: the project shown below its list

    def reload_detail(self) -> None:
        raise NotImplementedError  # the page's own: the detail and both sublists again

    def add_import_buttons(self) -> None:
        self.import_list_button = QPushButton(self.tr("&Import…"))
        self.import_list_button.setToolTip(
            self.tr("The reported list from an Excel or CSV sheet, with a report")
        )
        self.beneficiaries.add_action(self.import_list_button)
        self.import_payments_button = QPushButton(self.tr("Import payments (&U)…"))
        self.import_payments_button.setToolTip(
            self.tr("Payments from an Excel or CSV sheet; each must be to someone on the list")
        )
        self.payments.add_action(self.import_payments_button)
        for button in (self.import_list_button, self.import_payments_button):
            button.setVisible(can_write(self.context.workspace))
        self.import_list_button.clicked.connect(lambda: self.import_sheet(of_payments=False))
        self.import_payments_button.clicked.connect(lambda: self.import_sheet(of_payments=True))

    def import_sheet(self, *, of_payments: bool) -> ImportWizard | None:
        project_id = self.project_id()
        if project_id is None:
            return None
        kind: ImportKindBase = PaymentImport(project_id) if of_payments else BeneficiaryImport(project_id)
        wizard = ImportWizard(self.context.workspace, kind, self.context.runner, self)
        wizard.imported.connect(lambda _summary: self.reload_detail())
        wizard.open()
        return wizard
