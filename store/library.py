"""The stored reports: catalog (the truth), vectors and keyword index, kept in step.

Vectors are written first and the catalog row commits last, so a query never sees a half-stored
report; a crash in between leaves vectors of a report the catalog does not list, which
``Library.recover`` deletes on the next start."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from contextlib import AbstractContextManager
from pathlib import Path

import numpy as np

from embedding.embed import Embedder
from ingest.records import Chunk, Report
from store.catalog import SqlCatalog, sqlite_url
from store.keywords import Bm25Index
from store.protocols import Catalog, KeywordIndex, VectorStore
from store.records import ChunkRow, ReportData, ReportRow
from store.vectors import COLLECTION, ChromaStore

log = logging.getLogger(__name__)


def vector_metadata(
    report_id: str, issuer: str, year: int | None, chunks: Iterable[Chunk | ChunkRow]
) -> list[dict[str, str | int]]:
    """What the vector store keeps beside each passage's vector (filters and a readable trail)."""
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


class Library:
    """The three stores as one: what is stored, read and deleted goes through here."""

    def __init__(self, catalog: Catalog, vectors: VectorStore, keywords: KeywordIndex, embedder: Embedder) -> None:
        self.catalog = catalog
        self.vectors = vectors
        self.keywords = keywords
        self.embedder = embedder  # how passages and questions become vectors
        self.data_dir: Path | None = None  # the folder of an embedded store (``open``)
        self._reports: tuple[int, list[ReportRow], dict[str, ReportRow]] = (-1, [], {})
        self.recover()

    @classmethod
    def open(
        cls,
        data_dir: Path,
        embedder: Embedder,
        chroma_host: str | None = None,
        chroma_port: int = 8000,
        catalog_url: str | None = None,
        collection: str = COLLECTION,
    ) -> Library:
        """The store under ``data_dir``; with ``catalog_url`` (PostgreSQL) and ``chroma_host`` the
        catalog and vectors live on servers that other instances share, and ``data_dir`` keeps only
        this instance's copy of the keyword index."""
        library = cls(
            SqlCatalog(catalog_url or sqlite_url(data_dir / "catalog.sqlite3")),
            ChromaStore(path=data_dir / "chroma", host=chroma_host, port=chroma_port, collection=collection),
            Bm25Index(data_dir / "keywords"),
            embedder,
        )
        library.data_dir = data_dir
        return library

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

    def snapshot(self) -> AbstractContextManager[None]:
        """Reads in the block see one state of the store (see ``SqlCatalog.snapshot``)."""
        return self.catalog.snapshot()

    def read(self, report_ids: list[str]) -> dict[str, ReportData]:
        """Everything of these reports an answer reads, in one transaction."""
        return self.catalog.read(report_ids)

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
            older_than = 3600 if self.catalog.shared else 0
        for report_id in self.catalog.pending(older_than):
            if not self.catalog.find(report_id):
                log.info("removing leftover vectors of %s", report_id)
                self.vectors.delete_report(report_id)
            self.catalog.clear_pending(report_id)

    def refresh_keywords(self) -> None:
        self.keywords.refresh(self.catalog.generation(), self.catalog.changes_since, self.catalog.token_rows)

    def put(self, report: Report, tokens: list[list[str]], vectors: np.ndarray, previous: ReportRow | None) -> None:
        """Store ``report`` in place of ``previous`` (another version of it), vectors first."""
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
