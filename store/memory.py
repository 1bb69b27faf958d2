"""In-memory fakes of the three stores, for unit tests: the same Protocols, no files, no server.

They keep what the real stores keep and answer the same questions, without their speed or their
durability: a test of the library, the answerer or the page runs on them in milliseconds."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from typing import Any

import numpy as np

from ingest.records import Report, Section
from store.records import CheckRow, ChunkRow, FactRow, ReportData, ReportRow


def _row(report: Report, ingested_at: float) -> ReportRow:
    m = report.meta
    return ReportRow(
        report.id,
        report.identity,
        report.file_name,
        report.fmt,
        report.sha256,
        m.title,
        m.issuer,
        m.aliases,
        m.year,
        m.published,
        m.kind,
        m.layout,
        m.found,
        tuple(sorted({s.part for s in report.sections})),
        len(report.chunks),
        ingested_at,
    )


class MemoryCatalog:
    shared = False

    def __init__(self) -> None:
        self._reports: dict[str, tuple[Report, ReportRow]] = {}
        self._tokens: dict[str, list[list[str]]] = {}
        self._changes: list[tuple[int, str, str]] = []
        self._pending: dict[str, float] = {}
        self._generation = 0

    # -- reading ----------------------------------------------------------------------------

    def snapshot(self) -> AbstractContextManager[None]:
        return nullcontext()  # one thread's dict reads are already one state

    def generation(self) -> int:
        return self._generation

    def count(self) -> int:
        return len(self._reports)

    def reports(self) -> list[ReportRow]:
        rows = [row for _, row in self._reports.values()]
        return sorted(rows, key=lambda r: (r.issuer, -(r.year or 0)))

    def find(self, id_prefix: str) -> list[ReportRow]:
        return [row for rid, (_, row) in self._reports.items() if rid.startswith(id_prefix)]

    def by_sha(self, sha256: str) -> ReportRow | None:
        return next((row for _, row in self._reports.values() if row.sha256 == sha256), None)

    def by_identity(self, identity: str) -> ReportRow | None:
        return next((row for _, row in self._reports.values() if row.identity == identity), None)

    def report_text(self, report_id: str) -> str:
        return self._reports[report_id][0].text if report_id in self._reports else ""

    def report_texts(self, report_ids: list[str]) -> dict[str, str]:
        return {rid: self._reports[rid][0].text for rid in report_ids if rid in self._reports}

    def sections(self, report_id: str) -> list[Section]:
        return list(self._reports[report_id][0].sections) if report_id in self._reports else []

    def sections_of(self, report_ids: list[str]) -> dict[str, list[Section]]:
        return {rid: self.sections(rid) for rid in report_ids}

    def _chunk_rows(self, report: Report) -> list[ChunkRow]:
        return [
            ChunkRow(c.id, c.report_id, c.part, c.heading_path, c.start, c.end, c.page, c.is_table, c.text) for c in report.chunks
        ]

    def chunks(self, ids: list[str]) -> dict[str, ChunkRow]:
        wanted = set(ids)
        return {c.id: c for report, _ in self._reports.values() for c in self._chunk_rows(report) if c.id in wanted}

    def chunks_of(self, report_ids: list[str]) -> list[str]:
        return [c.id for rid in report_ids if rid in self._reports for c in self._reports[rid][0].chunks]

    def _selected(self, report_id: str | None, issuer: str | None, year: int | None) -> list[tuple[Report, ReportRow]]:
        return [
            (report, row)
            for report, row in sorted(self._reports.values(), key=lambda x: (x[1].issuer, -(x[1].year or 0), x[1].id))
            if (not report_id or row.id.startswith(report_id))
            and (not issuer or issuer in row.issuer or any(issuer in a for a in row.aliases))
            and (year is None or row.year == year)
        ]

    def facts(
        self, report_id: str | None = None, issuer: str | None = None, year: int | None = None, metric: str | None = None
    ) -> list[FactRow]:
        return [
            FactRow(row.id, row.file_name, row.issuer, row.year, f)
            for report, row in self._selected(report_id, issuer, year)
            for f in report.facts
            if not metric or f.metric == metric or f.metric.startswith(metric + ".")
        ]

    def checks(self, report_id: str | None = None, issuer: str | None = None, year: int | None = None) -> list[CheckRow]:
        return [
            CheckRow(row.id, row.file_name, row.issuer, row.year, c)
            for report, row in self._selected(report_id, issuer, year)
            for c in report.checks
        ]

    def read(self, report_ids: list[str]) -> dict[str, ReportData]:
        out = {}
        for rid in dict.fromkeys(report_ids):
            if rid in self._reports:
                report, _ = self._reports[rid]
                out[rid] = ReportData(
                    self._reports[rid][1],
                    report.text,
                    report.sections,
                    tuple(self._chunk_rows(report)),
                    tuple(self.facts(report_id=rid)),
                    tuple(self.checks(report_id=rid)),
                    report.items,
                )
        return out

    def fact_counts(self) -> dict[str, int]:
        return {rid: len(report.facts) for rid, (report, _) in self._reports.items() if report.facts}

    def failing_check_counts(self) -> dict[str, int]:
        counts = {rid: sum(not c.holds for c in report.checks) for rid, (report, _) in self._reports.items()}
        return {rid: n for rid, n in counts.items() if n}

    def token_rows(self, report_ids: list[str] | None = None) -> Iterator[tuple[str, str, list[str]]]:
        for rid in report_ids if report_ids is not None else list(self._reports):
            if rid in self._reports:
                for c, tokens in zip(self._reports[rid][0].chunks, self._tokens[rid]):
                    yield c.id, rid, tokens

    def changes_since(self, generation: int) -> list[tuple[int, str, str]] | None:
        return [c for c in self._changes if c[0] > generation]

    def chunk_reports(self) -> dict[str, str]:
        return {c.id: rid for rid, (report, _) in self._reports.items() for c in report.chunks}

    def orphan_rows(self) -> dict[str, int]:
        return {}  # rows live inside their report here

    def delete_orphan_rows(self) -> None:
        pass

    # -- writing ----------------------------------------------------------------------------

    def mark_pending(self, report_id: str) -> None:
        self._pending[report_id] = time.time()

    def pending(self, older_than: float = 0) -> list[str]:
        return [rid for rid, since in self._pending.items() if since <= time.time() - older_than]

    def clear_pending(self, report_id: str) -> None:
        self._pending.pop(report_id, None)

    def commit_report(self, report: Report, tokens: list[list[str]], replaces: str | None) -> None:
        self._generation += 1
        if replaces:
            self._pending[replaces] = time.time()
            self._remove(replaces)
        self._reports[report.id] = (report, _row(report, time.time()))
        self._tokens[report.id] = tokens
        self._pending.pop(report.id, None)
        self._changes.append((self._generation, report.id, "add"))

    def delete_report(self, report_id: str) -> None:
        self._generation += 1
        self._pending[report_id] = time.time()
        self._remove(report_id)

    def _remove(self, report_id: str) -> None:
        if self._reports.pop(report_id, None) is not None:
            self._tokens.pop(report_id, None)
            self._changes.append((self._generation, report_id, "remove"))


class MemoryVectors:
    def __init__(self) -> None:
        self._vectors: dict[str, np.ndarray] = {}
        self._meta: dict[str, dict[str, Any]] = {}

    def add(self, ids: list[str], vectors: np.ndarray, metadatas: list[dict[str, Any]]) -> None:
        for cid, vector, meta in zip(ids, vectors, metadatas):
            self._vectors[cid], self._meta[cid] = np.asarray(vector, dtype=np.float32), meta

    def delete_report(self, report_id: str) -> None:
        self.delete_ids([cid for cid, m in self._meta.items() if m["report_id"] == report_id])

    def delete_ids(self, ids: list[str]) -> None:
        for cid in ids:
            self._vectors.pop(cid, None)
            self._meta.pop(cid, None)

    def _nearest(self, vector: np.ndarray, k: int, ids: Iterable[str]) -> list[tuple[str, float]]:
        scored = [(cid, float(self._vectors[cid] @ vector)) for cid in ids if cid in self._vectors]
        return sorted(scored, key=lambda s: -s[1])[:k]

    def query(self, vector: np.ndarray, k: int, where: dict[str, Any] | None = None) -> list[tuple[str, float]]:
        def wanted(meta: dict[str, Any]) -> bool:
            for key, cond in (where or {}).items():
                allowed = cond["$in"] if isinstance(cond, dict) else [cond]
                if meta.get(key) not in allowed:
                    return False
            return True

        return self._nearest(vector, k, [cid for cid, m in self._meta.items() if wanted(m)])

    def nearest_among(self, vector: np.ndarray, k: int, chunk_ids: list[str]) -> list[tuple[str, float]]:
        return self._nearest(vector, k, chunk_ids)

    def count(self) -> int:
        return len(self._vectors)

    def chunk_reports(self) -> dict[str, str]:
        return {cid: str(m["report_id"]) for cid, m in self._meta.items()}


class MemoryKeywords:
    """Keyword search by shared tokens, weighted by how rare each token is: no BM25 tuning."""

    def __init__(self) -> None:
        self.generation = -1
        self._tokens: dict[str, tuple[str, set[str]]] = {}  # chunk id → (report id, tokens)

    def refresh(self, generation: int, changes: Any, rows: Any) -> None:
        if generation != self.generation:
            self.rebuild(generation, rows)

    def rebuild(self, generation: int, rows: Any) -> None:
        self._tokens = {cid: (rid, set(tokens)) for cid, rid, tokens in rows(None)}
        self.generation = generation

    def live_ids(self) -> set[str]:
        return set(self._tokens)

    def search(self, query_tokens: list[str], k: int, report_ids: Iterable[str] | None = None) -> list[tuple[str, float]]:
        scope = None if report_ids is None else set(report_ids)
        n = max(len(self._tokens), 1)
        df = {t: sum(t in tokens for _, tokens in self._tokens.values()) for t in set(query_tokens)}
        scored = []
        for cid, (rid, tokens) in self._tokens.items():
            if scope is None or rid in scope:
                score = sum(np.log(1 + n / df[t]) for t in set(query_tokens) if t in tokens)
                if score > 0:
                    scored.append((cid, float(score)))
        return sorted(scored, key=lambda s: -s[1])[:k]
