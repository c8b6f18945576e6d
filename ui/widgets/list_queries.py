"""How a record list asks for its ids: the first rows at once, the rest after, recent results kept.

``RecordList`` says what to show (a ``ListQuery``); ``IdQueries`` runs it through the task runner
and calls back only for the newest query: a result overtaken by a newer query, or one that
arrives after the list was closed, is dropped. Complete results of the last few queries are kept
until ``forget()`` (the records changed), so going back to an earlier query costs nothing.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import QObject, QTimer
from shiboken6 import isValid

from ui.shell.tasks import TaskRunner

FIRST_ROWS = 300  # shown before the whole id list is in: the first screens, at once
REST_DELAY_MS = 60  # the rest of a long list is asked for once the first rows are on screen
KEPT_RESULTS = 8  # earlier queries' ids kept until the data changes (a few MB at most)


@dataclass(frozen=True)
class ListQuery:
    """What the list shows; the page turns it into its service's filter."""

    text: str = ""
    filters: Mapping[str, Any] = field(default_factory=dict)
    division_code: str | None = None
    sort_key: str | None = None
    descending: bool = False
    limit: int | None = None  # only the first ids, in order (the list asks for these first)


def query_key(q: ListQuery) -> tuple[Any, ...]:
    """The query as a hashable key for the kept results (the limit left out: results are whole)."""
    return (
        q.text,
        tuple(sorted(q.filters.items(), key=lambda kv: kv[0])),
        q.division_code,
        q.sort_key,
        q.descending,
    )


class IdQueries(QObject):
    """The id queries of one list; a child of it, so a pending "rest of the list" dies with it."""

    def __init__(
        self, runner: TaskRunner, list_ids: Callable[[ListQuery], Sequence[str]], parent: QObject
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self._list_ids = list_ids
        self._generation = 0
        self._results: OrderedDict[tuple[Any, ...], list[str]] = OrderedDict()
        self._rest: Callable[[], object] = lambda: None
        self._rest_timer = QTimer(self)
        self._rest_timer.setSingleShot(True)
        self._rest_timer.setInterval(REST_DELAY_MS)
        self._rest_timer.timeout.connect(lambda: self._rest())

    def forget(self) -> None:
        """The records changed: no kept result may be shown again."""
        self._results.clear()

    def ask(
        self,
        query: ListQuery,
        *,
        shown: Callable[[Sequence[str], bool], None],
        completed: Callable[[Sequence[str]], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        """Ask for the ids of ``query``; earlier queries still running are overtaken.

        The first ``FIRST_ROWS`` ids are asked for first: ``shown(ids, complete)`` gets them, with
        ``complete`` true when that is all there is (or the result was kept). Otherwise the whole
        list follows in a second query and ``completed(ids)`` gets it.
        """
        self._rest_timer.stop()
        self._generation += 1
        generation = self._generation
        key = query_key(query)
        if key in self._results:
            self._results.move_to_end(key)
            shown(self._results[key], True)
            return

        def remember(ids: Sequence[str]) -> None:
            self._results[key] = list(ids)
            while len(self._results) > KEPT_RESULTS:
                self._results.popitem(last=False)

        def all_done(ids: Sequence[str]) -> None:
            if not isValid(self):
                return  # the list was closed while its query ran
            remember(ids)
            if generation == self._generation:
                completed(ids)

        def first_done(ids: Sequence[str]) -> None:
            if not isValid(self):
                return
            complete = len(ids) < FIRST_ROWS
            if complete:
                remember(ids)
            if generation != self._generation:
                return  # a newer query is on its way
            shown(ids, complete)
            if not complete:
                # After the first rows are drawn: reading a long id list holds the interpreter,
                # and the paint must not wait for it. A newer query in the meantime cancels it.
                self._rest = lambda: self.runner.read(
                    self._list_ids, query, on_done=all_done, on_error=failed
                )
                self._rest_timer.start()

        first = replace(query, limit=FIRST_ROWS)
        self.runner.read(self._list_ids, first, on_done=first_done, on_error=failed)
