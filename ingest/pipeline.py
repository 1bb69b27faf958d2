"""From file to stored report: load → clean → describe → sections → chunks → facts and items →
embed → store (``store.library.Library.put``)."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ingest.chunks import chunk_report
from ingest.clean import clean
from ingest.errors import EmptyDocument, IngestError, ParseTimeout, TooLarge
from ingest.facts import extract
from ingest.items import part_items
from ingest.load import SUPPORTED, load_bytes
from ingest.metadata import describe
from ingest.records import REPORT_ID_LENGTH, IngestResult, Outcome, Report
from ingest.sections import find_sections
from store.keywords import tokenize
from store.library import Library

log = logging.getLogger(__name__)


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
    failed_zh: str = ""


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
        items = part_items(cleaned.text, sections)
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
        items=items,
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


def expand_paths(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED)
        else:
            files.append(p)
    return files


class Ingester:
    """Files into the library: parsed here, stored through ``Library.put``."""

    supported = frozenset(SUPPORTED)

    def __init__(self, library: Library, max_bytes: int = MAX_BYTES) -> None:
        self.library = library
        self.max_bytes = max_bytes

    @staticmethod
    def expand(paths: list[Path]) -> list[Path]:
        return expand_paths(paths)

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
            return _Prepared(path.name, Stopwatch(), failed=f"无法读取文件：{e.strerror} ({e})", failed_zh="无法读取文件")
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
            return _Prepared(file_name, watch, failed=e.bilingual(), failed_zh=e.message_zh)
        except Exception as e:  # a parser failing in a way nobody foresaw: this file fails, nothing else
            log.exception("cannot parse %s", file_name)
            failed = f"无法解析该文件：cannot parse ({e.__class__.__name__})"
            return _Prepared(file_name, watch, failed=failed, failed_zh="无法解析该文件")
        with watch.step("keywords"):
            tokens = [tokenize(c.text) for c in report.chunks]
        return _Prepared(file_name, watch, report, tokens)

    def _finish(self, prepared: _Prepared) -> IngestResult:
        """Embed and store a prepared report (or report why not)."""
        file_name, watch, report = prepared.file_name, prepared.watch, prepared.report
        if report is None:
            return IngestResult(
                file_name, "failed", message=prepared.failed, seconds=watch.seconds, message_zh=prepared.failed_zh
            )
        catalog = self.library.catalog
        same = catalog.by_sha(report.sha256)
        if same is not None:
            return IngestResult(file_name, "unchanged", same.id, seconds=watch.seconds)
        previous = catalog.by_identity(report.identity)
        with watch.step("embed"):
            vectors = self.library.embedder.embed_documents([c.text for c in report.chunks])
        with watch.step("store"):
            self.library.put(report, prepared.tokens, vectors, previous)
        log.info("stored %s as %s (%d chunks)", file_name, report.id, len(report.chunks))
        note = "" if report.meta.kind == "annual_report" else "注意：这不像政府信息公开工作年度报告，已作为其他文件收录"
        outcome: Outcome = "updated" if previous else "added"
        return IngestResult(
            file_name, outcome, report.id, note and f"{note}（not an annual report）", watch.seconds, message_zh=note
        )
