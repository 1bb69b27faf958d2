"""Split a run of digits back into the table cells it was flattened from, and decode all the runs
of one table together with the table's arithmetic.

"640020470" with seven cells whose first six sum to the seventh has one reading, 64 0 0 2 0 4 70;
a run with several readings is settled by the other rows (一+二 = 三(七)+四 per column, the
result rows summing to (七)总计), and a cell stays unresolved only when the readings the whole
table allows disagree on it. A cell has no leading zero unless it is 0; where the page kept a
space (or a minus sign) inside the run, a cell boundary is there."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

MAX_CELL_DIGITS = 9
MAX_READINGS = 300_000
MAX_SOLUTIONS = 5_000  # joint readings of a table enumerated before giving up (cells then unresolved)

_CELL = re.compile(r"(?:0|-?[1-9]\d{0,8})(?:\.\d+)?")
Cells = tuple[float | None, ...]


def _value(text: str) -> float:
    return float(text)


def readings(
    run: str,
    cells: int,
    cuts: frozenset[int] = frozenset(),
    prefix_ok: Callable[[tuple[float, ...]], bool] | None = None,
) -> Iterator[tuple[float, ...]]:
    """Every way to cut ``run`` into ``cells`` numbers without leading zeros, with a boundary at
    every position in ``cuts``; ``prefix_ok`` prunes partial readings early (a group's sum)."""
    n = len(run)

    def cut(pos: int, left: int, done: tuple[float, ...]) -> Iterator[tuple[float, ...]]:
        if left == 0:
            if pos == n:
                yield done
            return
        limit = n - (left - 1)
        for end in range(pos + 1, limit + 1):
            if any(pos < c < end for c in cuts):
                break  # a kept boundary inside this cell
            piece = run[pos:end]
            if not _CELL.fullmatch(piece):
                if "-" in piece[1:] or piece.startswith(("0", "-0")) and "." not in piece[:2]:
                    break  # a sign inside, or a leading zero: longer pieces are no better
                continue
            values = (*done, _value(piece))
            if prefix_ok is not None and not prefix_ok(values):
                continue
            yield from cut(end, left - 1, values)

    if re.fullmatch(r"[-\d.]+", run) and cells <= len(run) <= cells * (MAX_CELL_DIGITS + 4):
        yield from cut(0, cells, ())


def decode(
    run: str,
    cells: int,
    holds: Callable[[tuple[float, ...]], bool],
    cuts: frozenset[int] = frozenset(),
    prefix_ok: Callable[[tuple[float, ...]], bool] | None = None,
) -> list[tuple[float, ...]] | None:
    """The readings for which the table's own arithmetic ``holds``; None when there are too many
    readings to try them all (the run then stays unresolved)."""
    found: list[tuple[float, ...]] = []
    for i, values in enumerate(readings(run, cells, cuts, prefix_ok)):
        if i >= MAX_READINGS:
            return None
        if holds(values):
            found.append(values)
    return found


def applicant_sum(values: Sequence[float]) -> bool:
    """Six applicant columns add up to 总计."""
    return len(values) == 7 and abs(sum(values[:6]) - values[6]) < 1e-6


def applicant_prefix(values: tuple[float, ...]) -> bool:
    """No applicant column exceeds 总计 once it is known; before that, anything goes."""
    return len(values) < 7 or applicant_sum(values)


def review_sums(values: Sequence[float]) -> bool:
    """In each group of five (复议, 直接起诉, 复议后起诉) the four results add up to 总计."""
    return all(abs(sum(values[g : g + 4]) - values[g + 4]) < 1e-6 for g in range(0, len(values), 5))


def review_prefix(values: tuple[float, ...]) -> bool:
    """Check each finished group of five as soon as it is read, so long runs stay cheap."""
    done = len(values) - len(values) % 5
    return len(values) % 5 != 0 or review_sums(values[done - 5 : done])


def agreed(options: Sequence[Cells]) -> Cells | None:
    """Per cell, the value every option gives it (None where they differ); None without options."""
    if not options:
        return None
    first = options[0]
    return tuple(v if all(o[i] == v for o in options[1:]) else None for i, v in enumerate(first))


@dataclass(frozen=True)
class Rule:
    """sum(left rows) = sum(right rows), in every column where all of them are stated."""

    left: tuple[str, ...]
    right: tuple[str, ...]


def solve(options: dict[str, list[Cells]], rules: Sequence[Rule], width: int) -> list[dict[str, Cells]] | None:
    """Every choice of one reading per row for which all ``rules`` hold, by backtracking over
    the ambiguous rows with a bounds check on the rules they are still open in. None when there
    are more than MAX_SOLUTIONS (the table then decides nothing beyond each row alone)."""
    rules = [r for r in rules if all(m in options and options[m] for m in r.left + r.right)]
    order = sorted((k for k in options if len(options[k]) > 1), key=lambda k: len(options[k]))
    fixed = {k: v[0] for k, v in options.items() if len(v) == 1}
    bounds: dict[str, list[tuple[float, float] | None]] = {}
    for k, opts in options.items():
        cols: list[tuple[float, float] | None] = []
        for c in range(width):
            vals = [o[c] for o in opts]
            cols.append(
                None
                if any(v is None for v in vals)
                else (min(v for v in vals if v is not None), max(v for v in vals if v is not None))
            )
        bounds[k] = cols

    def interval(rule: Rule, c: int, chosen: dict[str, Cells]) -> tuple[float, float] | None:
        """The range sum(left) - sum(right) can still take in column ``c`` (None: not stated)."""
        lo = hi = 0.0
        for sign, rows in ((1.0, rule.left), (-1.0, rule.right)):
            for m in rows:
                if m in chosen:
                    v = chosen[m][c]
                    if v is None:
                        return None
                    low = high = v
                else:
                    b = bounds[m][c]
                    if b is None:
                        return None
                    low, high = b
                lo, hi = (lo + low, hi + high) if sign > 0 else (lo - high, hi - low)
        return lo, hi

    def feasible(chosen: dict[str, Cells]) -> bool:
        for rule in rules:
            for c in range(width):
                span = interval(rule, c, chosen)
                if span is not None and (span[0] > 1e-6 or span[1] < -1e-6):
                    return False
        return True

    solutions: list[dict[str, Cells]] = []

    def search(i: int, chosen: dict[str, Cells]) -> bool:
        if not feasible(chosen):
            return True
        if i == len(order):
            solutions.append(dict(chosen))
            return len(solutions) <= MAX_SOLUTIONS
        key = order[i]
        for option in options[key]:
            chosen[key] = option
            if not search(i + 1, chosen):
                return False
        del chosen[key]
        return True

    complete = search(0, dict(fixed))
    return solutions if complete else None
