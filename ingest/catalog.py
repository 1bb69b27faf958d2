"""The catalog: every stored report, its chunks and their keyword tokens, its facts and checks,
in one SQL database: a SQLite file by default, PostgreSQL (any SQLAlchemy URL) when several app
instances share one store.

It is the source of truth: a report is visible once its row commits, and Chroma vectors or
keyword entries of reports it does not list are leftovers to clean up. Each commit moves the
catalog's generation and records which reports it added or removed (``changes``)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Double,
    ForeignKey,
    Integer,
    MetaData,
    Table,
    Text,
    bindparam,
    create_engine,
    event,
    inspect,
    text,
)

from ingest.records import REPORT_ID_LENGTH, Check, Fact, Report, Section

metadata = MetaData()
Table(
    "reports",
    metadata,
    Column("id", Text, primary_key=True),
    Column("identity", Text, nullable=False, unique=True),
    Column("file_name", Text, nullable=False),
    Column("fmt", Text, nullable=False),
    Column("sha256", Text, nullable=False, unique=True),
    Column("title", Text, nullable=False),
    Column("issuer", Text, nullable=False),
    Column("aliases", Text, nullable=False),
    Column("year", Integer),
    Column("published", Text),
    Column("kind", Text, nullable=False),
    Column("layout", Text, nullable=False),
    Column("found", Text, nullable=False),  # JSON: [[field, how it was found], …]
    Column("parts", Text, nullable=False),
    Column("n_chunks", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("ingested_at", Double, nullable=False),
    Column("generation", Integer, nullable=False),  # the catalog generation that added it
)


def _owner() -> Column:
    return Column("report_id", Text, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True)


Table(
    "chunks",
    metadata,
    Column("id", Text, primary_key=True),
    _owner(),
    Column("ord", Integer, nullable=False),
    Column("part", Text, nullable=False),
    Column("heading_path", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("page", Integer),
    Column("is_table", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("tokens", Text, nullable=False),
)
Table(
    "sections",
    metadata,
    _owner(),
    Column("part", Text, nullable=False),
    Column("heading", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)
Table(
    "facts",
    metadata,
    _owner(),
    Column("ord", Integer, nullable=False),
    Column("metric", Text, nullable=False, index=True),
    Column("value", Double),
    Column("unit", Text, nullable=False),
    Column("method", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("confidence", Double, nullable=False),
    Column("status", Text, nullable=False),
    Column("chunk_id", Text, nullable=False),
    Column("scope", Text, nullable=False),
    Column("label", Text, nullable=False),
)
Table(
    "checks",
    metadata,
    _owner(),
    Column("ord", Integer, nullable=False),
    Column("rule", Text, nullable=False),
    Column("description", Text, nullable=False),
    Column("holds", Integer, nullable=False),
    Column("left_value", Double, nullable=False),
    Column("right_value", Double, nullable=False),
    Column("metrics", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)
Table("pending_vectors", metadata, Column("report_id", Text, primary_key=True), Column("since", Double, nullable=False))
Table("state", metadata, Column("key", Text, primary_key=True), Column("value", Integer, nullable=False))
# every report added or removed, by generation: how a keyword index catches up without a rebuild
Table(
    "changes",
    metadata,
    Column("generation", Integer, primary_key=True),
    Column("report_id", Text, primary_key=True),
    Column("op", Text, nullable=False),  # "add" or "remove"
)


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


_REPORT_COLUMNS = (
    "id, identity, file_name, fmt, sha256, title, issuer, aliases, year, published, kind, layout, found, parts, n_chunks, "
    "ingested_at"
)


_CHUNK_COLUMNS = 'id, report_id, part, heading_path, start, "end", page, is_table, text'


def _chunk(r: tuple) -> ChunkRow:
    return ChunkRow(r[0], r[1], r[2], tuple(json.loads(r[3])), r[4], r[5], r[6], bool(r[7]), r[8])


def _report(row: tuple) -> ReportRow:
    values = list(row)
    values[7] = tuple(json.loads(values[7]))
    values[12] = tuple(tuple(pair) for pair in json.loads(values[12]))
    values[13] = tuple(json.loads(values[13]))
    return ReportRow(*values)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _sqlite_setup(engine: Any) -> None:
    """WAL, foreign keys, a 30 s busy wait; write transactions take the lock at BEGIN (IMMEDIATE),
    so two writers queue instead of failing when one upgrades from reading."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy's begin event below says BEGIN
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", "busy_timeout=30000"):
            dbapi_connection.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")


def _statement(sql: str, args: dict[str, Any]) -> Any:
    """``sql`` as a statement; a list argument binds as the list of an ``IN :name``."""
    return text(sql).bindparams(*(bindparam(k, expanding=True) for k, v in args.items() if isinstance(v, list)))


class Catalog:
    def __init__(self, url: str) -> None:
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        self.url = url
        self.engine = create_engine(url, pool_pre_ping=not url.startswith("sqlite"))
        if self.engine.dialect.name == "sqlite":
            _sqlite_setup(self.engine)
        with self.transaction() as db:
            metadata.create_all(db)
            if db.execute(text("SELECT value FROM state WHERE key='generation'")).first() is None:
                db.execute(text("INSERT INTO state VALUES ('generation', 0)"))
            if "found" not in {c["name"] for c in inspect(db).get_columns("reports")}:
                raise RuntimeError(
                    f"{url} was written by an older version of nianbao-qa: ingest the reports into a new data directory"
                )

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as db:
            yield db

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self.engine.connect() as db:
            db.execution_options(write=True)
            with db.begin():
                yield db

    def _rows(self, sql: str, **args: Any) -> Sequence[Any]:
        with self._read() as db:
            return db.execute(_statement(sql, args), args).all()

    def generation(self) -> int:
        return int(self._rows("SELECT value FROM state WHERE key='generation'")[0][0])

    def count(self) -> int:
        return int(self._rows("SELECT COUNT(*) FROM reports")[0][0])

    def _report_where(self, where: str, **args: Any) -> list[ReportRow]:
        return [_report(r) for r in self._rows(f"SELECT {_REPORT_COLUMNS} FROM reports WHERE {where}", **args)]

    def by_sha(self, sha256: str) -> ReportRow | None:
        rows = self._report_where("sha256 = :sha", sha=sha256)
        return rows[0] if rows else None

    def by_identity(self, identity: str) -> ReportRow | None:
        rows = self._report_where("identity = :identity", identity=identity)
        return rows[0] if rows else None

    def find(self, id_prefix: str) -> list[ReportRow]:
        return self._report_where("id LIKE :prefix", prefix=id_prefix + "%")

    def reports(self) -> list[ReportRow]:
        return self._report_where("1=1 ORDER BY issuer, year DESC")

    def report_text(self, report_id: str) -> str:
        rows = self._rows("SELECT text FROM reports WHERE id = :id", id=report_id)
        return rows[0][0] if rows else ""

    def chunks(self, ids: list[str]) -> dict[str, ChunkRow]:
        if not ids:
            return {}
        return {r[0]: _chunk(r) for r in self._rows(f"SELECT {_CHUNK_COLUMNS} FROM chunks WHERE id IN :ids", ids=ids)}

    def sections(self, report_id: str) -> list[Section]:
        rows = self._rows('SELECT part, heading, start, "end" FROM sections WHERE report_id = :id ORDER BY start', id=report_id)
        return [Section(*r) for r in rows]

    def chunk_at(self, report_id: str, start: int, end: int) -> ChunkRow | None:
        """The passage of a report that holds most of the span [start, end)."""
        overlap = '(CASE WHEN "end" < :end THEN "end" ELSE :end END) - (CASE WHEN start > :start THEN start ELSE :start END)'
        rows = self._rows(
            f'SELECT {_CHUNK_COLUMNS} FROM chunks WHERE report_id = :id AND start < :end AND "end" > :start '
            f"ORDER BY {overlap} DESC, ord LIMIT 1",
            id=report_id,
            start=start,
            end=end,
        )
        return _chunk(rows[0]) if rows else None

    def chunks_of(self, report_ids: list[str]) -> list[str]:
        """The chunk ids of the given reports."""
        return [r[0] for r in self._rows("SELECT id FROM chunks WHERE report_id IN :ids", ids=report_ids)]

    def facts(
        self, report_id: str | None = None, issuer: str | None = None, year: int | None = None, metric: str | None = None
    ) -> list[FactRow]:
        """Facts filtered by report (id prefix), issuer (name or alias, substring), year and metric
        (a key or a key prefix such as ``applications.new``)."""
        where, args = self._filters(report_id, issuer, year)
        if metric:
            where.append("(f.metric = :metric OR f.metric LIKE :metric_prefix)")
            args |= {"metric": metric, "metric_prefix": metric + ".%"}
        sql = (
            'SELECT r.id, r.file_name, r.issuer, r.year, f.metric, f.value, f.unit, f.method, f.start, f."end", '
            "f.confidence, f.status, f.chunk_id, f.scope, f.label FROM facts f JOIN reports r ON r.id = f.report_id "
            f"WHERE {' AND '.join(where) or '1=1'} ORDER BY r.issuer, r.year DESC, r.id, f.ord"
        )
        return [FactRow(r[0], r[1], r[2], r[3], Fact(*r[4:])) for r in self._rows(sql, **args)]

    def checks(self, report_id: str | None = None, issuer: str | None = None, year: int | None = None) -> list[CheckRow]:
        where, args = self._filters(report_id, issuer, year)
        sql = (
            "SELECT r.id, r.file_name, r.issuer, r.year, c.rule, c.description, c.holds, c.left_value, c.right_value, "
            'c.metrics, c.start, c."end" FROM checks c JOIN reports r ON r.id = c.report_id '
            f"WHERE {' AND '.join(where) or '1=1'} ORDER BY r.issuer, r.year DESC, r.id, c.ord"
        )
        return [
            CheckRow(r[0], r[1], r[2], r[3], Check(r[4], r[5], bool(r[6]), r[7], r[8], tuple(json.loads(r[9])), r[10], r[11]))
            for r in self._rows(sql, **args)
        ]

    def fact_counts(self) -> dict[str, int]:
        """Facts per report, counted by the database (the library table needs no fact rows)."""
        return {r[0]: r[1] for r in self._rows("SELECT report_id, COUNT(*) FROM facts GROUP BY report_id")}

    def failing_check_counts(self) -> dict[str, int]:
        return {r[0]: r[1] for r in self._rows("SELECT report_id, COUNT(*) FROM checks WHERE holds = 0 GROUP BY report_id")}

    @staticmethod
    def _filters(report_id: str | None, issuer: str | None, year: int | None) -> tuple[list[str], dict[str, Any]]:
        where: list[str] = []
        args: dict[str, Any] = {}
        if report_id and len(report_id) == REPORT_ID_LENGTH:  # a whole id: the primary key's index answers
            where.append("r.id = :report_id")
            args["report_id"] = report_id
        elif report_id:
            where.append("r.id LIKE :report_prefix")
            args["report_prefix"] = report_id + "%"
        if issuer:
            where.append("(r.issuer LIKE :issuer OR r.aliases LIKE :issuer)")
            args["issuer"] = f"%{issuer}%"
        if year is not None:
            where.append("r.year = :year")
            args["year"] = year
        return where, args

    def chunk_reports(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self._rows("SELECT id, report_id FROM chunks")}

    def orphan_rows(self) -> dict[str, int]:
        """Rows of chunks, facts, checks or sections whose report is gone (none, while foreign keys hold)."""
        counts = {
            table: self._rows(f"SELECT COUNT(*) FROM {table} WHERE report_id NOT IN (SELECT id FROM reports)")[0][0]
            for table in ("chunks", "facts", "checks", "sections")
        }
        return {table: n for table, n in counts.items() if n}

    def delete_orphan_rows(self) -> None:
        with self.transaction() as db:
            for table in ("chunks", "facts", "checks", "sections"):
                db.execute(text(f"DELETE FROM {table} WHERE report_id NOT IN (SELECT id FROM reports)"))

    def token_rows(self, report_ids: list[str] | None = None) -> Iterator[tuple[str, str, list[str]]]:
        """(chunk id, report id, keyword tokens) of every chunk, or of the given reports', in
        ingest order."""
        sql = "SELECT c.id, c.report_id, c.tokens FROM chunks c JOIN reports r ON r.id = c.report_id"
        order = " ORDER BY r.generation, c.ord"
        with self._read() as db:
            if report_ids is None:
                rows = db.execution_options(yield_per=5000).execute(text(sql + order))
            else:
                args = {"ids": report_ids}
                rows = db.execute(_statement(sql + " WHERE c.report_id IN :ids" + order, args), args)
            for cid, rid, tokens in rows:
                yield cid, rid, tokens.split(" ")

    def changes_since(self, generation: int) -> list[tuple[int, str, str]] | None:
        """(generation, report id, "add"/"remove") after ``generation``, oldest first; None when the
        log does not reach back that far."""
        if generation > 0 and not self._rows("SELECT 1 FROM changes WHERE generation <= :g LIMIT 1", g=generation):
            return None
        rows = self._rows(
            "SELECT generation, report_id, op FROM changes WHERE generation > :g ORDER BY generation, op", g=generation
        )
        return [(int(g), r, op) for g, r, op in rows]

    # -- writing ---------------------------------------------------------------------------

    def mark_pending(self, report_id: str) -> None:
        """Recorded before vectors are written, so a crash leaves a trail to clean up."""
        with self.transaction() as db:
            self._pending(db, report_id)

    @staticmethod
    def _pending(db: Connection, report_id: str) -> None:
        db.execute(text("DELETE FROM pending_vectors WHERE report_id = :id"), {"id": report_id})
        db.execute(text("INSERT INTO pending_vectors VALUES (:id, :t)"), {"id": report_id, "t": time.time()})

    def pending(self, older_than: float = 0) -> list[str]:
        """Reports whose vectors are being written or deleted, marked at least ``older_than`` s ago."""
        return [r[0] for r in self._rows("SELECT report_id FROM pending_vectors WHERE since <= :t", t=time.time() - older_than)]

    def clear_pending(self, report_id: str) -> None:
        with self.transaction() as db:
            db.execute(text("DELETE FROM pending_vectors WHERE report_id = :id"), {"id": report_id})

    @staticmethod
    def _next_generation(db: Connection) -> int:
        return int(db.execute(text("UPDATE state SET value = value + 1 WHERE key='generation' RETURNING value")).scalar_one())

    def commit_report(self, report: Report, tokens: list[list[str]], replaces: str | None) -> None:
        """Swap in ``report`` (and drop the version it replaces) in one transaction."""
        with self.transaction() as db:
            generation = self._next_generation(db)
            if replaces:
                self._pending(db, replaces)
                db.execute(text("DELETE FROM reports WHERE id = :id"), {"id": replaces})
                db.execute(text("INSERT INTO changes VALUES (:g, :id, 'remove')"), {"g": generation, "id": replaces})
            m = report.meta
            db.execute(
                text(
                    "INSERT INTO reports VALUES (:id, :identity, :file_name, :fmt, :sha256, :title, :issuer, :aliases, :year, "
                    ":published, :kind, :layout, :found, :parts, :n_chunks, :text, :ingested_at, :generation)"
                ),
                {
                    "id": report.id,
                    "identity": report.identity,
                    "file_name": report.file_name,
                    "fmt": report.fmt,
                    "sha256": report.sha256,
                    "title": m.title,
                    "issuer": m.issuer,
                    "aliases": json.dumps(list(m.aliases), ensure_ascii=False),
                    "year": m.year,
                    "published": m.published,
                    "kind": m.kind,
                    "layout": m.layout,
                    "found": json.dumps([list(pair) for pair in m.found], ensure_ascii=False),
                    "parts": json.dumps(sorted({s.part for s in report.sections}), ensure_ascii=False),
                    "n_chunks": len(report.chunks),
                    "text": report.text,
                    "ingested_at": time.time(),
                    "generation": generation,
                },
            )
            self._insert(
                db,
                "chunks",
                [
                    (c.id, c.report_id, c.ord, c.part, json.dumps(list(c.heading_path), ensure_ascii=False))
                    + (c.start, c.end, c.page, int(c.is_table), c.text, " ".join(t))
                    for c, t in zip(report.chunks, tokens)
                ],
            )
            self._insert(db, "sections", [(report.id, x.part, x.heading, x.start, x.end) for x in report.sections])
            self._insert(
                db,
                "facts",
                [
                    (report.id, n, f.metric, f.value, f.unit, f.method, f.start, f.end, f.confidence, f.status, f.chunk_id)
                    + (f.scope, f.label)
                    for n, f in enumerate(report.facts)
                ],
            )
            self._insert(
                db,
                "checks",
                [
                    (
                        report.id,
                        n,
                        c.rule,
                        c.description,
                        int(c.holds),
                        c.left,
                        c.right,
                        json.dumps(list(c.metrics)),
                        c.start,
                        c.end,
                    )
                    for n, c in enumerate(report.checks)
                ],
            )
            db.execute(text("DELETE FROM pending_vectors WHERE report_id = :id"), {"id": report.id})
            db.execute(text("INSERT INTO changes VALUES (:g, :id, 'add')"), {"g": generation, "id": report.id})

    @staticmethod
    def _insert(db: Connection, table: str, rows: list[tuple]) -> None:
        if rows:
            marks = ", ".join(f":c{i}" for i in range(len(metadata.tables[table].columns)))
            db.execute(text(f"INSERT INTO {table} VALUES ({marks})"), [{f"c{i}": v for i, v in enumerate(row)} for row in rows])

    def delete_report(self, report_id: str) -> None:
        with self.transaction() as db:
            generation = self._next_generation(db)
            self._pending(db, report_id)
            db.execute(text("DELETE FROM reports WHERE id = :id"), {"id": report_id})
            db.execute(text("INSERT INTO changes VALUES (:g, :id, 'remove')"), {"g": generation, "id": report_id})
