"""The 公示名单 on A4, to post on a notice board: a title, the project and its funds, a ruled table
of the people and amounts over as many pages as it needs, the notice period and the association.

Portrait when the table fits the width, landscape when its columns (long village names) do not.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPagedPaintDevice, QPainter

from app.domain.errors import UserInputError
from app.domain.records.projects import NoticeList
from app.domain.validation import format_fen
from app.services.shared.paper.device import Page, a4_layout, ensure_gui, paper_font, pdf_writer
from app.services.shared.paper.grid import TEXT_PT, Cell, Ruler

ROW = 8.0
PORTRAIT_WIDTH_MM = 186.0  # A4 less 12 mm margins
HEADERS = ("序号", "姓名", "乡镇（街道）", "村（社区）", "身份证号", "金额（元）")
_MIN = (12.0, 22.0, 28.0, 30.0, 44.0, 26.0)  # mm: a column never narrower than its header


def _period(notice: NoticeList) -> str:
    if notice.notice_from and notice.notice_to:
        return f"{notice.notice_from:%Y年%m月%d日}至{notice.notice_to:%Y年%m月%d日}"
    return "　　年　　月　　日至　　年　　月　　日"


def _cells(notice: NoticeList) -> list[tuple[str, ...]]:
    return [
        (
            str(n),
            line.name,
            line.township,
            line.village,
            line.id_masked,
            format_fen(line.amount_fen) if line.amount_fen is not None else "",
        )
        for n, line in enumerate(notice.lines, 1)
    ]


def column_widths(notice: NoticeList) -> list[float]:
    """Each column's natural width in mm: its longest text at the table's font, or its minimum."""
    ensure_gui()
    metrics = QFontMetricsF(paper_font(TEXT_PT))
    mm_per_px = 25.4 / metrics.fontDpi()
    rows = _cells(notice)
    return [
        max(_MIN[i], max((metrics.horizontalAdvance(r[i]) * mm_per_px + 4.0 for r in rows), default=0))
        for i in range(len(HEADERS))
    ]


def is_wide(notice: NoticeList) -> bool:
    return sum(column_widths(notice)) > PORTRAIT_WIDTH_MM


def render_notice(
    device: QPagedPaintDevice, notice: NoticeList, *, progress: Callable[[int, int], bool] | None = None
) -> bool:
    """The notice list on ``device``'s A4 pages; False when ``progress(done, total)`` said stop."""
    ensure_gui()
    natural = column_widths(notice)
    device.setPageLayout(a4_layout(landscape=sum(natural) > PORTRAIT_WIDTH_MM))
    page = Page.of(device)
    page_mm = page.width * 25.4 / page.dpi
    spare = max(0.0, page_mm - sum(natural))
    widths = [w + spare * w / sum(natural) for w in natural]  # the table spans the page
    rows = _cells(notice)
    painter = QPainter()
    if not painter.begin(device):
        raise UserInputError("无法打开打印机或输出文件，请检查打印机，或选择“打印到 PDF”另存")
    try:
        r = Ruler(painter, page)
        kind = "发放" if notice.of_payments else "上报"
        r.text(
            QRectF(0, 0, page.width, r.mm(12)),
            f"{notice.project_name}{kind}名单公示",
            points=18,
            bold=True,
            flags=Qt.AlignmentFlag.AlignCenter,
        )
        r.y = r.mm(13)
        about = [
            f"项目：{notice.project_name}（{notice.year}年"
            + (f"，{notice.catalogue_name}" if notice.catalogue_name else "")
            + "）"
        ]
        if notice.document_no:
            about.append(f"文号：{notice.document_no}")
        about.append(f"资金来源：{notice.funds or '＿＿＿＿'}")
        about.append(f"公示期：{_period(notice)}")
        text = "　".join(about)
        r.text(QRectF(0, r.y, page.width, r.mm(12)), text, flags=Qt.TextFlag.TextWordWrap)
        r.y += r.mm(13)
        foot = r.mm(22)
        n = 0
        while True:
            r.row(ROW, [Cell(h, w, label=True, centre=True) for h, w in zip(HEADERS, widths, strict=True)])
            while n < len(rows) and r.y + r.mm(ROW) <= page.height - (
                foot if n == len(rows) - 1 else r.mm(6)
            ):
                if progress is not None and n % 50 == 0 and not progress(n, len(rows)):
                    return False
                r.row(
                    ROW,
                    [Cell(t, w, centre=i != 3) for i, (t, w) in enumerate(zip(rows[n], widths, strict=True))],
                )
                n += 1
            if n == len(rows) and r.y + foot <= page.height:
                break
            device.newPage()
            r.y = 0.0
        total = f"合计：{len(rows)} 人" + (
            f"，{format_fen(notice.total_fen)} 元" if notice.of_payments else ""
        )
        r.row(ROW, [Cell(total, 0, label=True)])
        r.y += r.mm(2)
        objection = (
            "公示期内如有异议，请向本协会反映"
            + (f"，联系电话：{notice.phone}" if notice.phone else "")
            + "。"
        )
        r.text(QRectF(0, r.y, page.width, r.mm(6)), objection)
        r.text(
            QRectF(0, r.y + r.mm(7), page.width, r.mm(6)),
            f"{notice.association}（盖章）",
            flags=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        )
        if progress is not None:
            progress(len(rows), len(rows))
        return True
    finally:
        painter.end()


def notice_pdf(path: Path, notice: NoticeList) -> bool:
    """The notice list as an A4 PDF file at ``path``."""
    return render_notice(pdf_writer(path, f"{notice.project_name}公示名单"), notice)
