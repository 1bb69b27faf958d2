"""Split a run of digits back into the table cells it was flattened from.

"640020470" with seven cells whose first six sum to the seventh has one reading, 64 0 0 2 0 4 70;
a run with several readings stays unresolved. A cell has no leading zero unless it is 0."""

from __future__ import annotations

from collections.abc import Callable, Iterator

MAX_CELL_DIGITS = 9
MAX_READINGS = 300_000


def readings(run: str, cells: int) -> Iterator[tuple[int, ...]]:
    """Every way to cut ``run`` into ``cells`` numbers without leading zeros."""

    def cut(pos: int, left: int) -> Iterator[tuple[int, ...]]:
        rest = len(run) - pos
        if left == 1:
            if rest <= MAX_CELL_DIGITS and (rest == 1 or run[pos] != "0"):
                yield (int(run[pos:]),)
            return
        longest = 1 if run[pos] == "0" else min(MAX_CELL_DIGITS, rest - (left - 1))
        for n in range(1, longest + 1):
            head = int(run[pos : pos + n])
            for tail in cut(pos + n, left - 1):
                yield (head, *tail)

    if run.isdigit() and cells <= len(run) <= cells * MAX_CELL_DIGITS:
        yield from cut(0, cells)


def decode(run: str, cells: int, holds: Callable[[tuple[int, ...]], bool]) -> list[tuple[int, ...]] | None:
    """The readings for which the table's own arithmetic ``holds``; None when there are too many
    readings to try them all (the run then stays unresolved)."""
    found: list[tuple[int, ...]] = []
    for i, values in enumerate(readings(run, cells)):
        if i >= MAX_READINGS:
            return None
        if holds(values):
            found.append(values)
    return found


def applicant_sum(values: tuple[int, ...]) -> bool:
    """Six applicant columns add up to 总计."""
    return sum(values[:6]) == values[6]


def review_sums(values: tuple[int, ...]) -> bool:
    """In each group of five (复议, 直接起诉, 复议后起诉) the four results add up to 总计."""
    return all(sum(values[g : g + 4]) == values[g + 4] for g in range(0, len(values), 5))
