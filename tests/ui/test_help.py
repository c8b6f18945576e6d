"""Help in the program: F1 on every page and in the forms opens the help written for it, 帮助 → 快速入门
opens the quick start, and the quick start prints to a one-page PDF whose text is the help's text."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.services.shared.help import TOPICS, help_file, help_text
from ui.families.family_form import FamilyForm
from ui.families.page import FamiliesPage
from ui.families.visit_form import VisitForm
from ui.shell.help import HelpWindow
from ui.shell.main_window import NAVIGATION, MainWindow
from ui.shell.tasks import SyncTaskRunner

# What each page's help must talk about: its own name and a key or button the page really has.
PAGE_WORDS = {
    "home": ("首页", "扫码录入", "继续填写"),
    "organisation": ("组织建设", "登记换届", "Alt+1"),
    "families": ("特殊家庭", "打印走访表", "Ctrl+R"),
    "projects": ("项目服务", "登记发放", "Ctrl+G"),
    "activities": ("宣传活动与培训", "年度统计", "Ctrl+N"),
    "evaluation": ("绩效评价", "锁定期间", "未达标"),
    "analysis": ("数据分析", "导出统计表", "Alt+X"),
    "sync": ("同步", "写出同步文件", "导入回执"),
    "system": ("系统管理", "立即备份", "重置密码"),
}


def _window(qtbot: QtBot, workspace: object) -> MainWindow:
    window = MainWindow(workspace, SyncTaskRunner())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.resize(1366, 768)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def _activate(qtbot: QtBot, window: QWidget) -> None:
    """Back to ``window``: offscreen Qt leaves the activation with a closed window or a hidden popup."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _help_of(owner: QWidget) -> HelpWindow:
    shown = [w for w in owner.findChildren(HelpWindow) if w.parent() is owner and w.isVisible()]
    assert len(shown) == 1, shown
    return shown[0]


def _press_f1(qtbot: QtBot, widget: QWidget) -> None:
    """F1 where the user's focus is in ``widget``'s window (or on the window itself)."""
    focus = QApplication.focusWidget()
    target = focus if focus is not None and focus.window() is widget.window() else widget
    qtbot.keyClick(target, Qt.Key.Key_F1)


def test_every_topic_has_its_text_in_chinese() -> None:
    for topic in TOPICS:
        text = help_file(topic).read_text(encoding="utf-8")
        assert text.startswith("# ") and len(re.findall(r"[\u4e00-\u9fff]", text)) > 150, topic
    for key, _label, _target in NAVIGATION:
        assert key in TOPICS, f"the page {key} has no help"


def test_f1_on_each_page_opens_its_help(qtbot: QtBot, workspace: object) -> None:
    window = _window(qtbot, workspace)
    for key, _label, _target in NAVIGATION:
        page = window.show_page(key)
        QApplication.processEvents()
        _activate(qtbot, window)
        inside = next((w for w in page.findChildren(QWidget) if w.isVisible() and w.focusPolicy() & Qt.FocusPolicy.TabFocus), None)
        (inside or window.nav).setFocus()  # F1 pressed while working on the page
        _press_f1(qtbot, window)
        shown = _help_of(window)
        assert shown.topic == key
        text = shown.browser.toPlainText()
        for word in PAGE_WORDS[key]:
            assert word in text, (key, word)
        assert "**" not in text and "|---" not in text  # read as Markdown, not shown raw
        shown.close()  # back to the work: the next F1 is pressed in the main window
    # One help window, turned to each page in turn: F1 nine times does not stack nine windows.
    assert len(window.findChildren(HelpWindow)) == 1


def test_the_help_menu_opens_the_quick_start(qtbot: QtBot, workspace: object) -> None:
    window = _window(qtbot, workspace)
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() in ("&Help", "帮助(&H)"))
    entries = {a.text(): a for a in menu.actions()}  # type: ignore[union-attr]
    quick = entries.get("&Quick start") or entries["快速入门(&Q)"]
    page_help = entries.get("Help for this &page") or entries["本页帮助(&P)"]
    assert page_help.shortcut().toString() == "F1"
    quick.trigger()
    shown = _help_of(window)
    assert shown.topic == "quickstart" and shown.windowTitle().endswith("快速入门")
    text = shown.browser.toPlainText()
    assert "创建本机密钥" in text and "写出同步文件" in text and "F1" in text
    assert not shown.quick_button.isVisible()  # it is the quick start already
    shown.close()
    window.show_page("families")
    page_help.trigger()
    assert _help_of(window).topic == "families"
    _help_of(window).quick_button.click()
    assert _help_of(window).topic == "quickstart"


def test_f1_in_the_family_and_visit_forms(qtbot: QtBot, workspace: object) -> None:
    window = _window(qtbot, workspace)
    page = window.show_page("families")
    assert isinstance(page, FamiliesPage)
    form = page.new_family()
    qtbot.waitExposed(form)
    _activate(qtbot, form)
    _press_f1(qtbot, form)
    shown = _help_of(form)
    assert shown.topic == "family_form" and "身份证号" in shown.browser.toPlainText()
    assert "请先保存家庭信息" in shown.browser.toPlainText()
    shown.close()
    form.reject()
    visit = VisitForm(page.context, "no-family-yet", "张三", parent=page)
    qtbot.addWidget(visit)
    visit.open()
    qtbot.waitExposed(visit)
    _activate(qtbot, visit)
    _press_f1(qtbot, visit)
    shown = _help_of(visit)
    assert shown.topic == "visit_form" and "慰问物品" in shown.browser.toPlainText()
    assert isinstance(form, FamilyForm)
    visit.reject()
    # The other forms open their page's help: a new project, a new association.
    for key, tab in (("projects", "tab"), ("organisation", "associations")):
        other = getattr(window.show_page(key), tab).new_record()
        qtbot.waitExposed(other)
        _activate(qtbot, other)
        _press_f1(qtbot, other)
        assert _help_of(other).topic == key
        _help_of(other).close()
        other.reject()


def _pdftotext(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return done.stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_quick_start_pdf_holds_the_help_text(qtbot: QtBot, tmp_path: Path) -> None:
    window = HelpWindow("quickstart")
    qtbot.addWidget(window)
    target = tmp_path / "快速入门.pdf"
    assert window.save_pdf(target) == target
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), info  # a one-page quick start
    printed = re.sub(r"\s+", "", _pdftotext(target))
    # Every line of text in the help, as written (Markdown marks aside), is on the paper.
    for line in help_text("quickstart").splitlines():
        words = re.sub(r"^[#\d.\-| ]+|\*\*|\|", "", line).strip()
        if words and not set(words) <= set("-| "):
            assert re.sub(r"\s+", "", words) in printed, words


def test_a_pdf_where_no_folder_is_refused_in_chinese(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = HelpWindow("families")
    qtbot.addWidget(window)
    said: list[str] = []
    monkeypatch.setattr("ui.shell.help.QMessageBox.warning", lambda _p, _t, text: said.append(text))
    assert window.save_pdf(tmp_path / "missing" / "help.pdf") is None
    assert said and "保存位置不存在" in said[0]
    assert not (tmp_path / "missing").exists()
