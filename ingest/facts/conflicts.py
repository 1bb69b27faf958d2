"""Which figures disagree: one fact per metric, evidence span and value, and issuer-wide figures
stated differently for the same metric marked as a conflict.

A sub-unit's figure (区直各单位, 各乡镇, 其中…) is a part of the whole, not a second statement of
it: it is kept with its scope and never marks, or is marked by, the issuer's total. A table
against a sentence, or two issuer-wide sentences, for the same metric stay a conflict."""

from __future__ import annotations

from dataclasses import replace

from ingest.records import Fact


def mark_conflicts(facts: list[Fact]) -> list[Fact]:
    """Keep one fact per metric, evidence span and value; issuer-wide figures that disagree are all marked."""
    out: list[Fact] = []
    seen: set[tuple[str, int, int, float | None, str]] = set()
    for f in facts:
        key = (f.metric, f.start, f.end, f.value, f.scope)
        if key not in seen:
            seen.add(key)
            out.append(f)
    stated: dict[str, set[float]] = {}
    for f in out:
        if f.value is not None and f.scope == "report":
            stated.setdefault(f.metric, set()).add(f.value)
    return [
        replace(f, status="conflict") if f.value is not None and f.scope == "report" and len(stated[f.metric]) > 1 else f
        for f in out
    ]
