"""Figures across reports: ranking, totals, averages, change between two years, and which
issuers state a figure at all. Plain functions over stored facts, so the chat and a statistics
page compute alike; each result keeps the fact it comes from, for its citation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ingest.records import Fact, preferred
from store.records import FactRow, ReportRow


@dataclass(frozen=True)
class Entry:
    """One report's figure: the issuer-wide fact the report states for the metric."""

    issuer: str
    year: int | None
    report_id: str
    fact: Fact

    @property
    def value(self) -> float:
        return self.fact.value or 0.0


@dataclass(frozen=True)
class Change:
    before: Entry
    after: Entry

    @property
    def difference(self) -> float:
        return self.after.value - self.before.value

    @property
    def rate(self) -> float | None:
        """Growth in percent; None when the earlier figure is 0."""
        return self.difference / self.before.value * 100 if self.before.value else None


def entries(rows: Iterable[FactRow], metric: str, reports: dict[str, ReportRow]) -> list[Entry]:
    """One entry per report among ``reports`` stating ``metric`` as a read, issuer-wide figure
    (a sub-unit's figure or an unreadable row is not the issuer's)."""
    by_report: dict[str, list[Fact]] = {}
    for r in rows:
        if r.fact.metric == metric and r.report_id in reports and r.fact.scope != "sub_unit" and r.fact.value is not None:
            by_report.setdefault(r.report_id, []).append(r.fact)
    out = []
    for report_id, facts in by_report.items():
        best = preferred(facts)
        if best is not None:
            report = reports[report_id]
            out.append(Entry(report.issuer, report.year, report_id, best))
    return sorted(out, key=lambda e: (e.issuer, -(e.year or 0)))


def latest_per_issuer(found: list[Entry]) -> list[Entry]:
    """Each issuer's latest year, for a comparison across issuers when no year is asked."""
    best: dict[str, Entry] = {}
    for e in found:
        if e.issuer not in best or (e.year or 0) > (best[e.issuer].year or 0):
            best[e.issuer] = e
    return list(best.values())


def rank(found: list[Entry], top: int = 0, ascending: bool = False) -> list[Entry]:
    """Largest first (smallest first when ``ascending``); ties in issuer order; ``top`` 0 keeps all."""
    ordered = sorted(found, key=lambda e: (e.value if ascending else -e.value, e.issuer))
    return ordered[:top] if top else ordered


def total(found: list[Entry]) -> float:
    return sum(e.value for e in found)


def average(found: list[Entry]) -> float | None:
    return total(found) / len(found) if found else None


def change(found: list[Entry], before: int, after: int) -> list[Change]:
    """The change of each issuer's figure from year ``before`` to year ``after``."""
    of = {(e.issuer, e.year): e for e in found}
    return [
        Change(of[(i, before)], of[(i, after)])
        for i in sorted({e.issuer for e in found})
        if (i, before) in of and (i, after) in of
    ]


def stating(found: list[Entry], positive: bool = True) -> list[Entry]:
    """Entries whose figure is above zero (哪些单位收取了信息处理费), or zero when not ``positive``."""
    return [e for e in found if (e.value > 0) == positive]
