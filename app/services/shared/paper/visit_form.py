"""The 走访慰问登记表 on one A4 page: the family as the office knows it, boxes for the visit, a QR code.

The top half is printed from the register (blank on a blank form, to fill in by hand); the bottom
half is written at the visit: 时机 and 方式 as tick boxes, the goods as a small table, needs and
follow-up. The boxes to write in share whatever height the page has left, so the sheet is used to
its foot. The QR code carries the form number, which brings the filled sheet back to the family.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPagedPaintDevice, QPainter, QPicture

from app.domain.enums import FundSource, VisitKind, VisitOccasion, VisitWay
from app.domain.errors import UserInputError
from app.domain.records.families import VisitSheet
from app.services.shared.paper.device import Page, a4_layout, ensure_gui, pdf_writer
from app.services.shared.paper.grid import LABEL_FILL, SMALL_PT, Cell, Ruler, label, value
from app.services.shared.paper.qr import draw_qr

TITLE = "计生特殊家庭走访慰问登记表"
L, V = 26.0, 67.0  # label and value widths of a two-pair row (mm)
ROW = 8.0
GOODS_MIN, GOODS_MAX = 4, 8
_NOT_ARRANGED = "未落实"


def _pair(a: str, b: str, c: str, d: str, height: float = ROW) -> tuple[float, list[Cell]]:
    return height, [label(a, L), value(b, V), label(c, L), value(d)]


def _members(sheet: VisitSheet) -> str:
    return "、".join(
        f"{m.name}（{m.relation.value}"
        + ("，已故" if m.is_deceased else f"，{m.age}岁" if m.age is not None else "")
        + "）"
        for m in sheet.members
    )


def draw_visit_form(
    painter: QPainter,
    page: Page,
    sheet: VisitSheet,
    printed_on: date,
    *,
    rules: bool = True,
    values: bool = True,
) -> None:
    """One sheet on the current page (the painter's origin at the printable area's corner).

    ``rules`` and ``values`` as in ``Ruler``: what every copy shares, what this copy holds.
    """
    r = Ruler(painter, page, rules=rules, values=values)
    blank = sheet.blank

    def known(text: str) -> str:  # a gap in 三个全覆盖 is printed as one, to be arranged
        return text if blank else text or _NOT_ARRANGED

    qr_side = r.mm(27)
    title_w = page.width - qr_side - r.mm(4)
    if rules:
        r.text(
            QRectF(0, 0, title_w, r.mm(11)),
            TITLE,
            points=17,
            bold=True,
            flags=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        )
        hint = (
            "录入走访时扫描右侧二维码或输入表号，即可打开这户家庭的走访登记。"
            "本表含个人信息，用后交回协会存档。"
        )
        r.text(QRectF(0, r.mm(18), title_w, r.mm(9)), hint, points=SMALL_PT)
    if values:
        meta = f"表号：{sheet.form_number}　　打印日期：{printed_on:%Y-%m-%d}"
        r.text(QRectF(0, r.mm(11), title_w, r.mm(7)), meta, points=11, bold=True)
        draw_qr(painter, QRectF(page.width - qr_side, 0, qr_side, qr_side), sheet.form_number)
    r.y = qr_side + r.mm(1.5)

    r.heading("一、家庭情况" + ("（请填写）" if blank else "（根据登记信息打印，如有变化请在旁边更正）"))
    category = sheet.category.value if sheet.category else ""
    last = f"{sheet.last_visit_on:%Y-%m-%d}" if sheet.last_visit_on else ("" if blank else "从未走访")
    fixed: list[tuple[float, list[Cell]]] = [
        _pair("户主", sheet.head_name, "身份证号", sheet.head_id_masked),
        _pair("家庭类别", category, "档案编号", sheet.family_no),
        _pair("乡镇（街道）", sheet.township, "村（社区）", sheet.village),
        _pair("住址", sheet.address, "联系电话", sheet.phone),
        (11.0, [label("家庭成员", L), value(_members(sheet))]),
        (ROW, [label("双岗联系人", L), value(known(sheet.contacts))]),
        (ROW, [label("家庭医生", L), value(known(sheet.doctor))]),
        (ROW, [label("就医绿色通道", L), value(known(sheet.green_channel))]),
        _pair("上次走访", last, "待办回访", sheet.open_follow_up),
        (12.0, [label("已登记需求", L), value(sheet.needs, top=True)]),
    ]
    for height, cells in fixed:
        r.row(height, cells)
    r.y += r.mm(2)

    r.heading("二、本次走访（走访时填写）")
    occasion = r.row(12.0, [label("时机", L), value("")])
    r.ticks(occasion.adjusted(r.mm(L), 0, 0, 0), [o.value for o in VisitOccasion] + ["其他＿＿＿＿"])
    kind = r.row(9.0, [label("类型", L), value("", V), label("方式", L), value("")])
    r.ticks(QRectF(r.mm(L), kind.y(), r.mm(V), kind.height()), [k.value for k in VisitKind])
    r.ticks(
        QRectF(r.mm(2 * L + V), kind.y(), page.width - r.mm(2 * L + V), kind.height()),
        [w.value for w in VisitWay],
    )
    r.row(ROW, [label("走访日期", L), value("　　　　年　　月　　日", V), label("走访人", L), value("")])
    money = r.row(12.0, [label("慰问金（元）", L), value("", 28), label("资金来源", L), value("")])
    r.ticks(
        QRectF(r.mm(L + 28 + L), money.y(), page.width - r.mm(L + 28 + L), money.height()),
        [f.value for f in FundSource],
    )

    # What is left of the page goes to the boxes written by hand: goods lines first, then needs
    # and follow-up share the rest.
    signatures, footer, gap = 12.0, 5.0, 1.5
    left_mm = (page.height - r.y) * 25.4 / page.dpi - signatures - footer - gap
    needs_min = 22.0
    goods = max(GOODS_MIN, min(GOODS_MAX, int((left_mm - 2 * needs_min - ROW) // 7.0)))
    goods_h = ROW + goods * 7.0
    box = max(needs_min, (left_mm - goods_h) / 2)
    top = r.y
    r.row(
        ROW,
        [
            Cell("", L),
            Cell("物品名称", 60, label=True, centre=True),
            Cell("数量", 24, label=True, centre=True),
            Cell("单位", 24, label=True, centre=True),
            Cell("价值（元）", 0, label=True, centre=True),
        ],
    )
    for _ in range(goods):
        r.row(7.0, [Cell("", L), value("", 60), value("", 24), value("", 24), value("")])
    if rules:
        merged = QRectF(0, top, r.mm(L), r.y - top)  # one label cell beside the whole goods table
        painter.fillRect(merged, LABEL_FILL)
        painter.setPen(r.pen)
        painter.drawRect(merged)
        r.text(merged.adjusted(r.pad, 0, -r.pad, 0), "慰问物品", flags=Qt.AlignmentFlag.AlignVCenter)
    r.row(box, [label("提出的需求", L), value("", top=True)])
    r.row(box, [label("跟进事项", L), value("", top=True)])
    r.row(signatures, [label("家庭成员签字", L), value("", V), label("走访人签字", L), value("")])
    r.y += r.mm(gap)
    if values:
        r.text(
            QRectF(0, r.y, page.width, r.mm(footer)),
            f"{sheet.form_number}　·　录入后请在系统中核对表号，同一表号只能登记一次",
            points=SMALL_PT,
            flags=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        )


def _rules(page: Page, blank: bool) -> QPicture:
    """What every copy of the form shares, recorded once for a run of copies.

    A QPicture replays in its own resolution scaled to the target's (fonts resolved at the
    target's), so it is recorded on a page of the same millimetres at the picture's resolution.
    """
    picture = QPicture()
    painter = QPainter(picture)
    try:
        ratio = picture.logicalDpiX() / page.dpi
        small = Page(page.width * ratio, page.height * ratio, float(picture.logicalDpiX()))
        model = VisitSheet(family_id="" if blank else "-", form_number="")
        draw_visit_form(painter, small, model, date.today(), values=False)
    finally:
        painter.end()
    return picture


def render_visit_forms(
    device: QPagedPaintDevice,
    sheets: Sequence[VisitSheet],
    *,
    printed_on: date | None = None,
    progress: Callable[[int, int], bool] | None = None,
) -> bool:
    """Each sheet on its own A4 page of ``device`` (a PDF writer or a printer); False if cancelled.

    ``progress(done, total)`` is called before each sheet; a False answer stops after the pages
    drawn so far.
    """
    printed_on = printed_on or date.today()
    ensure_gui()
    device.setPageLayout(a4_layout())
    page = Page.of(device)
    painter = QPainter()
    if not painter.begin(device):
        raise UserInputError("无法打开打印机或输出文件，请检查打印机，或选择“打印到 PDF”另存")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        rules: dict[bool, QPicture] = {}  # blank or not: the two headings differ
        for done, sheet in enumerate(sheets):
            if progress is not None and not progress(done, len(sheets)):
                return False
            if done:
                device.newPage()
            if sheet.blank not in rules:
                rules[sheet.blank] = _rules(page, sheet.blank)
            painter.drawPicture(0, 0, rules[sheet.blank])
            draw_visit_form(painter, page, sheet, printed_on, rules=False)
        if progress is not None:
            progress(len(sheets), len(sheets))
        return True
    finally:
        painter.end()


def visit_forms_pdf(
    path: Path,
    sheets: Sequence[VisitSheet],
    *,
    printed_on: date | None = None,
    progress: Callable[[int, int], bool] | None = None,
) -> bool:
    """The sheets as an A4 PDF file at ``path``."""
    return render_visit_forms(pdf_writer(path, TITLE), sheets, printed_on=printed_on, progress=progress)
