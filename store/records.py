"""What the store gives back: a stored report's row, a passage, a fact or a check with the report it
belongs to, and everything one answer reads of one report."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.records import Check, Fact, Item, Layout, ReportKind, Section


@dataclass(frozen=True)
class ReportRow:
    id: str
    identity: str
    file_name: str
    fmt: str
    sha256: str
    title: str
    issuer: str
    aliases: tuple[str, ...]
    year: int | None
    published: str | None
    kind: ReportKind
    layout: Layout
    found: tuple[tuple[str, str], ...]
    parts: tuple[str, ...]
    n_chunks: int
    ingested_at: float


@dataclass(frozen=True)
class ChunkRow:
    id: str
    report_id: str
    part: str
    heading_path: tuple[str, ...]
    start: int
    end: int
    page: int | None
    is_table: bool
    text: str


@dataclass(frozen=True)
class FactRow:
    """A stored fact with the report it belongs to."""

    report_id: str
    file_name: str
    issuer: str
    year: int | None
    fact: Fact


@dataclass(frozen=True)
class CheckRow:
    report_id: str
    file_name: str
    issuer: str
    year: int | None
    check: Check


@dataclass(frozen=True)
class ReportData:
    """Everything an answer reads of one report, read with the others of its scope in one
    transaction: the answer never mixes two states of the store."""

    report: ReportRow
    text: str
    sections: tuple[Section, ...]
    chunks: tuple[ChunkRow, ...]
    facts: tuple[FactRow, ...]
    checks: tuple[CheckRow, ...]
    items: tuple[Item, ...]

    def chunk_at(self, start: int, end: int) -> ChunkRow | None:
        """The passage that holds most of the span [start, end)."""
        best, overlap = None, 0
        for c in self.chunks:
            o = min(c.end, end) - max(c.start, start)
            if o > overlap:
                best, overlap = c, o
        return best
