"""The import wizard through its pages on a real messy roster, offscreen: file → sheet → header
row → columns → preview → import, with the report saved and a corrected mapping remembered."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.database.models import FamilyMember, SpecialFamily
from app.services.families.imports import FamilyImport
from app.services.shared.imports import RowAction, remembered_mapping
from app.services.shared.workspace import Workspace
from tests.services.import_helpers import write_xlsx
from tests.services.test_import_families import HEAD1, TODAY, roster
from ui.shell.tasks import SyncTaskRunner
from ui.widgets.import_wizard import FilePage, HeaderPage, ImportWizard, MappingPage, PreviewPage, SheetPage


def _count(ws: Workspace, model: type) -> int:
    with ws.db.read() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_wizard_imports_a_roster_end_to_end(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> None:
    wizard = ImportWizard(workspace, FamilyImport(today=TODAY), SyncTaskRunner())
    qtbot.addWidget(wizard)
    done: list[object] = []
    wizard.imported.connect(done.append)
    wizard.show()
    page = wizard.currentPage()
    assert isinstance(page, FilePage)
    page.path.setText(str(tmp_path / "名册.et"))
    (tmp_path / "名册.et").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    wizard.next()
    assert wizard.currentPage() is page and "另存为" in page.error.text()
    page.path.setText(str(roster(tmp_path)))
    wizard.next()
    sheet = wizard.currentPage()
    assert isinstance(sheet, SheetPage) and sheet.sheet.currentData() == "花名册"
    wizard.next()
    header = wizard.currentPage()
    assert isinstance(header, HeaderPage) and header.row.value() == 3
    header.grab().save(str(tmp_path / "header.png"))
    wizard.next()
    mapping = wizard.currentPage()
    assert isinstance(mapping, MappingPage)
    assert mapping.combos["name"].currentData() == 3 and mapping.combos["id_number"].currentData() == 5
    wizard.next()
    preview = wizard.currentPage()
    assert isinstance(preview, PreviewPage)
    assert preview.grid.rowCount() == 5
    assert [preview.grid.item(r, 1).text() for r in range(5)] == ["新增", "新增", "拒绝", "拒绝", "拒绝"]
    assert "后几位已经丢失" in preview.grid.item(3, 3).text()
    assert HEAD1 not in "".join(preview.grid.item(r, 3).text() for r in range(5))
    assert "读取 5 行：新增 2，更新 0，拒绝 3" in preview.summary.text()
    assert _count(workspace, SpecialFamily) == 0  # nothing written by the preview
    wizard.grab().save(str(tmp_path / "preview.png"))
    wizard.button(QWizard.WizardButton.FinishButton).click()  # 导入
    assert len(done) == 1 and wizard.summary is not None and wizard.summary.written
    assert not wizard.isVisible()
    assert (_count(workspace, SpecialFamily), _count(workspace, FamilyMember)) == (1, 2)
    report = wizard.save_report(tmp_path / "report.xlsx")
    facts = {r[0].value: r[1].value for r in load_workbook(report)["导入汇总"].iter_rows() if r[0].value}
    assert facts["新增"] == 2 and facts["是否已写入"] == "已写入数据库"


def test_wizard_mapping_corrected_by_hand_is_remembered(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    odd = ["序号", "村（社区）", "名字", "与户主关系", "号码", "家庭类别"]
    path = write_xlsx(tmp_path / "odd.xlsx", [odd, [1, "开元路社区", "张三", "本人", HEAD1, "失独"]])
    kind = FamilyImport(today=TODAY)
    wizard = ImportWizard(workspace, kind, SyncTaskRunner())
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.currentPage().path.setText(str(path))  # type: ignore[attr-defined]
    wizard.next()
    wizard.next()
    assert isinstance(wizard.currentPage(), HeaderPage)
    wizard.next()
    mapping = wizard.currentPage()
    assert isinstance(mapping, MappingPage)
    assert mapping.combos["name"].currentData() == -1  # 名字 is no known header
    mapping.combos["name"].setCurrentIndex(mapping.combos["name"].findData(2))
    mapping.combos["id_number"].setCurrentIndex(mapping.combos["id_number"].findData(4))
    wizard.next()
    preview = wizard.currentPage()
    assert isinstance(preview, PreviewPage)
    assert wizard.plan is not None and [o.action for o in wizard.plan.outcomes] == [RowAction.NEW]
    assert wizard.table is not None
    assert remembered_mapping(kind, wizard.table.layout) == {
        "name": 2,
        "relation": 3,
        "id_number": 4,
        "village": 1,
        "category": 5,
    }
    wizard.close()


def test_the_families_page_imports_a_roster_and_shows_the_new_families(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    from ui.families.page import FamiliesPage
    from ui.shell.page import PageContext

    page = FamiliesPage(PageContext(workspace, SyncTaskRunner()))
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.import_button.isVisible()
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    wizard = page.findChild(ImportWizard)
    assert wizard is not None and wizard.isVisible()
    wizard.kind = FamilyImport(today=TODAY)  # the fixture's roster is dated for TODAY
    first = wizard.currentPage()
    assert isinstance(first, FilePage)
    first.path.setText(str(roster(tmp_path)))
    for _ in range(4):
        wizard.next()
    assert isinstance(wizard.currentPage(), PreviewPage)
    wizard.button(QWizard.WizardButton.FinishButton).click()  # 导入
    assert _count(workspace, SpecialFamily) == 1  # the roster's one good family (two members)
    qtbot.waitUntil(lambda: page.list.model.rowCount() == 1)  # the list reloaded by itself
