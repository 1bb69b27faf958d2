"""Which figures disagree: one fact per metric and evidence span, and figures stated differently
for the same metric marked as a conflict."""

from __future__ import annotations

from dataclasses import replace

from ingest.records import Fact


def mark_conflicts(facts: list[Fact]) -> list[Fact]:
    """Keep one fact per metric and evidence span; figures that disagree are all marked."""
    out: list[Fact] = []
    seen: set[tuple[str, int, int]] = set()
    for f in facts:
        key = (f.metric, f.start, f.end)
        if key not in seen:
            seen.add(key)
            out.append(f)
    stated: dict[str, set[float]] = {}
    for f in out:
        if f.value is not None:
            stated.setdefault(f.metric, set()).add(f.value)
    return [replace(f, status="conflict") if f.value is not None and len(stated[f.metric]) > 1 else f for f in out]
