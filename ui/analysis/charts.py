"""The dashboard's charts as matplotlib figures: one drawing code for the screen, a PNG and a PDF.

Each ``draw_*`` fills a ``Figure`` from plain dashboard rows; every bar that opens a list carries
the key of what lies behind it (``gid``) and is pickable, so the page's canvas turns a click into a
drill-down. Chinese labels use the CJK fonts the program names (``ui.shell.theme``), as found in
matplotlib's own font list, so a missing font falls back instead of drawing empty boxes.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from matplotlib import font_manager, rcParams
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, PercentFormatter
from PySide6.QtCore import QCoreApplication

from app.domain.records.dashboard import DivisionBar, MonthPoint, ProjectBar, YearChange
from ui.shell.theme import ACCENT, FONTS_OTHER, FONTS_WINDOWS, WARNING

SECOND = "#8fb8de"
MUTED = "#9aa5b1"
_fonts: list[str] | None = None


def tr(text: str) -> str:
    return QCoreApplication.translate("AnalysisCharts", text)


def chart_fonts() -> list[str]:
    """The program's CJK fonts that matplotlib can find, in the program's order (decided once): a
    list, so a character the first one lacks (㮾 of 㮾梨街道) is drawn from the next."""
    global _fonts
    if _fonts is None:
        wanted = FONTS_WINDOWS if sys.platform.startswith("win") else FONTS_OTHER
        known = {f.name for f in font_manager.fontManager.ttflist}
        _fonts = [name for name in wanted if name in known] + ["sans-serif"]
    return _fonts


def use_program_fonts() -> None:
    """Chinese labels in the program's font, and a minus sign every CJK font has.

    Only the first font is the default: a list makes matplotlib lay every label out in each font
    (twice the drawing time); the rare label the first font cannot write gets the list (``_fit``).
    """
    rcParams["font.family"] = chart_fonts()[:1]
    rcParams["axes.unicode_minus"] = False


_charmap: frozenset[int] | None = None


def _writable(text: str) -> bool:
    """Whether the first font has every character of ``text``."""
    global _charmap
    if _charmap is None:
        path = font_manager.findfont(font_manager.FontProperties(family=chart_fonts()[0]))
        _charmap = frozenset(font_manager.get_font(path).get_charmap())
    return all(ord(ch) in _charmap for ch in text)


def _fit(labels: Sequence[Text]) -> None:
    """Give a label with a character the first font lacks (㮾 of 㮾梨街道) the fallback fonts."""
    for label in labels:
        if not _writable(label.get_text()):
            label.set_fontfamily(chart_fonts())


def new_figure(width: float = 6.0, height: float = 3.2, dpi: int = 100) -> Figure:
    use_program_fonts()
    # Fixed margins rather than constrained layout: laying the text out again on every draw cost
    # more than the drawing itself (four charts: 1.9 s against about 0.6 s here).
    figure = Figure(figsize=(width, height), dpi=dpi)
    figure.set_facecolor("#ffffff")
    return figure


def _style(figure: Figure, *, left: float = 0.09, bottom: float = 0.13, right: float = 0.97) -> None:
    figure.subplots_adjust(left=left, bottom=bottom, right=right, top=0.88)
    for ax in figure.axes:
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=8)
        ax.title.set_fontsize(10)


def _empty(figure: Figure, title: str, text: str) -> None:
    ax = figure.add_subplot()
    ax.set_title(title, loc="left")
    ax.text(0.5, 0.5, text, ha="center", va="center", color=MUTED, transform=ax.transAxes)
    ax.set_axis_off()
    _style(figure)


def draw_coverage(figure: Figure, bars: Sequence[DivisionBar]) -> None:
    title = tr("Visit coverage and three full coverages")
    figure.clear()
    if not bars:
        _empty(figure, title, tr("No special families on the register in this period"))
        return
    ax = figure.add_subplot()
    xs = list(range(len(bars)))
    width = 0.4
    visited = ax.bar(
        [x - width / 2 for x in xs], [b.visit_rate or 0 for b in bars], width, color=ACCENT, picker=True
    )
    covered = ax.bar(
        [x + width / 2 for x in xs], [b.all_three_rate or 0 for b in bars], width, color=SECOND, picker=True
    )
    for bar, one, two in zip(bars, visited, covered, strict=True):
        one.set_gid(f"division:{bar.code}")
        two.set_gid(f"division:{bar.code}")
    crowded = len(bars) > 8
    ax.set_xticks(
        xs, [b.name for b in bars], rotation=45 if crowded else 0, ha="right" if crowded else "center"
    )
    _fit(ax.get_xticklabels())
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_ylim(0, 1)
    ax.set_title(title, loc="left")
    ax.legend(
        [tr("Visit coverage"), tr("Three full coverages")],
        frameon=False,
        loc="upper right",
        fontsize=8,
        ncols=2,
    )
    _style(figure, bottom=0.27 if crowded else 0.13)


def draw_trend(figure: Figure, points: Sequence[MonthPoint]) -> None:
    title = tr("Visits and money by month")
    figure.clear()
    if not points:
        _empty(figure, title, tr("No visits in this period"))
        return
    ax = figure.add_subplot()
    xs = list(range(len(points)))
    bars = ax.bar(xs, [p.visits for p in points], color=ACCENT, picker=True)
    for bar, point in zip(bars, points, strict=True):
        bar.set_gid(f"month:{point.month:%Y-%m}")
    ax.set_xticks(xs, [tr("Month %1").replace("%1", str(p.month.month)) for p in points])
    ax.set_ylabel(tr("Visits"), fontsize=8)
    money = ax.twinx()
    money.plot(xs, [p.money_fen / 1_000_000 for p in points], color=WARNING, marker="o", linewidth=1.5)
    money.set_ylabel(tr("Cash and goods (10 000 yuan)"), fontsize=8)
    money.set_ylim(bottom=0)
    money.spines[["top"]].set_visible(False)
    ax.set_title(title, loc="left")
    _style(figure, right=0.9)
    money.spines["right"].set_visible(True)


def draw_funds(figure: Figure, projects: Sequence[ProjectBar]) -> None:
    title = tr("Project funds: paid against allocated")
    figure.clear()
    if not projects:
        _empty(figure, title, tr("No projects in this year"))
        return
    ax = figure.add_subplot()
    shown = list(reversed(projects))  # the largest at the top
    ys = list(range(len(shown)))
    wan = 1_000_000  # fen in 万元
    allocated = ax.barh(ys, [p.allocated_fen / wan for p in shown], color="#e4ebf2", picker=True)
    paid = ax.barh(ys, [p.paid_fen / wan for p in shown], color=ACCENT, height=0.5, picker=True)
    for a, b, project in zip(allocated, paid, shown, strict=True):
        a.set_gid(f"project:{project.project_id}")
        b.set_gid(f"project:{project.project_id}")
        rate = project.rate
        ax.text(
            a.get_width(),
            a.get_y() + a.get_height() / 2,
            f" {rate * 100:.0f}%" if rate is not None else " —",
            va="center",
            fontsize=7,
        )
    ax.set_yticks(ys, [_short(p.name) for p in shown])
    _fit(ax.get_yticklabels())
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    ax.set_xlabel(tr("10 000 yuan"), fontsize=8)
    ax.set_title(title, loc="left")
    _style(figure, left=0.3, right=0.93, bottom=0.16)


def draw_year_on_year(figure: Figure, changes: Sequence[YearChange]) -> None:
    title = tr("Year on year")
    figure.clear()
    if not changes:
        _empty(figure, title, tr("Nothing to compare with"))
        return
    ax = figure.add_subplot()
    shown = list(reversed(changes))
    ys = list(range(len(shown)))
    values = [(c.change or 0.0) for c in shown]
    colours = [ACCENT if v >= 0 else WARNING for v in values]
    ax.barh(ys, values, color=colours)
    for y, value in zip(ys, values, strict=True):
        ax.text(
            value,
            y,
            f" {value * 100:+.1f}% " if value else " — ",
            va="center",
            ha="left" if value >= 0 else "right",
            fontsize=7,
        )
    ax.axvline(0, color=MUTED, linewidth=0.8)
    labels = [
        c.caption
        + "\n"
        + tr("%1 / a year earlier %2")
        .replace("%1", _amount(c.current, c.kind))
        .replace("%2", _amount(c.previous, c.kind))
        for c in shown
    ]
    ax.set_yticks(ys, labels)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    limit = max(0.1, *(abs(v) for v in values)) * 1.3
    ax.set_xlim(-limit, limit)
    ax.set_title(title, loc="left")
    _style(figure, left=0.34)
    ax.tick_params(axis="y", labelsize=7)


def _amount(value: int, kind: str) -> str:
    return f"{value / 100:,.0f}" if kind == "money" else f"{value:,}"


def _short(name: str, limit: int = 12) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def save_figure(figure: Figure, path: str | Path) -> Path:
    """The same figure as a picture or a PDF page (by the file's suffix)."""
    target = Path(path)
    figure.savefig(str(target), dpi=150 if target.suffix.lower() == ".png" else 100)
    return target
