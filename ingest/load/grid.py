"""From a grid of cells (with colspan continuations marked) to a Table: trailing blanks trimmed,
empty rows dropped, continuation marks kept on the right cells."""

from __future__ import annotations

from collections.abc import Sequence

from ingest.records import Table


def table_from_grid(grid: Sequence[Sequence[str]], spans: set[tuple[int, int]], page: int | None = None) -> Table | None:
    rows: list[tuple[str, ...]] = []
    kept: set[tuple[int, int]] = set()
    for r, cells in enumerate(grid):
        row = list(cells)
        while row and not row[-1]:
            row.pop()
        if any(row):
            kept |= {(len(rows), c) for c in range(len(row)) if (r, c) in spans}
            rows.append(tuple(row))
    return Table(rows=tuple(rows), page=page, spans=frozenset(kept)) if rows else None


def stack(top: Table, bottom: Table) -> Table:
    """A table continued on the next page: ``bottom``'s rows under ``top``'s."""
    shift = len(top.rows)
    spans = top.spans | {(r + shift, c) for r, c in bottom.spans}
    return Table(rows=top.rows + bottom.rows, page=top.page, spans=frozenset(spans))
