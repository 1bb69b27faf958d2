"""Hybrid passage search: e5 vectors and BM25 keywords, fused, limited to reports the catalog lists."""

from __future__ import annotations

from dataclasses import dataclass

from retrieval.fusion import reciprocal_rank_fusion
from retrieval.issuers import issuers_of, resolve
from store.keywords import tokenize
from store.library import Library
from store.records import ReportRow

EXACT_SCOPE = 200  # reports; a question limited to at most this many compares their vectors exactly


@dataclass(frozen=True)
class Passage:
    chunk_id: str
    report_id: str
    file_name: str
    issuer: str
    year: int | None
    part: str
    section: str
    text: str
    start: int
    end: int
    page: int | None
    score: float


def _mentioned(query: str, reports: list[ReportRow], scope: list[ReportRow]) -> tuple[list[ReportRow], str]:
    """Reports of the issuers the query names, read by the resolver questions use, and the words that named them."""
    names, typed, _ = resolve(query, issuers_of(reports))
    return [r for r in scope if r.issuer in names], typed


def search(
    library: Library,
    query: str,
    k: int = 5,
    issuer: str | None = None,
    year: int | None = None,
    report_ids: set[str] | None = None,
) -> list[Passage]:
    """Top passages for ``query``; ``report_ids`` (already resolved by the caller) or the issuer and
    year named in the query or given limit where they come from."""
    reports = library.reports()
    if report_ids is None:
        candidates = reports
    else:
        known = library.reports_by_id()
        candidates = [known[r] for r in report_ids if r in known]
    scope = [
        r
        for r in candidates
        if (issuer is None or issuer in r.aliases or issuer == r.issuer) and (year is None or r.year == year)
    ]
    topic = query
    if issuer is None and report_ids is None:
        named, typed = _mentioned(query, reports, scope)
        if named:
            # the issuer becomes a filter; what is left of the query says what to look for
            scope = named
            for name in typed.split("、"):
                topic = topic.replace(name, " ")
            topic = topic.strip() or query
    by_id = {r.id: r for r in scope}
    if not by_id:
        return []
    scoped = list(by_id) if len(by_id) < len(reports) else None
    library.refresh_keywords()
    depth = max(4 * k, 20)
    keyword_hits = library.keywords.search(tokenize(topic), depth, scoped)
    vector = library.embedder.embed_query(topic)
    if scoped and len(scoped) <= EXACT_SCOPE:
        dense_hits = library.vectors.nearest_among(vector, depth, library.catalog.chunks_of(scoped))
    else:
        dense_hits = library.vectors.query(vector, depth, {"report_id": {"$in": scoped}} if scoped else None)
    fused = reciprocal_rank_fusion([[c for c, _ in dense_hits], [c for c, _ in keyword_hits]])
    rows = library.catalog.chunks([c for c, _ in fused[: 3 * k]])
    passages = []
    for chunk_id, score in fused:
        row = rows.get(chunk_id)
        if row is None or row.report_id not in by_id:
            continue  # vectors of a report being replaced or deleted
        report = by_id[row.report_id]
        passages.append(
            Passage(
                chunk_id=chunk_id,
                report_id=row.report_id,
                file_name=report.file_name,
                issuer=report.issuer,
                year=report.year,
                part=row.part,
                section=" / ".join(row.heading_path),
                text=row.text,
                start=row.start,
                end=row.end,
                page=row.page,
                score=score,
            )
        )
        if len(passages) >= k:
            break
    return passages
