"""From file to stored report: load → clean → describe → sections → chunks → facts → embed → store.

Vectors are written first and the catalog row commits last, so a query never sees a half-ingested
report; a crash in between leaves vectors of a report the catalog does not list, which
``Library.recover`` deletes on the next start."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np

from ingest.catalog import Catalog, ChunkRow, ReportRow, sqlite_url
from ingest.chunks import chunk_report
from ingest.clean import clean
from ingest.embed import Embedder
from ingest.errors import EmptyDocument, IngestError, ParseTimeout, TooLarge
from ingest.facts import extract
from ingest.keywords import KeywordIndex, tokenize
from ingest.load import SUPPORTED, load_bytes
from ingest.metadata import describe
from ingest.records import REPORT_ID_LENGTH, Chunk, Report
from ingest.sections import find_sections
from ingest.vectors import COLLECTION, ChromaStore

log = logging.getLogger(__name__)

Outcome = Literal["added", "updated", "unchanged", "failed"]


@dataclass(frozen=True)
class IngestResult:
    file_name: str
    outcome: Outcome
    report_id: str = ""
    message: str = ""
    seconds: dict[str, float] = field(default_factory=dict)  # time per step: load, clean, facts, embed, …


class Stopwatch:
    """Seconds spent per named step, added up."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - t0


MAX_BYTES = 50 * 1024 * 1024
PARSE_SECONDS = 120  # a file that takes longer to read is refused (the request does not hang on it)


@dataclass
class _Prepared:
    """A file read and parsed, waiting for its embedding; or the reason it failed."""

    file_name: str
    watch: Stopwatch
    report: Report | None = None
    tokens: list[list[str]] = field(default_factory=list)
    failed: str = ""


def safe_name(name: str) -> str:
    """A file name as stored and shown: no folders, no control characters, at most 120 characters."""
    base = re.split(r"[\\/]", name)[-1]
    base = re.sub(r"[\x00-\x1f\x7f]", "", base).strip() or "未命名"
    return base[-120:]


def build_report(data: bytes, file_name: str, watch: Stopwatch | None = None) -> Report:
    """Everything up to (not including) embedding: pure work on the file's bytes."""
    watch = watch or Stopwatch()
    with watch.step("load"):
        doc = load_bytes(data, file_name)
    with watch.step("clean"):
        cleaned = clean(doc)
        if not cleaned.text.strip():
            raise EmptyDocument("nothing left after removing page furniture")
        meta = describe(doc, cleaned)
        sections = find_sections(cleaned, meta.kind == "annual_report")
        report_id = doc.sha256[:REPORT_ID_LENGTH]
        chunks = chunk_report(report_id, cleaned, sections)
    with watch.step("facts"):
        facts, checks = extract(cleaned, sections, chunks, meta.layout, meta.year)
    return Report(
        id=report_id,
        file_name=doc.file_name,
        fmt=doc.fmt,
        sha256=doc.sha256,
        meta=meta,
        text=cleaned.text,
        sections=sections,
        chunks=chunks,
        facts=facts,
        checks=checks,
    )


def _build_with_limit(data: bytes, file_name: str, watch: Stopwatch) -> Report:
    """build_report, given up after PARSE_SECONDS. The parser thread cannot be stopped, but nobody
    waits for it: the file fails with its own message and the caller moves on."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="parse")
    try:
        return pool.submit(build_report, data, file_name, watch).result(timeout=PARSE_SECONDS)
    except TimeoutError as e:
        raise ParseTimeout(f"not read within {PARSE_SECONDS} s") from e
    finally:
        pool.shutdown(wait=False)


def vector_metadata(
    report_id: str, issuer: str, year: int | None, chunks: Iterable[Chunk | ChunkRow]
) -> list[dict[str, str | int]]:
    """What Chroma keeps beside each passage's vector (filters and a readable trail)."""
    return [
        {
            "report_id": report_id,
            "issuer": issuer,
            "year": year or 0,
            "part": c.part,
            "heading_path": " / ".join(c.heading_path),
            "start": c.start,
            "end": c.end,
            "page": c.page or 0,
        }
        for c in chunks
    ]


def expand_paths(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED)
        else:
            files.append(p)
    return files


class Library:
    """The stored reports: catalog (truth), Chroma vectors and the keyword index, kept in step."""

    def __init__(
        self,
        data_dir: Path,
        embedder: Embedder,
        chroma_host: str | None = None,
        chroma_port: int = 8000,
        max_bytes: int = MAX_BYTES,
        catalog_url: str | None = None,
        collection: str = COLLECTION,
    ) -> None:
        """The store under ``data_dir``; with ``catalog_url`` (PostgreSQL) and ``chroma_host`` the
        catalog and vectors live on servers that other instances share, and ``data_dir`` keeps only
        this instance's copy of the keyword index."""
        self.data_dir = data_dir
        self.max_bytes = max_bytes
        self.embedder = embedder
        self.catalog = Catalog(catalog_url or sqlite_url(data_dir / "catalog.sqlite3"))
        self.vectors = ChromaStore(path=data_dir / "chroma", host=chroma_host, port=chroma_port, collection=collection)
        self.keywords = KeywordIndex(data_dir / "keywords")
        self._reports: tuple[int, list[ReportRow], dict[str, ReportRow]] = (-1, [], {})
        self.recover()

    def reports(self) -> list[ReportRow]:
        """Every stored report, read again only when the catalog's generation moves."""
        generation = self.catalog.generation()
        if self._reports[0] != generation:
            rows = self.catalog.reports()
            self._reports = (generation, rows, {r.id: r for r in rows})
        return self._reports[1]

    def reports_by_id(self) -> dict[str, ReportRow]:
        """The same reports by id (one generation check for any number of look-ups)."""
        self.reports()
        return self._reports[2]

    def warm_up(self) -> None:
        """Load what the first question would otherwise wait for: the model, the report list and
        the keyword index."""
        warm_up = getattr(self.embedder, "warm_up", None)
        if warm_up is not None:
            warm_up()
        self.reports()
        self.refresh_keywords()

    def recover(self, older_than: float | None = None) -> None:
        """Delete vectors left by an interrupted ingest or delete (reports the catalog does not list).

        On a shared catalog another instance may be ingesting right now, with its vectors written
        and its catalog row not yet committed; there, by default, only trails older than an hour
        are cleared (``nianbao doctor --repair`` clears all)."""
        if older_than is None:
            older_than = 3600 if self.catalog.engine.dialect.name != "sqlite" else 0
        for report_id in self.catalog.pending(older_than):
            if not self.catalog.find(report_id):
                log.info("removing leftover vectors of %s", report_id)
                self.vectors.delete_report(report_id)
            self.catalog.clear_pending(report_id)

    def refresh_keywords(self) -> None:
        self.keywords.refresh(self.catalog.generation(), self.catalog.changes_since, self.catalog.token_rows)

    def ingest_bytes(self, data: bytes, file_name: str) -> IngestResult:
        return self._finish(self._prepare(data, file_name))

    def ingest_file(self, path: Path) -> IngestResult:
        return self._finish(self._prepare_file(path))

    def ingest_files(self, paths: Iterable[Path]) -> Iterator[IngestResult]:
        """Ingest in order; reading and parsing the next file (Python, one core) overlaps with
        embedding this one (ONNX Runtime, outside the GIL)."""
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="prepare") as pool:
            ahead: Future[_Prepared] | None = None
            for path in paths:
                following = pool.submit(self._prepare_file, path)
                if ahead is not None:
                    yield self._finish(ahead.result())
                ahead = following
            if ahead is not None:
                yield self._finish(ahead.result())

    def _prepare_file(self, path: Path) -> _Prepared:
        try:
            data = path.read_bytes()
        except OSError as e:
            return _Prepared(path.name, Stopwatch(), failed=f"无法读取文件：{e.strerror} ({e})")
        return self._prepare(data, path.name)

    def _prepare(self, data: bytes, file_name: str) -> _Prepared:
        """The work that needs no store: parse the file and cut its passages into keyword tokens."""
        file_name = safe_name(file_name)
        watch = Stopwatch()
        try:
            if len(data) > self.max_bytes:
                raise TooLarge(f"{len(data) // (1024 * 1024)} MB; at most {self.max_bytes // (1024 * 1024)} MB")
            report = _build_with_limit(data, file_name, watch)
        except IngestError as e:
            return _Prepared(file_name, watch, failed=e.bilingual())
        except Exception as e:  # a parser failing in a way nobody foresaw: this file fails, nothing else
            log.exception("cannot parse %s", file_name)
            return _Prepared(file_name, watch, failed=f"无法解析该文件：cannot parse ({e.__class__.__name__})")
        with watch.step("keywords"):
            tokens = [tokenize(c.text) for c in report.chunks]
        return _Prepared(file_name, watch, report, tokens)

    def _finish(self, prepared: _Prepared) -> IngestResult:
        """Embed and store a prepared report (or report why not)."""
        file_name, watch, report = prepared.file_name, prepared.watch, prepared.report
        if report is None:
            return IngestResult(file_name, "failed", message=prepared.failed, seconds=watch.seconds)
        same = self.catalog.by_sha(report.sha256)
        if same is not None:
            return IngestResult(file_name, "unchanged", same.id, seconds=watch.seconds)
        previous = self.catalog.by_identity(report.identity)
        with watch.step("embed"):
            vectors = self.embedder.embed_documents([c.text for c in report.chunks])
        with watch.step("store"):
            self._store(report, prepared.tokens, vectors, previous)
        log.info("stored %s as %s (%d chunks)", file_name, report.id, len(report.chunks))
        note = (
            ""
            if report.meta.kind == "annual_report"
            else "注意：这不像政府信息公开工作年度报告，已作为其他文件收录（not an annual report）"
        )
        return IngestResult(file_name, "updated" if previous else "added", report.id, note, watch.seconds)

    def _store(self, report: Report, tokens: list[list[str]], vectors: np.ndarray, previous: ReportRow | None) -> None:
        self.catalog.mark_pending(report.id)
        meta = report.meta
        self.vectors.add(
            [c.id for c in report.chunks], vectors, vector_metadata(report.id, meta.issuer, meta.year, report.chunks)
        )
        self.catalog.commit_report(report, tokens, replaces=previous.id if previous else None)
        if previous is not None:
            self.vectors.delete_report(previous.id)
            self.catalog.clear_pending(previous.id)

    def delete(self, report_id: str) -> None:
        self.catalog.delete_report(report_id)
        self.vectors.delete_report(report_id)
        self.catalog.clear_pending(report_id)
