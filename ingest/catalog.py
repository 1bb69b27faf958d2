"""The catalog: every stored report, its chunks and their keyword tokens, in one SQLite database.

It is the source of truth: a report is visible once its row commits, and Chroma vectors or
keyword entries of reports it does not list are leftovers to clean up."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ingest.records import Check, Fact, Report, Section

SCHEMA = """
CREATE TABLE IF NOT EXISTS reports (
    id TEXT PRIMARY KEY,
    identity TEXT NOT NULL UNIQUE,
    file_name TEXT NOT NULL,
    fmt TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    issuer TEXT NOT NULL,
    aliases TEXT NOT NULL,
    year INTEGER,
    published TEXT,
    kind TEXT NOT NULL,
    layout TEXT NOT NULL,
    parts TEXT NOT NULL,
    n_chunks INTEGER NOT NULL,
    text TEXT NOT NULL,
    ingested_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY,
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    part TEXT NOT NULL,
    heading_path TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    page INTEGER,
    is_table INTEGER NOT NULL,
    text TEXT NOT NULL,
    tokens TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_report ON chunks(report_id);
CREATE TABLE IF NOT EXISTS sections (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    part TEXT NOT NULL,
    heading TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sections_report ON sections(report_id);
CREATE TABLE IF NOT EXISTS facts (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    metric TEXT NOT NULL,
    value REAL,
    unit TEXT NOT NULL,
    method TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    confidence REAL NOT NULL,
    status TEXT NOT NULL,
    chunk_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS facts_metric ON facts(metric, report_id);
CREATE INDEX IF NOT EXISTS facts_report ON facts(report_id);
CREATE TABLE IF NOT EXISTS checks (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    rule TEXT NOT NULL,
    description TEXT NOT NULL,
    holds INTEGER NOT NULL,
    left_value REAL NOT NULL,
    right_value REAL NOT NULL,
    metrics TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS checks_report ON checks(report_id);
CREATE TABLE IF NOT EXISTS pending_vectors (report_id TEXT PRIMARY KEY, since REAL NOT NULL);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO state VALUES ('generation', 0);
"""


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
    kind: str
    layout: str
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


_REPORT_COLUMNS = (
    "id, identity, file_name, fmt, sha256, title, issuer, aliases, year, published, kind, layout, parts, n_chunks, ingested_at"
)


_CHUNK_COLUMNS = 'id, report_id, part, heading_path, start, "end", page, is_table, text'


def _chunk(r: tuple) -> ChunkRow:
    return ChunkRow(r[0], r[1], r[2], tuple(json.loads(r[3])), r[4], r[5], r[6], bool(r[7]), r[8])


def _report(row: tuple) -> ReportRow:
    values = list(row)
    values[7] = tuple(json.loads(values[7]))
    values[12] = tuple(json.loads(values[12]))
    return ReportRow(*values)


class Catalog:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        with self._connect() as db:
            db.executescript(SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA foreign_keys=ON")
        return db

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        db = self._connect()
        try:
            db.execute("BEGIN IMMEDIATE")
            yield db
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        finally:
            db.close()

    def generation(self) -> int:
        with self._connect() as db:
            return int(db.execute("SELECT value FROM state WHERE key='generation'").fetchone()[0])

    def by_sha(self, sha256: str) -> ReportRow | None:
        with self._connect() as db:
            row = db.execute(f"SELECT {_REPORT_COLUMNS} FROM reports WHERE sha256=?", (sha256,)).fetchone()
        return _report(row) if row else None

    def by_identity(self, identity: str) -> ReportRow | None:
        with self._connect() as db:
            row = db.execute(f"SELECT {_REPORT_COLUMNS} FROM reports WHERE identity=?", (identity,)).fetchone()
        return _report(row) if row else None

    def find(self, id_prefix: str) -> list[ReportRow]:
        with self._connect() as db:
            rows = db.execute(f"SELECT {_REPORT_COLUMNS} FROM reports WHERE id LIKE ?", (id_prefix + "%",)).fetchall()
        return [_report(r) for r in rows]

    def count(self) -> int:
        with self._connect() as db:
            return int(db.execute("SELECT COUNT(*) FROM reports").fetchone()[0])

    def reports(self) -> list[ReportRow]:
        with self._connect() as db:
            rows = db.execute(f"SELECT {_REPORT_COLUMNS} FROM reports ORDER BY issuer, year DESC").fetchall()
        return [_report(r) for r in rows]

    def report_text(self, report_id: str) -> str:
        with self._connect() as db:
            row = db.execute("SELECT text FROM reports WHERE id=?", (report_id,)).fetchone()
        return row[0] if row else ""

    def chunks(self, ids: list[str]) -> dict[str, ChunkRow]:
        if not ids:
            return {}
        with self._connect() as db:
            marks = ",".join("?" * len(ids))
            rows = db.execute(f"SELECT {_CHUNK_COLUMNS} FROM chunks WHERE id IN ({marks})", ids).fetchall()
        return {r[0]: _chunk(r) for r in rows}

    def sections(self, report_id: str) -> list[Section]:
        with self._connect() as db:
            rows = db.execute('SELECT part, heading, start, "end" FROM sections WHERE report_id=? ORDER BY start', (report_id,))
            return [Section(*r) for r in rows]

    def chunk_at(self, report_id: str, start: int, end: int) -> ChunkRow | None:
        """The passage of a report that holds most of the span [start, end)."""
        with self._connect() as db:
            row = db.execute(
                f"SELECT {_CHUNK_COLUMNS} FROM chunks "
                'WHERE report_id=? AND start < ? AND "end" > ? ORDER BY (MIN("end", ?) - MAX(start, ?)) DESC LIMIT 1',
                (report_id, end, start, end, start),
            ).fetchone()
        return _chunk(row) if row else None

    def chunk_ids(self, report_ids: list[str] | None = None) -> set[str]:
        with self._connect() as db:
            if report_ids is None:
                return {r[0] for r in db.execute("SELECT id FROM chunks")}
            marks = ",".join("?" * len(report_ids))
            return {r[0] for r in db.execute(f"SELECT id FROM chunks WHERE report_id IN ({marks})", report_ids)}

    def facts(
        self, report_id: str | None = None, issuer: str | None = None, year: int | None = None, metric: str | None = None
    ) -> list[FactRow]:
        """Facts filtered by report (id prefix), issuer (name or alias, substring), year and metric
        (a key or a key prefix such as ``applications.new``)."""
        where, args = self._filters(report_id, issuer, year)
        if metric:
            where.append("(f.metric = ? OR f.metric LIKE ?)")
            args += [metric, metric + ".%"]
        sql = (
            'SELECT r.id, r.file_name, r.issuer, r.year, f.metric, f.value, f.unit, f.method, f.start, f."end", '
            "f.confidence, f.status, f.chunk_id FROM facts f JOIN reports r ON r.id = f.report_id "
            f"WHERE {' AND '.join(where) or '1'} ORDER BY r.issuer, r.year DESC, f.rowid"
        )
        with self._connect() as db:
            rows = db.execute(sql, args).fetchall()
        return [FactRow(r[0], r[1], r[2], r[3], Fact(r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12])) for r in rows]

    def checks(self, report_id: str | None = None, issuer: str | None = None, year: int | None = None) -> list[CheckRow]:
        where, args = self._filters(report_id, issuer, year)
        sql = (
            'SELECT r.id, r.file_name, r.issuer, r.year, c.rule, c.description, c.holds, c.left_value, c.right_value, c.metrics, c.start, c."end" '
            f"FROM checks c JOIN reports r ON r.id = c.report_id WHERE {' AND '.join(where) or '1'} ORDER BY r.issuer, r.year DESC, c.rowid"
        )
        with self._connect() as db:
            rows = db.execute(sql, args).fetchall()
        return [
            CheckRow(r[0], r[1], r[2], r[3], Check(r[4], r[5], bool(r[6]), r[7], r[8], tuple(json.loads(r[9])), r[10], r[11]))
            for r in rows
        ]

    def fact_counts(self) -> dict[str, int]:
        """Facts per report, counted by the database (the library table needs no fact rows)."""
        with self._connect() as db:
            return dict(db.execute("SELECT report_id, COUNT(*) FROM facts GROUP BY report_id"))

    def failing_check_counts(self) -> dict[str, int]:
        with self._connect() as db:
            return dict(db.execute("SELECT report_id, COUNT(*) FROM checks WHERE holds = 0 GROUP BY report_id"))

    @staticmethod
    def _filters(report_id: str | None, issuer: str | None, year: int | None) -> tuple[list[str], list[object]]:
        where: list[str] = []
        args: list[object] = []
        if report_id:
            where.append("r.id LIKE ?")
            args.append(report_id + "%")
        if issuer:
            where.append("(r.issuer LIKE ? OR r.aliases LIKE ?)")
            args += [f"%{issuer}%", f"%{issuer}%"]
        if year is not None:
            where.append("r.year = ?")
            args.append(year)
        return where, args

    def chunk_reports(self) -> dict[str, str]:
        with self._connect() as db:
            return dict(db.execute("SELECT id, report_id FROM chunks"))

    def orphan_rows(self) -> dict[str, int]:
        """Rows of chunks, facts, checks or sections whose report is gone (none, while foreign keys hold)."""
        with self._connect() as db:
            return {
                table: n
                for table in ("chunks", "facts", "checks", "sections")
                if (
                    n := db.execute(f"SELECT COUNT(*) FROM {table} WHERE report_id NOT IN (SELECT id FROM reports)").fetchone()[0]
                )
            }

    def delete_orphan_rows(self) -> None:
        with self.transaction() as db:
            for table in ("chunks", "facts", "checks", "sections"):
                db.execute(f"DELETE FROM {table} WHERE report_id NOT IN (SELECT id FROM reports)")

    def token_rows(self) -> Iterator[tuple[str, list[str]]]:
        with self._connect() as db:
            for cid, tokens in db.execute("SELECT id, tokens FROM chunks ORDER BY rowid"):
                yield cid, tokens.split(" ")

    # -- writing ---------------------------------------------------------------------------

    def mark_pending(self, report_id: str) -> None:
        """Recorded before vectors are written, so a crash leaves a trail to clean up."""
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO pending_vectors VALUES (?, ?)", (report_id, time.time()))

    def pending(self) -> list[str]:
        with self._connect() as db:
            return [r[0] for r in db.execute("SELECT report_id FROM pending_vectors")]

    def clear_pending(self, report_id: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM pending_vectors WHERE report_id=?", (report_id,))

    def commit_report(self, report: Report, tokens: list[list[str]], replaces: str | None) -> None:
        """Swap in ``report`` (and drop the version it replaces) in one transaction."""
        with self.transaction() as db:
            if replaces:
                db.execute("INSERT OR REPLACE INTO pending_vectors VALUES (?, ?)", (replaces, time.time()))
                db.execute("DELETE FROM reports WHERE id=?", (replaces,))
            m = report.meta
            db.execute(
                "INSERT INTO reports VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    report.id,
                    report.identity,
                    report.file_name,
                    report.fmt,
                    report.sha256,
                    m.title,
                    m.issuer,
                    json.dumps(list(m.aliases), ensure_ascii=False),
                    m.year,
                    m.published,
                    m.kind,
                    m.layout,
                    json.dumps(sorted({s.part for s in report.sections}), ensure_ascii=False),
                    len(report.chunks),
                    report.text,
                    time.time(),
                ),
            )
            db.executemany(
                "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        c.id,
                        c.report_id,
                        c.ord,
                        c.part,
                        json.dumps(list(c.heading_path), ensure_ascii=False),
                        c.start,
                        c.end,
                        c.page,
                        int(c.is_table),
                        c.text,
                        " ".join(t),
                    )
                    for c, t in zip(report.chunks, tokens)
                ],
            )
            db.executemany(
                "INSERT INTO sections VALUES (?,?,?,?,?)",
                [(report.id, x.part, x.heading, x.start, x.end) for x in report.sections],
            )
            db.executemany(
                "INSERT INTO facts VALUES (?,?,?,?,?,?,?,?,?,?)",
                [
                    (report.id, f.metric, f.value, f.unit, f.method, f.start, f.end, f.confidence, f.status, f.chunk_id)
                    for f in report.facts
                ],
            )
            db.executemany(
                "INSERT INTO checks VALUES (?,?,?,?,?,?,?,?,?)",
                [
                    (report.id, c.rule, c.description, int(c.holds), c.left, c.right, json.dumps(list(c.metrics)), c.start, c.end)
                    for c in report.checks
                ],
            )
            db.execute("DELETE FROM pending_vectors WHERE report_id=?", (report.id,))
            db.execute("UPDATE state SET value = value + 1 WHERE key='generation'")

    def delete_report(self, report_id: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO pending_vectors VALUES (?, ?)", (report_id, time.time()))
            db.execute("DELETE FROM reports WHERE id=?", (report_id,))
            db.execute("UPDATE state SET value = value + 1 WHERE key='generation'")
