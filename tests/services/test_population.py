"""常住人口 by township and year: recorded in one transaction by those who manage divisions, the
latest earlier figure standing in for a year not recorded, refused for a village or a bad number."""

from __future__ import annotations

import pytest

from app.domain.errors import UserInputError
from app.services import evaluation
from app.services.shared.workspace import Workspace

TOWN, OTHER = "430121001000", "430121002000"


def test_populations_saved_cleared_and_carried_forward(workspace: Workspace) -> None:
    assert evaluation.save_populations(workspace, 2025, {TOWN: 20_000, OTHER: 31_000}) == 2
    assert evaluation.save_populations(workspace, 2026, {TOWN: 21_000}) == 1
    rows = {r.code: r for r in evaluation.township_populations(workspace, 2026)}
    assert (rows[TOWN].residents, rows[TOWN].latest, rows[TOWN].latest_year) == (21_000, 20_000, 2025)
    assert (rows[OTHER].residents, rows[OTHER].latest) == (None, 31_000)
    assert evaluation.save_populations(workspace, 2026, {TOWN: 21_000}) == 0  # unchanged: nothing written
    assert evaluation.save_populations(workspace, 2026, {TOWN: None}) == 1
    assert {r.code: r.residents for r in evaluation.township_populations(workspace, 2026)}[TOWN] is None


@pytest.mark.parametrize(
    ("values", "text"),
    [({"430121001001": 100}, "只按乡镇"), ({TOWN: 0}, "常住人口 0 不对"), ({TOWN: 9_000_000}, "不对")],
)
def test_bad_figures_refuse_the_whole_set(workspace: Workspace, values: dict[str, int], text: str) -> None:
    with pytest.raises(UserInputError, match=text):
        evaluation.save_populations(workspace, 2026, {OTHER: 5_000, **values})
    assert all(r.residents is None for r in evaluation.township_populations(workspace, 2026))
