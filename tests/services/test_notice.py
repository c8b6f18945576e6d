"""公示名单: a project's payments or reported list as the notice board shows them, on A4, and from `fpa print`."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from app.cli import main
from app.domain.enums import PaymentMethod
from app.domain.errors import NotFound, UserInputError
from app.domain.idcard import check_digit
from app.domain.records.projects import BeneficiaryInput, NoticeLine, PaymentInput, ProjectInput
from app.services import projects as prj
from app.services.shared.paper import is_wide, notice_pdf
from app.services.shared.workspace import Workspace

TODAY = date(2026, 11, 23)
VILLAGE = "430121001001"


def id_number(birth: str, order: str) -> str:
    first17 = "430121" + birth + order
    return first17 + check_digit(first17)


ZHANG, LI, WANG = id_number("19560310", "131"), id_number("19600101", "242"), id_number("19620202", "353")


def paid_project(ws: Workspace) -> str:
    pid = prj.save_project(
        ws,
        ProjectInput(
            "ZYHLBT",
            "2026年住院护理补贴",
            2026,
            "430121000000",
            allocated_fen=10_000_000,
            matched_fen=2_000_000,
        ),
        today=TODAY,
    )
    prj.advance_project(ws, pid, date(2026, 3, 1), document_no="湘计生协发〔2026〕5号", today=TODAY)
    prj.advance_project(ws, pid, date(2026, 4, 1), today=TODAY)
    people = {}
    for name, number in (("张三", ZHANG), ("李四", LI), ("王五", WANG)):
        people[name] = prj.save_beneficiary(
            ws, BeneficiaryInput(pid, name, number, VILLAGE, reason="失独家庭，住院三次"), today=TODAY
        )
    prj.advance_project(ws, pid, date(2026, 6, 1), notice_to=date(2026, 6, 7), today=TODAY)
    for amount in (150_000, 50_000):
        prj.record_payment(
            ws,
            PaymentInput(
                pid, date(2026, 6, 20), amount, PaymentMethod.ONE_CARD, beneficiary_id=people["张三"]
            ),
            accept_warnings=True,
            today=TODAY,
        )
    prj.record_payment(
        ws,
        PaymentInput(pid, date(2026, 6, 20), 80_000, PaymentMethod.ONE_CARD, beneficiary_id=people["李四"]),
        accept_warnings=True,
        today=TODAY,
    )
    return pid


def test_the_notice_of_payments_names_each_paid_person_once_with_the_sum_and_nothing_private(
    workspace: Workspace,
) -> None:
    pid = paid_project(workspace)
    notice = prj.notice_list(workspace, pid)
    assert [(n.name, n.village, n.amount_fen) for n in notice.lines] == [
        ("张三", "开元路社区居委会", 200_000),
        ("李四", "开元路社区居委会", 80_000),
    ]
    assert [n.township for n in notice.lines] == ["星沙街道", "星沙街道"]
    assert notice.lines[0].id_masked == ZHANG[:6] + "********" + ZHANG[-4:]
    assert ZHANG not in repr(notice) and "失独" not in repr(notice)  # no ID number, reason or family type
    assert notice.total_fen == 280_000 and notice.funds == "上级下拨 100,000.00 元，本级配套 20,000.00 元"
    assert (notice.notice_from, notice.notice_to) == (date(2026, 6, 1), date(2026, 6, 7))
    assert notice.association.endswith("计划生育协会") and notice.document_no == "湘计生协发〔2026〕5号"
    listed = prj.notice_list(workspace, pid, of_payments=False)
    assert [(n.name, n.amount_fen) for n in listed.lines] == [
        ("张三", 200_000),
        ("李四", 80_000),
        ("王五", None),
    ]


def test_a_project_without_payments_or_gone_has_no_notice(workspace: Workspace) -> None:
    pid = prj.save_project(workspace, ProjectInput("ZYHLBT", "空项目", 2026, "430121000000"), today=TODAY)
    with pytest.raises(UserInputError, match="还没有发放记录"):
        prj.notice_list(workspace, pid)
    with pytest.raises(NotFound):
        prj.notice_list(workspace, "no-such-project")


def pdf_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def page_size(pdf: Path) -> str:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return next(line for line in info.splitlines() if line.startswith("Page size")).split(":", 1)[1].strip()


def test_the_notice_prints_on_a4_portrait_and_landscape_when_wide(
    qapp: object, workspace: Workspace, tmp_path: Path
) -> None:
    notice = prj.notice_list(workspace, paid_project(workspace))
    out = tmp_path / "notice.pdf"
    assert notice_pdf(out, notice) is True
    text = pdf_text(out)
    for expected in (
        "2026年住院护理补贴发放名单公示",
        "张三",
        "李四",
        "开元路社区居委会",
        "2,000.00",
        "合计：2 人，2,800.00 元",
        "公示期：2026年06月01日至2026年06月07日",
        notice.lines[0].id_masked,
        "（盖章）",
    ):
        assert expected in text, expected
    assert "王五" not in text and "失独" not in text and ZHANG not in text
    assert page_size(out).startswith("595") and not is_wide(notice)  # A4 portrait: 595 x 842 pt
    long_name = "某某经济技术开发区某某街道办事处某某某某某某某某社区居民委员会"
    wide = replace(notice, lines=tuple(replace(line, village=long_name) for line in notice.lines))
    assert is_wide(wide)
    notice_pdf(out, wide)
    assert page_size(out).startswith("842") and long_name in pdf_text(out).replace(" ", "")


def test_a_long_list_goes_on_over_pages_with_its_header_on_each(
    qapp: object, workspace: Workspace, tmp_path: Path
) -> None:
    notice = prj.notice_list(workspace, paid_project(workspace))
    many = replace(
        notice,
        lines=tuple(
            NoticeLine(f"人{n:03d}", "星沙街道", "开元路社区居委会", "430121********0001", 100)
            for n in range(70)
        ),
    )
    out = tmp_path / "long.pdf"
    notice_pdf(out, many)
    pages = pdf_text(out).split("\f")[:-1]
    assert len(pages) >= 2 and all("身份证号" in page for page in pages)
    assert "人069" in pages[-1] and "合计：70 人" in pages[-1]


def test_fpa_print_notice_and_visit_forms(
    qapp: object, workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pid = paid_project(workspace)
    db = str(workspace.path)
    out = tmp_path / "notice.pdf"
    assert main(["print", "notice", "--db", db, "--project", pid, "--out", str(out)]) == 0
    assert "张三" in pdf_text(out) and "2 人" in capsys.readouterr().out
    assert main(["print", "notice", "--db", db, "--project", pid, "--list", "--out", str(out)]) == 0
    assert "王五" in pdf_text(out)
    assert main(["print", "notice", "--db", db, "--project", "nope", "--out", str(tmp_path / "x.pdf")]) == 1
    assert "项目不存在" in capsys.readouterr().err and not (tmp_path / "x.pdf").exists()
    forms = tmp_path / "forms.pdf"
    assert main(["print", "visit-forms", "--blank", "3", "--db", db, "--out", str(forms)]) == 0
    assert pdf_text(forms).count("计生特殊家庭走访慰问登记表") == 3
    assert main(["print", "visit-forms", "--db", db, "--division", "110101000000", "--out", str(forms)]) == 1
    assert "管辖范围" in capsys.readouterr().err
