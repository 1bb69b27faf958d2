"""The catalog: every stored report, its chunks and their keyword tokens, its facts and checks,
in one SQL database: a SQLite file by default, PostgreSQL (any SQLAlchemy URL) when several app
instances share one store.

It is the source of truth: a report is visible once its row commits, and Chroma vectors or
keyword entries of reports it does not list are leftovers to clean up. Each commit moves the
catalog's generation and records which reports it added or removed (``changes``)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
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

from ingest.records import REPORT_ID_LENGTH, Check, Fact, Item, Report, Section
from store.records import CheckRow, ChunkRow, FactRow, ReportData, ReportRow

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
Table(
    "items",
    metadata,
    _owner(),
    Column("ord", Integer, nullable=False),
    Column("kind", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("quote_start", Integer),
    Column("quote_end", Integer),
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


_REPORT_FIELDS = tuple(ReportRow.__dataclass_fields__)
_CHUNK_FIELDS = tuple(ChunkRow.__dataclass_fields__)
_FACT_FIELDS = tuple(Fact.__dataclass_fields__)
_REPORT_COLUMNS = ", ".join(f"r.{c}" for c in _REPORT_FIELDS)
_CHUNK_COLUMNS = ", ".join(f'c."{c}"' for c in _CHUNK_FIELDS)
_FACT_COLUMNS = ", ".join(f'f."{c}"' for c in _FACT_FIELDS)
_OWNER_COLUMNS = "r.id AS report_id, r.file_name, r.issuer, r.year"
_CHECK_COLUMNS = 'c.rule, c.description, c.holds, c.left_value, c.right_value, c.metrics, c.start, c."end"'
_ITEM_TABLES = ("chunks", "facts", "checks", "sections", "items")


def _report(row: Any) -> ReportRow:
    values = {k: row[k] for k in _REPORT_FIELDS}
    values["aliases"] = tuple(json.loads(values["aliases"]))
    values["found"] = tuple(tuple(pair) for pair in json.loads(values["found"]))
    values["parts"] = tuple(json.loads(values["parts"]))
    return ReportRow(**values)


def _chunk(row: Any) -> ChunkRow:
    values = {k: row[k] for k in _CHUNK_FIELDS}
    return ChunkRow(**values | {"heading_path": tuple(json.loads(values["heading_path"])), "is_table": bool(values["is_table"])})


def _fact(row: Any) -> FactRow:
    fact = Fact(**{k: row[k] for k in _FACT_FIELDS})
    return FactRow(row["report_id"], row["file_name"], row["issuer"], row["year"], fact)


def _check(row: Any) -> CheckRow:
    check = Check(
        row["rule"],
        row["description"],
        bool(row["holds"]),
        row["left_value"],
        row["right_value"],
        tuple(json.loads(row["metrics"])),
        row["start"],
        row["end"],
    )
    return CheckRow(row["report_id"], row["file_name"], row["issuer"], row["year"], check)


def _item(row: Any) -> Item:
    quote = (row["quote_start"], row["quote_end"]) if row["quote_start"] is not None else None
    return Item(row["kind"], row["start"], row["end"], quote)


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


class SqlCatalog:
    """The catalog in SQL through SQLAlchemy; rows are read by column name."""

    def __init__(self, url: str) -> None:
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        self.url = url
        self.engine = create_engine(url, pool_pre_ping=not url.startswith("sqlite"))
        self.shared = self.engine.dialect.name != "sqlite"
        self._pinned = threading.local()  # the connection of this thread's snapshot
        if not self.shared:
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
    def _connect(self) -> Iterator[Connection]:
        """A read transaction: every statement in it sees the same committed state (SQLite's WAL
        snapshot; REPEATABLE READ on PostgreSQL)."""
        with self.engine.connect() as db:
            if self.shared:
                db.execution_options(isolation_level="REPEATABLE READ")
            yield db

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Every read in the block, on this thread, sees one committed state: what one answer
        reads never mixes the store before and after a write."""
        if getattr(self._pinned, "db", None) is not None:
            yield
            return
        with self._connect() as db:
            self._pinned.db = db
            try:
                yield
            finally:
                self._pinned.db = None

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        pinned = getattr(self._pinned, "db", None)
        if pinned is not None:
            yield pinned
            return
        with self._connect() as db:
            yield db

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self.engine.connect() as db:
            db.execution_options(write=True)
            with db.begin():
                yield db

    @staticmethod
    def _run(db: Connection, sql: str, **args: Any) -> Sequence[Any]:
        return db.execute(_statement(sql, args), args).mappings().all()

    def _rows(self, sql: str, **args: Any) -> Sequence[Any]:
        with self._read() as db:
            return self._run(db, sql, **args)

    def generation(self) -> int:
        return int(self._rows("SELECT value FROM state WHERE key='generation'")[0]["value"])

    def count(self) -> int:
        return int(self._rows("SELECT COUNT(*) AS n FROM reports")[0]["n"])

    def _report_where(self, where: str, **args: Any) -> list[ReportRow]:
        return [_report(r) for r in self._rows(f"SELECT {_REPORT_COLUMNS} FROM reports r WHERE {where}", **args)]

    def by_sha(self, sha256: str) -> ReportRow | None:
        rows = self._report_where("r.sha256 = :sha", sha=sha256)
        return rows[0] if rows else None

    def by_identity(self, identity: str) -> ReportRow | None:
        rows = self._report_where("r.identity = :identity", identity=identity)
        return rows[0] if rows else None

    def find(self, id_prefix: str) -> list[ReportRow]:
        return self._report_where("r.id LIKE :prefix", prefix=id_prefix + "%")

    def reports(self) -> list[ReportRow]:
        return self._report_where("1=1 ORDER BY r.issuer, r.year DESC")

    def report_text(self, report_id: str) -> str:
        rows = self._rows("SELECT text FROM reports WHERE id = :id", id=report_id)
        return rows[0]["text"] if rows else ""

    def report_texts(self, report_ids: list[str]) -> dict[str, str]:
        """The cleaned texts of many reports in one query (a statistics page quotes hundreds)."""
        if not report_ids:
            return {}
        return {r["id"]: r["text"] for r in self._rows("SELECT id, text FROM reports WHERE id IN :ids", ids=report_ids)}

    def chunks(self, ids: list[str]) -> dict[str, ChunkRow]:
        if not ids:
            return {}
        return {r["id"]: _chunk(r) for r in self._rows(f"SELECT {_CHUNK_COLUMNS} FROM chunks c WHERE c.id IN :ids", ids=ids)}

    def sections(self, report_id: str) -> list[Section]:
        rows = self._rows('SELECT part, heading, start, "end" FROM sections WHERE report_id = :id ORDER BY start', id=report_id)
        return [Section(r["part"], r["heading"], r["start"], r["end"]) for r in rows]

    def sections_of(self, report_ids: list[str]) -> dict[str, list[Section]]:
        """The parts of many reports in one query."""
        out: dict[str, list[Section]] = {rid: [] for rid in report_ids}
        if report_ids:
            sql = 'SELECT report_id, part, heading, start, "end" FROM sections WHERE report_id IN :ids ORDER BY start'
            for r in self._rows(sql, ids=report_ids):
                out[r["report_id"]].append(Section(r["part"], r["heading"], r["start"], r["end"]))
        return out

    def chunks_of(self, report_ids: list[str]) -> list[str]:
        """The chunk ids of the given reports."""
        return [r["id"] for r in self._rows("SELECT id FROM chunks WHERE report_id IN :ids", ids=report_ids)]

    def read(self, report_ids: list[str]) -> dict[str, ReportData]:
        """Everything of the given reports an answer reads, in one transaction and one query per
        table; a report no longer stored is left out."""
        ids = sorted(set(report_ids))
        if not ids:
            return {}
        with self._read() as db:
            reports = self._run(db, f"SELECT {_REPORT_COLUMNS}, r.text FROM reports r WHERE r.id IN :ids", ids=ids)
            of: dict[str, dict[str, list]] = {r["id"]: {t: [] for t in _ITEM_TABLES} for r in reports}
            owner = "JOIN reports r ON r.id = {t}.report_id WHERE {t}.report_id IN :ids ORDER BY {t}.report_id, {t}.ord"
            for row in self._run(db, f"SELECT {_CHUNK_COLUMNS} FROM chunks c {owner.format(t='c')}", ids=ids):
                of[row["report_id"]]["chunks"].append(_chunk(row))
            for row in self._run(db, f"SELECT {_OWNER_COLUMNS}, {_FACT_COLUMNS} FROM facts f {owner.format(t='f')}", ids=ids):
                of[row["report_id"]]["facts"].append(_fact(row))
            for row in self._run(db, f"SELECT {_OWNER_COLUMNS}, {_CHECK_COLUMNS} FROM checks c {owner.format(t='c')}", ids=ids):
                of[row["report_id"]]["checks"].append(_check(row))
            for row in self._run(db, "SELECT * FROM items i WHERE i.report_id IN :ids ORDER BY i.report_id, i.ord", ids=ids):
                of[row["report_id"]]["items"].append(_item(row))
            sql = 'SELECT report_id, part, heading, start, "end" FROM sections WHERE report_id IN :ids ORDER BY report_id, start'
            for row in self._run(db, sql, ids=ids):
                of[row["report_id"]]["sections"].append(Section(row["part"], row["heading"], row["start"], row["end"]))
        return {r["id"]: ReportData(_report(r), r["text"], **{t: tuple(v) for t, v in of[r["id"]].items()}) for r in reports}

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
            f"SELECT {_OWNER_COLUMNS}, {_FACT_COLUMNS} FROM facts f JOIN reports r ON r.id = f.report_id "
            f"WHERE {' AND '.join(where) or '1=1'} ORDER BY r.issuer, r.year DESC, r.id, f.ord"
        )
        return [_fact(r) for r in self._rows(sql, **args)]

    def checks(self, report_id: str | None = None, issuer: str | None = None, year: int | None = None) -> list[CheckRow]:
        where, args = self._filters(report_id, issuer, year)
        sql = (
            f"SELECT {_OWNER_COLUMNS}, {_CHECK_COLUMNS} FROM checks c JOIN reports r ON r.id = c.report_id "
            f"WHERE {' AND '.join(where) or '1=1'} ORDER BY r.issuer, r.year DESC, r.id, c.ord"
        )
        return [_check(r) for r in self._rows(sql, **args)]

    def fact_counts(self) -> dict[str, int]:
        """Facts per report, counted by the database (the library table needs no fact rows)."""
        return {r["report_id"]: r["n"] for r in self._rows("SELECT report_id, COUNT(*) AS n FROM facts GROUP BY report_id")}

    def failing_check_counts(self) -> dict[str, int]:
        sql = "SELECT report_id, COUNT(*) AS n FROM checks WHERE holds = 0 GROUP BY report_id"
        return {r["report_id"]: r["n"] for r in self._rows(sql)}

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
        return {r["id"]: r["report_id"] for r in self._rows("SELECT id, report_id FROM chunks")}

    def orphan_rows(self) -> dict[str, int]:
        """Rows of a report's tables whose report is gone (none, while foreign keys hold)."""
        counts = {
            table: self._rows(f"SELECT COUNT(*) AS n FROM {table} WHERE report_id NOT IN (SELECT id FROM reports)")[0]["n"]
            for table in _ITEM_TABLES
        }
        return {table: n for table, n in counts.items() if n}

    def delete_orphan_rows(self) -> None:
        with self.transaction() as db:
            for table in _ITEM_TABLES:
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
        if generation > 0 and not self._rows("SELECT 1 AS one FROM changes WHERE generation <= :g LIMIT 1", g=generation):
            return None
        rows = self._rows(
            "SELECT generation, report_id, op FROM changes WHERE generation > :g ORDER BY generation, op", g=generation
        )
        return [(int(r["generation"]), r["report_id"], r["op"]) for r in rows]

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
        sql = "SELECT report_id FROM pending_vectors WHERE since <= :t"
        return [r["report_id"] for r in self._rows(sql, t=time.time() - older_than)]

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
            rid = report.id
            self._insert(
                db,
                "reports",
                [
                    {
                        "id": rid,
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
                    }
                ],
            )
            self._insert(
                db,
                "chunks",
                [
                    asdict(c)
                    | {"heading_path": json.dumps(list(c.heading_path), ensure_ascii=False), "is_table": int(c.is_table)}
                    | {"tokens": " ".join(t)}
                    for c, t in zip(report.chunks, tokens)
                ],
            )
            self._insert(db, "sections", [{"report_id": rid} | asdict(x) for x in report.sections])
            self._insert(db, "facts", [{"report_id": rid, "ord": n} | asdict(f) for n, f in enumerate(report.facts)])
            self._insert(
                db,
                "checks",
                [
                    {"report_id": rid, "ord": n, "rule": c.rule, "description": c.description, "holds": int(c.holds)}
                    | {"left_value": c.left, "right_value": c.right, "metrics": json.dumps(list(c.metrics))}
                    | {"start": c.start, "end": c.end}
                    for n, c in enumerate(report.checks)
                ],
            )
            self._insert(
                db,
                "items",
                [
                    {"report_id": rid, "ord": n, "kind": it.kind, "start": it.start, "end": it.end}
                    | {"quote_start": it.quote[0] if it.quote else None, "quote_end": it.quote[1] if it.quote else None}
                    for n, it in enumerate(report.items)
                ],
            )
            db.execute(text("DELETE FROM pending_vectors WHERE report_id = :id"), {"id": rid})
            db.execute(text("INSERT INTO changes VALUES (:g, :id, 'add')"), {"g": generation, "id": rid})

    @staticmethod
    def _insert(db: Connection, table: str, rows: list[dict[str, Any]]) -> None:
        """Rows given by column name; a key the table has no column for is an error."""
        if rows:
            db.execute(metadata.tables[table].insert(), rows)

    def delete_report(self, report_id: str) -> None:
        with self.transaction() as db:
            generation = self._next_generation(db)
            self._pending(db, report_id)
            db.execute(text("DELETE FROM reports WHERE id = :id"), {"id": report_id})
            db.execute(text("INSERT INTO changes VALUES (:g, :id, 'remove')"), {"g": generation, "id": report_id})
