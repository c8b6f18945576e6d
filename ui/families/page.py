"""特殊家庭: the family list with its filters, and the actions on a family (new, edit, visit, delete).

The list is a ``RecordList`` over ``families.list_family_ids`` / ``load_family_rows``: filtered
and sorted in SQL, rows loaded a page at a time, ID numbers masked. ``apply_filter`` lets the
home page open the list narrowed to the families missing a part of 三个全覆盖 (``missing=
"contact" | "doctor" | "green_channel" | "visit"``), a status, a category, a division or a search;
``open_draft(kind, key)`` reopens an unfinished form listed on the home page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import FamilyCategory, FamilyStatus
from app.domain.errors import FpaError
from app.domain.records.families import (
    MISSING_CONTACT,
    MISSING_DOCTOR,
    MISSING_GREEN_CHANNEL,
    MISSING_VISIT,
    FamilyFilter,
    FamilyRow,
)
from app.services import families
from app.services.shared.scope import can_write
from ui.families.claims import ClaimForm
from ui.families.family_form import FamilyForm
from ui.families.insurance import PolicyForm
from ui.families.page_drafts import ReopensRecordDrafts
from ui.families.printing import PrintsVisitForms
from ui.families.samples import SampleForms
from ui.families.visit_form import VisitForm
from ui.families.volunteer_services import VolunteerServiceForm
from ui.models.lazy_table import LazyColumn, date_column, money_column, yes_no_column
from ui.shell.page import Page, PageContext
from ui.widgets.list_reveal import RevealSaved
from ui.widgets.record_list import FilterSpec, ListQuery, RecordList
from ui.widgets.scan_entry import ScanEntry

if TYPE_CHECKING:
    from ui.widgets.import_wizard import ImportWizard


class FamiliesPage(SampleForms, PrintsVisitForms, ReopensRecordDrafts, Page):
    screenshot_dialogs: ClassVar[tuple[str, ...]] = ("family_form", "visit_form")

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.title = self.tr("Special families")
        self.forms: list[Any] = []  # open forms, kept so tests and the page can reach them
        ws = context.workspace
        self.list = RecordList(
            context.runner,
            self._columns(),
            workspace=ws,
            list_ids=self._list_ids,
            fetch_rows=lambda ids: families.load_family_rows(ws, ids),
            filters=self._filters(),
            divisions=lambda: families.family_divisions(ws),
            settings_key="families",
            export_title=self.tr("Special families"),
            count_text=lambda n: self.tr("%1 families").replace("%1", f"{n:,}"),
            default_sort=("registered_on", True),
            search_hint=self.tr("Search: name, pinyin initials (zs), ID number, phone (Ctrl+F)"),
            empty_hint=self.tr("No special families yet. Click “New family” (Ctrl+N) to register the first, "
            "or “Import roster…” to read the county's Excel list.") if can_write(ws) else "",
        )
        self.new_button = QPushButton(self.tr("&New family"))
        self.new_button.setToolTip("Ctrl+N")
        self.edit_button = QPushButton(self.tr("&Edit"))
        self.edit_button.setToolTip(self.tr("Enter or double-click"))
        self.visit_button = QPushButton(self.tr("Record &visit"))
        self.visit_button.setToolTip("Ctrl+R")
        self.delete_button = QPushButton(self.tr("&Mark deleted"))
        self.delete_button.setToolTip("Delete")
        self.print_button = QPushButton(self.tr("&Print visit forms…"))
        self.print_button.setToolTip(
            self.tr("Visit forms for the selected families, or for the registered ones in the list")
        )
        self.blank_button = QPushButton(self.tr("Print &blank forms…"))
        self.blank_button.setToolTip(self.tr("Visit forms with no family, each with its own number"))
        self.import_button = QPushButton(self.tr("&Import roster…"))
        self.import_button.setToolTip(self.tr("Families from a county's Excel or CSV roster, with a report"))
        for button in (
            self.new_button,
            self.edit_button,
            self.visit_button,
            self.delete_button,
            self.print_button,
        ):
            self.list.add_action(button)
        for button in (self.new_button, self.visit_button, self.delete_button):
            button.setVisible(can_write(ws))  # 只读查看: the services refuse it anyway; do not offer it
        self.scan = ScanEntry(ws)
        self.scan.found.connect(self.visit_from_form)
        top = QHBoxLayout()  # paper coming back and blank paper going out, above the list
        top.addWidget(self.scan, 1)
        top.addWidget(self.blank_button)
        top.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        self.import_button.setVisible(can_write(ws))  # after it has a parent: else it shows as a window
        layout.addWidget(self.list, 1)
        self.reveal = RevealSaved(self.list)

        self.new_button.clicked.connect(lambda: self.new_family())
        self.edit_button.clicked.connect(lambda: self.edit_family())
        self.visit_button.clicked.connect(lambda: self.record_visit())
        self.delete_button.clicked.connect(lambda: self.mark_deleted())
        self.print_button.clicked.connect(lambda: self.print_visit_forms())
        self.blank_button.clicked.connect(lambda: self.print_blank_forms())
        self.import_button.clicked.connect(lambda: self.import_roster())
        self.list.activated.connect(self.edit_family)
        self.list.current_changed.connect(lambda _id: self._update_buttons())
        for keys, slot in (
            (QKeySequence.StandardKey.New, self.new_family),
            (QKeySequence("Ctrl+R"), self.record_visit),
        ):
            QShortcut(keys, self).activated.connect(slot)
        QShortcut(QKeySequence.StandardKey.Delete, self.list.view).activated.connect(self.mark_deleted)
        self._update_buttons()
        self._loaded_once = False

    # --- the list ------------------------------------------------------------------------------------

    def _columns(self) -> list[LazyColumn]:
        return [  # 档案编号 as the default rule writes them: 430121001-2026-0001
            LazyColumn("family_no", self.tr("File no."), lambda r: r.family_no, width_chars=19),
            LazyColumn("head_name", self.tr("Head"), lambda r: r.head_name, width_chars=7),
            LazyColumn(
                "id_number",
                self.tr("ID number"),
                lambda r: r.head_id_masked,
                width_chars=17,
                export=lambda r: r.head_id_export or r.head_id_masked,  # full only where the role allows
            ),
            LazyColumn("sex", self.tr("Sex"), lambda r: r.head_sex, sortable=False, width_chars=4),
            LazyColumn("birth", self.tr("Age"), lambda r: r.head_age, align_right=True, width_chars=5),
            LazyColumn("category", self.tr("Category"), lambda r: r.category, width_chars=8),
            LazyColumn("status", self.tr("Status"), lambda r: r.status, width_chars=5),
            LazyColumn("township", self.tr("Township"), lambda r: r.township, width_chars=8),
            LazyColumn("village", self.tr("Village"), lambda r: r.village, width_chars=12),
            LazyColumn("phone", self.tr("Phone"), lambda r: r.phone, width_chars=12),
            LazyColumn(
                "members", self.tr("Members"), lambda r: r.member_count, align_right=True, width_chars=5
            ),
            yes_no_column(
                "contact",
                self.tr("Contacts"),
                lambda r: r.has_contacts,
                self.tr("Yes"),
                self.tr("Missing"),
                sortable=False,
            ),
            yes_no_column(
                "doctor",
                self.tr("Doctor"),
                lambda r: r.has_doctor,
                self.tr("Yes"),
                self.tr("Missing"),
                sortable=False,
            ),
            yes_no_column(
                "green",
                self.tr("Green channel"),
                lambda r: r.has_green_channel,
                self.tr("Yes"),
                self.tr("Missing"),
                sortable=False,
            ),
            date_column("last_visit", self.tr("Last visit"), lambda r: r.last_visit_on),
            date_column("registered_on", self.tr("Registered"), lambda r: r.registered_on),
            money_column(
                "support", self.tr("Support (yuan/month)"), lambda r: r.monthly_support_fen, visible=False
            ),
            LazyColumn("address", self.tr("Address"), lambda r: r.address, width_chars=24, visible=False),
        ]

    def _filters(self) -> list[FilterSpec]:
        every = self.tr("All")
        return [
            FilterSpec(
                "status", self.tr("&Status"), [(every, None)] + [(s.value, s.value) for s in FamilyStatus]
            ),
            FilterSpec(
                "category",
                self.tr("C&ategory"),
                [(every, None)] + [(c.value, c.value) for c in FamilyCategory],
            ),
            FilterSpec(
                "missing",
                self.tr("Covera&ge"),
                [
                    (every, None),
                    (self.tr("No contact persons"), MISSING_CONTACT),
                    (self.tr("No family doctor"), MISSING_DOCTOR),
                    (self.tr("No green channel"), MISSING_GREEN_CHANNEL),
                    (self.tr("Not visited in 6 months"), MISSING_VISIT),
                ],
            ),
        ]

    def _list_ids(self, q: ListQuery) -> list[str]:
        status, category = q.filters.get("status"), q.filters.get("category")
        flt = FamilyFilter(
            text=q.text,
            division_code=q.division_code,
            status=FamilyStatus(status) if status else None,
            category=FamilyCategory(category) if category else None,
            missing=q.filters.get("missing"),
            sort=q.sort_key or "registered_on",
            descending=q.descending,
        )
        return families.list_family_ids(self.workspace, flt, limit=q.limit)

    def refresh(self) -> None:
        self.list.load_divisions()
        self.list.reload()
        self._loaded_once = True

    def apply_filter(self, **filters: Any) -> None:
        """Narrow the list: missing=, status=, category=, division_code=, text= (the home page's links)."""
        for key in ("status", "category", "missing"):
            if key in filters:
                value = filters[key]
                self.list.set_filter(key, getattr(value, "value", value))
        if "division_code" in filters:
            self.list.select_division(filters["division_code"])
        if "text" in filters:
            self.list.set_search(str(filters["text"] or ""), now=False)
        self.list.reload()

    def import_roster(self) -> ImportWizard:
        """The import wizard for a roster of families; the list reloads once rows were written."""
        # Imported when first used: the Excel machinery would be a third of a second of every start.
        from app.services.families.imports import FamilyImport
        from ui.widgets.import_wizard import ImportWizard

        wizard = ImportWizard(self.workspace, FamilyImport(), self.runner, self)
        wizard.imported.connect(lambda _summary: self.refresh())
        wizard.open()
        return wizard

    def _update_buttons(self) -> None:
        has = self.list.current_id() is not None
        for button in (self.edit_button, self.visit_button, self.delete_button):
            button.setEnabled(has)

    # --- actions ------------------------------------------------------------------------------------------

    def new_family(self) -> FamilyForm:
        return self._open_form(FamilyForm(self.context, None, parent=self))

    def edit_family(self, family_id: str | None = None) -> FamilyForm | None:
        family_id = family_id or self.list.current_id()
        if family_id is None:
            return None
        return self._open_form(FamilyForm(self.context, family_id, parent=self))

    def _open_form(self, form: FamilyForm) -> FamilyForm:
        form.saved.connect(self._saved)
        form.visit_requested.connect(lambda fid: self.record_visit(fid, parent=form))
        self._keep(form)
        return form

    def record_visit(
        self, family_id: str | None = None, *, parent: QWidget | None = None, form_number: str = ""
    ) -> VisitForm | None:
        family_id = family_id or self.list.current_id()
        if family_id is None:
            return None
        row = self._row(family_id)
        name = row.head_name if row is not None else ""
        form = VisitForm(self.context, family_id, name, parent=parent or self)
        if form_number:  # from 扫码录入: the paper form's number, as printed
            form.form_number.edit.setText(form_number)
        form.saved.connect(lambda _vid: self._visit_saved(family_id, parent, name))
        self._keep(form)
        return form

    def visit_from_form(self, family_id: str, form_number: str) -> VisitForm | None:
        """A scanned or typed form number: the visit entry of its family (of the selected one for a
        blank form), the number filled in."""
        family_id = family_id or self.list.current_id() or ""
        if not family_id:
            self.scan.show_message(
                self.tr("A blank form: select the family in the list first, then scan again."), error=True
            )
            return None
        return self.record_visit(family_id, form_number=form_number)

    def _visit_saved(self, family_id: str, parent: QWidget | None, name: str) -> None:
        self.show_status(self.tr("Saved: the visit to the family of %1").replace("%1", name))
        self.list.mark_stale()
        if isinstance(parent, FamilyForm):
            parent.refresh_visits()

    def _row(self, family_id: str) -> FamilyRow | None:
        """The list's row of a family: from the loaded page when shown, else one small look-up."""
        position = self.list.model.row_of(family_id)
        row = self.list.model.record(position) if position >= 0 else None
        if isinstance(row, FamilyRow):
            return row
        rows = families.load_family_rows(self.workspace, [family_id])
        return rows[0] if rows else None

    def _keep(self, form: Any) -> None:
        self.forms = [f for f in self.forms if f.isVisible()]
        self.forms.append(form)
        form.open()

    def _saved(self, family_id: str) -> None:
        self.reveal.reveal(family_id)  # shown and selected, even if a search would hide it
        row = self._row(family_id)
        if row is not None:
            text = self.tr("Saved: the family of %1, file no. %2").replace("%1", row.head_name)
            self.show_status(text.replace("%2", row.family_no or "—"))

    def mark_deleted(self, family_id: str | None = None, *, confirm: bool = True) -> None:
        family_id = family_id or self.list.current_id()
        if family_id is None:
            return
        row = self._row(family_id)
        if confirm and row is not None and not self.confirm_delete(row):
            return
        self.runner.run(
            families.mark_family_deleted,
            self.workspace,
            family_id,
            on_done=lambda _r: self.list.reload(),
            on_error=self._show_error,
        )

    def confirm_delete(self, row: FamilyRow) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Mark deleted"),
            self.tr(
                "Mark the family of %1 (%2) as deleted? It leaves every list; the next sync passes it on."
            )
            .replace("%1", row.head_name)
            .replace("%2", row.village),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _show_error(self, exc: BaseException) -> None:
        if isinstance(exc, FpaError):
            self.list.show_message(exc.message, error=True)
            return
        raise exc

    # --- drafts from the home page --------------------------------------------------------------------

    def open_draft(self, kind: str, key: str) -> Any:
        """Reopen an unfinished form (the form offers its draft back as it opens)."""
        if kind == FamilyForm.draft_kind:
            return self.new_family() if key == "new" else self.edit_family(key)
        if kind == VisitForm.draft_kind:
            return self.record_visit(key)
        if kind == PolicyForm.draft_kind:
            return self._open_policy_draft(key)
        if kind == ClaimForm.draft_kind:
            return self._open_claim_draft(key)
        if kind == VolunteerServiceForm.draft_kind:
            return self._open_service_draft(key)
        return None

    def open_forms(self) -> Sequence[Any]:
        return [f for f in self.forms if f.isVisible()]
