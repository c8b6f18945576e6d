"""The lazy table model and the record list built on it: pages on demand, service sorting, export."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import QModelRoleData, Qt
from pytestqt.qtbot import QtBot

from ui.models.lazy_table import (
    ID_ROLE,
    SORT_ROLE,
    LazyColumn,
    LazyTableModel,
    date_column,
    money_column,
    yes_no_column,
)
from ui.shell.tasks import SyncTaskRunner
from ui.widgets.list_parts import RecordTable
from ui.widgets.record_list import FilterSpec, ListQuery, RecordList


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    born: date
    paid_fen: int
    member: bool


PEOPLE = {
    f"p{i:04d}": Person(f"p{i:04d}", f"名字{i}", date(1950 + i % 50, 1 + i % 12, 1), i * 150, i % 3 == 0)
    for i in range(1000)
}
COLUMNS = [
    LazyColumn("name", "Name", lambda p: p.name),
    date_column("born", "Born", lambda p: p.born),
    money_column("paid", "Paid", lambda p: p.paid_fen),
    yes_no_column("member", "Member", lambda p: p.member, "yes", "no", sortable=False),
]


class Fetcher:
    def __init__(self) -> None:
        self.calls: list[int] = []

    def __call__(self, ids: Sequence[str]) -> list[Person]:
        self.calls.append(len(ids))
        return [PEOPLE[i] for i in ids if i in PEOPLE]


def test_model_passes_qt_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = LazyTableModel(COLUMNS, Fetcher())
    model.set_ids(sorted(PEOPLE)[:450])
    qtmodeltester.check(model, force_py=True)
    model.set_ids([])
    qtmodeltester.check(model, force_py=True)


def test_rows_load_a_page_at_a_time_only_when_asked() -> None:
    fetch = Fetcher()
    model = LazyTableModel(COLUMNS, fetch, page_size=200)
    model.set_ids(sorted(PEOPLE))
    assert model.rowCount() == 1000 and fetch.calls == []
    assert model.data(model.index(0, 0)) == "名字0"
    assert model.data(model.index(199, 1)) == f"{PEOPLE['p0199'].born:%Y-%m-%d}"
    assert fetch.calls == [200]  # one page served both rows
    assert model.data(model.index(650, 2)) == "975.00"  # shown in yuan
    assert model.data(model.index(650, 2), SORT_ROLE) == 97500  # sorted by the native fen
    assert fetch.calls == [200, 200]
    assert model.data(model.index(650, 0), ID_ROLE) == "p0650"
    model.mark_stale()
    model.data(model.index(0, 0))
    assert fetch.calls == [200, 200, 200]  # reloaded after a save


def test_missing_rows_and_failures_show_empty_cells() -> None:
    model = LazyTableModel(COLUMNS, Fetcher())
    model.set_ids(["p0001", "gone"])
    assert model.data(model.index(1, 0)) is None

    def broken(ids: Sequence[str]) -> list[Person]:
        raise RuntimeError("disk gone")

    failing = LazyTableModel(COLUMNS, broken)
    seen: list[object] = []
    failing.fetch_failed.connect(seen.append)
    failing.set_ids(["p0001"])
    assert failing.data(failing.index(0, 0)) is None and len(seen) == 1


def test_header_click_asks_the_service_to_sort() -> None:
    model = LazyTableModel(COLUMNS, Fetcher())
    asked: list[tuple[str, bool]] = []
    model.sort_requested.connect(lambda key, desc: asked.append((key, desc)))
    model.sort(1, Qt.SortOrder.DescendingOrder)
    model.sort(1, Qt.SortOrder.DescendingOrder)  # unchanged: no second query
    model.sort(3, Qt.SortOrder.AscendingOrder)  # not sortable
    assert asked == [("born", True)]


def test_missing_flag_is_drawn_as_a_warning() -> None:
    model = LazyTableModel(COLUMNS, Fetcher())
    model.set_ids(["p0001", "p0003"])
    assert model.data(model.index(0, 3)) == "no"
    assert model.data(model.index(0, 3), Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(1, 3), Qt.ItemDataRole.ForegroundRole) is None



def test_the_table_draws_each_cell_from_one_call_with_what_data_gives(qtbot: QtBot) -> None:
    """Qt's item delegate asks all of a cell's roles at once (``multiData``): the same answers."""
    fetch = Fetcher()
    model = LazyTableModel(COLUMNS, fetch)
    model.set_ids(["p0001", "p0003", "gone"])
    roles = [
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.ToolTipRole,
        SORT_ROLE,
        ID_ROLE,
        Qt.ItemDataRole.FontRole,  # not answered: left empty
    ]
    for row in range(3):
        for column in range(len(COLUMNS)):
            index = model.index(row, column)
            for role in roles:
                asked = QModelRoleData(int(role))
                index.multiData(asked)  # as the delegate asks, one role here
                assert asked.data() == model.data(index, role), (row, column, role)
    assert fetch.calls == [3]  # one page (its three ids), for all of it

    view = RecordTable(model, "test-multi")  # and drawn: the rows' texts on screen, the gap in colour
    qtbot.addWidget(view)
    view.resize(600, 200)
    view.show()
    qtbot.waitExposed(view)
    assert not view.grab().isNull() and fetch.calls == [3]

def _list(qtbot: QtBot, queries: list[ListQuery]) -> RecordList:
    def list_ids(q: ListQuery) -> list[str]:
        queries.append(q)
        ids = [p.id for p in PEOPLE.values() if q.text in p.name]
        if q.filters.get("member") is not None:
            ids = [i for i in ids if PEOPLE[i].member == q.filters["member"]]
        ordered = sorted(
            ids, key=lambda i: PEOPLE[i].born if q.sort_key == "born" else i, reverse=q.descending
        )
        return ordered[: q.limit] if q.limit else ordered

    widget = RecordList(
        SyncTaskRunner(),
        COLUMNS,
        list_ids=list_ids,
        fetch_rows=Fetcher(),
        settings_key="test-people",
        export_title="People",
        filters=[FilterSpec("member", "Member", [("All", None), ("Members", True), ("Others", False)])],
        default_sort=("name", False),
    )
    qtbot.addWidget(widget)
    return widget


def test_record_list_searches_filters_sorts_and_exports_what_it_shows(qtbot: QtBot, tmp_path: Path) -> None:
    queries: list[ListQuery] = []
    widget = _list(qtbot, queries)
    shown: list[int] = []
    widget.loaded.connect(shown.append)
    widget.completed.connect(lambda n: shown.append(-n))
    with qtbot.waitSignal(widget.completed, timeout=2000):
        widget.reload()
        # The first rows come at once; the rest of the ids follows once they are drawn.
        assert shown == [300] and widget.model.rowCount() == 300 and "…" in widget.count_label.text()
    assert shown == [300, -1000] and [q.limit for q in queries] == [300, None]
    assert widget.model.rowCount() == 1000 and "1,000" in widget.count_label.text()

    with qtbot.waitSignal(widget.loaded, timeout=2000):
        widget.search.setText("名字99")  # debounced: the query runs after the pause
    assert widget.model.rowCount() == 11  # 名字99, 名字990 … 名字999
    asked = len(queries)
    widget.search.setText("")
    widget.requery()  # back to a query answered a moment ago: its ids are reused
    assert len(queries) == asked and widget.model.rowCount() == 1000
    widget.reload()  # the data may have changed: asked again
    assert len(queries) > asked
    widget.set_search("名字99")
    widget.set_filter("member", True)
    assert queries[-1].filters == {"member": True}
    assert widget.model.rowCount() == 5  # 99, 990, 993, 996, 999

    widget.view.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)
    assert queries[-1].sort_key == "born" and queries[-1].descending

    widget.set_column_visible("paid", False)
    assert [c.key for c in widget.visible_columns()] == ["name", "born", "member"]
    target = tmp_path / "people.xlsx"
    widget.export_to(target)
    assert "5" in widget.message.text()
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Name", "Born", "Member")
    assert [r[0] for r in rows[1:]] == [PEOPLE[i].name for i in widget.model.ids()]

    again = _list(qtbot, [])  # the hidden column is remembered
    assert [c.key for c in again.visible_columns()] == ["name", "born", "member"]


def test_enter_and_double_click_open_the_record(qtbot: QtBot) -> None:
    widget = _list(qtbot, [])
    widget.reload()
    opened: list[str] = []
    widget.activated.connect(opened.append)
    widget.select_id("p0007")
    qtbot.keyClick(widget.view, Qt.Key.Key_Return)
    assert opened == ["p0007"] and widget.current_id() == "p0007"
