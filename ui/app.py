"""The web page: 问答 (chat with sources and the report beside it), 报告库 (the stored reports,
upload, re-ingest, delete, view), 统计 (one figure across issuers and years)."""

from __future__ import annotations

import csv
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd
from starlette.middleware import Middleware

from answer.records import Answer, Citation, Understanding
from answer.service import Answerer
from ingest.audit import PART_ZH, STANDARD_PARTS, Audit, audit_catalog
from ingest.facts import preferred
from ingest.facts.vocabulary import format_value, metric_name
from ingest.load import SUPPORTED
from ingest.pipeline import Library, expand_paths, safe_name
from ui.login import Throttle, ThrottledLogin
from ui.render import answer_html, citation_label, inert, report_html

EXAMPLES = [
    "额济纳旗2021年收到多少件政府信息公开申请？",
    "嵊州市文化广电旅游局承诺了哪些改进措施？",
    "淮安市2024年政府信息公开行政复议结果纠正了多少件？",
    "洪泽区2024年政府信息公开工作存在哪些不足？",
]
STAT_METRICS = (
    "applications.new.total",
    "applications.carried_over.total",
    "applications.result.disclosed.total",
    "applications.result.total",
    "applications.carried_to_next_year.total",
    "review.total",
    "litigation.direct.total",
    "litigation.after_review.total",
    "proactive.items",
    "normative_docs.issued",
    "normative_docs.in_force",
    "permits.decisions",
    "penalties.decisions",
    "coercion.decisions",
    "fees.admin_charges_wan_yuan",
    "new_media.accounts",
)
CSS = """
.nb-text { white-space: pre-wrap; line-height: 1.7; }
.nb-report { max-height: 640px; overflow-y: auto; padding: 0 8px; }
.nb-report mark, .nb-quote mark { background: #ffe58a; }
.nb-note { color: #8a6d00; font-size: 0.9em; margin-top: 6px; }
.nb-quote { white-space: pre-wrap; margin: 4px 0 8px 0; }
.nb-file { color: #666; font-size: 0.85em; }
"""
SCROLL_TO_MARK = "() => { setTimeout(() => document.querySelector('#nb-highlight')?.scrollIntoView({block: 'center'}), 150); }"
# system fonts only: a Google font would be fetched from the internet
THEME = gr.themes.Soft(
    font=[gr.themes.Font(name) for name in ("Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "sans-serif")],
    font_mono=[gr.themes.Font("monospace")],
)


@dataclass
class AppOptions:
    llm: Any = None  # an LlmAnswerer when a backend is configured
    max_upload_mb: int = 50
    ingest_root: Path | None = None  # a server folder operators may re-ingest from


def build_app(library: Library, options: AppOptions | None = None) -> gr.Blocks:
    options = options or AppOptions()
    answerer = Answerer(library)
    catalog = library.catalog

    # -- chat ---------------------------------------------------------------------------------

    def issuers() -> list[str]:
        return sorted({r.issuer for r in library.reports()})

    def years() -> list[str]:
        return [str(y) for y in sorted({r.year for r in library.reports() if r.year}, reverse=True)]

    def respond(message: str, history: list, previous: Understanding | None, issuer: str, year: str, use_llm: bool):
        history = list(history or [])
        if not message.strip():
            yield history, previous, [], gr.update(), ""
            return
        if previous is None and (issuer or year):  # the filters act like an earlier turn
            previous = Understanding(
                question="", issuers=(issuer,) if issuer else (), issuer_text=issuer, year=int(year) if year else None
            )
        history += [{"role": "user", "content": inert(message)}, {"role": "assistant", "content": "……"}]
        yield history, previous, [], gr.update(choices=[], value=None), ""
        answer: Answer | None = None
        if not (use_llm and options.llm is not None):
            answer = answerer.ask(message, previous)
        else:
            written = ""
            for piece in options.llm.stream(message, previous):
                if isinstance(piece, Answer):
                    answer = piece
                else:
                    written += piece
                    history[-1] = {"role": "assistant", "content": inert(written) + " ▍"}
                    yield history, previous, [], gr.update(), ""
        assert answer is not None
        history[-1] = {"role": "assistant", "content": answer_html(answer)}
        choices = [citation_label(c) for c in answer.citations]
        yield history, answer.understanding, answer.citations, gr.update(choices=choices, value=None), ""

    def open_source(label: str | None, citations: list[Citation]) -> str:
        c = next((c for c in citations or [] if citation_label(c) == label), None)
        if c is None:
            return ""
        found = catalog.find(c.report_id)
        title = found[0].title if found else c.file
        return report_html(title, catalog.report_text(c.report_id), catalog.sections(c.report_id), (c.start, c.end))

    def ask_api(question: str, history: list[str] | None = None) -> dict:
        """The same JSON as `nianbao ask --json`; history: earlier questions of the conversation."""
        previous = None
        for earlier in history or []:
            previous = answerer.understand(earlier, previous)
        return answerer.ask(question, previous).to_json()

    # -- library ------------------------------------------------------------------------------

    made: dict[str, tuple[int, Any]] = {}

    def per_generation(key: str, make: Callable[[], Any]) -> Any:
        """``make()`` once per catalog generation: every page load shows the library, and
        counting a large store's facts should not run for each visitor."""
        generation = catalog.generation()
        if key not in made or made[key][0] != generation:
            made[key] = (generation, make())
        return made[key][1]

    def library_table() -> pd.DataFrame:
        return per_generation("library", make_library_table)

    def make_library_table() -> pd.DataFrame:
        facts, failing = catalog.fact_counts(), catalog.failing_check_counts()
        grades = {a.report_id: a.grade for a in audit_catalog(catalog)}
        rows = [
            {
                "标题": r.title,
                "发布单位": r.issuer,
                "年度": r.year or "",
                "格式": r.fmt,
                "部分": len([p for p in r.parts if p not in ("preamble", "body")]),
                "段落数": r.n_chunks,
                "数字": facts.get(r.id, 0),
                "核对未通过": failing.get(r.id, 0),
                "解析等级": grades.get(r.id, ""),
                "导入时间": time.strftime("%Y-%m-%d %H:%M", time.localtime(r.ingested_at)),
                "文件": r.file_name,
                "编号": r.id,
            }
            # newest first: what an operator just ingested is at the top, whatever the store's size
            for r in sorted(library.reports(), key=lambda r: -r.ingested_at)
        ]
        return pd.DataFrame(
            rows,
            columns=[
                "标题",
                "发布单位",
                "年度",
                "格式",
                "部分",
                "段落数",
                "数字",
                "核对未通过",
                "解析等级",
                "导入时间",
                "文件",
                "编号",
            ],
        )

    def report_choices() -> list[tuple[str, str]]:
        return per_generation(
            "choices", lambda: [(f"{r.issuer} {r.year or ''} · {safe_name(r.file_name)}", r.id) for r in library.reports()]
        )

    def upload(files: list[str] | None, progress=gr.Progress()):  # noqa: B008 (how Gradio passes a progress bar)
        results, accepted = [], []
        for path in map(Path, files or []):
            name = safe_name(path.name)
            if Path(name).suffix.lower() not in SUPPORTED:
                results.append({"文件": name, "结果": "已拒绝", "说明": f"不支持的格式（支持 {'、'.join(sorted(SUPPORTED))}）"})
            elif path.stat().st_size > options.max_upload_mb * 1024 * 1024:
                results.append({"文件": name, "结果": "已拒绝", "说明": f"文件超过 {options.max_upload_mb} MB"})
            else:
                accepted.append(path)
        for r in progress.tqdm(library.ingest_files(accepted), total=len(accepted), desc="导入中"):
            results.append({"文件": r.file_name, "结果": _OUTCOME_ZH[r.outcome], "说明": r.message})
        return pd.DataFrame(results, columns=["文件", "结果", "说明"]), library_table(), gr.update(choices=report_choices())

    def reingest_folder(folder: str, progress=gr.Progress()):  # noqa: B008 (how Gradio passes a progress bar)
        root = options.ingest_root
        if root is None:
            return (
                pd.DataFrame([{"文件": "", "结果": "已拒绝", "说明": "未配置服务器导入目录（NIANBAO_INGEST_ROOT）"}]),
                library_table(),
                gr.update(),
            )
        target = (root / folder).resolve() if folder else root.resolve()
        if not target.is_relative_to(root.resolve()) or not target.exists():
            return (
                pd.DataFrame([{"文件": folder, "结果": "已拒绝", "说明": "目录不在允许的导入目录内"}]),
                library_table(),
                gr.update(),
            )
        paths = expand_paths([target])
        results = [
            {"文件": r.file_name, "结果": _OUTCOME_ZH[r.outcome], "说明": r.message}
            for r in progress.tqdm(library.ingest_files(paths), total=len(paths), desc="导入中")
        ]
        return pd.DataFrame(results, columns=["文件", "结果", "说明"]), library_table(), gr.update(choices=report_choices())

    def delete(report_id: str | None, confirmed: bool):
        if not report_id:
            return "请先选择报告。", library_table(), gr.update(), False
        if not confirmed:
            return "请勾选“确认删除”。", library_table(), gr.update(), False
        library.delete(report_id)
        return f"已删除 {report_id}。", library_table(), gr.update(choices=report_choices(), value=None), False

    def view_report(report_id: str | None):
        if not report_id:
            return "", pd.DataFrame(), pd.DataFrame(), ""
        found = catalog.find(report_id)
        report = found[0] if found else None
        if report is None:
            return "", pd.DataFrame(), pd.DataFrame(), ""
        text = catalog.report_text(report_id)
        facts = pd.DataFrame(
            [
                {
                    "指标": metric_name(f.fact.metric),
                    "数值": format_value(f.fact.value) or "无法确定",
                    "单位": f.fact.unit,
                    "来源": f.fact.method,
                    "状态": _STATUS_ZH.get(f.fact.status, "正常"),
                    "原文": text[f.fact.start : f.fact.end][:80],
                }
                for f in catalog.facts(report_id=report_id)
            ]
        )
        checks = pd.DataFrame(
            [
                {
                    "规则": c.check.description,
                    "结果": "通过" if c.check.holds else "不成立",
                    "左": format_value(c.check.left),
                    "右": format_value(c.check.right),
                }
                for c in catalog.checks(report_id=report_id)
            ]
        )
        audits = audit_catalog(catalog, [report.id])
        shown = audit_html(audits[0]) if audits else ""
        return report_html(report.title, text, catalog.sections(report_id)), facts, checks, shown

    # -- statistics ---------------------------------------------------------------------------

    def statistics(metric: str, year: str, issuer: str):
        by_key: dict[tuple[str, int | None], list[Any]] = {}
        for row in catalog.facts(metric=metric):
            if row.fact.metric == metric:
                by_key.setdefault((row.issuer, row.year), []).append(row)
        best: dict[tuple[str, int | None], Any] = {}
        for key, candidates in by_key.items():
            fact = preferred(r.fact for r in candidates)
            if fact is not None:
                best[key] = (fact, next(r for r in candidates if r.fact == fact))
        all_years = sorted({y for _, y in best if y}, reverse=True)
        table = []
        for name in sorted({i for i, _ in best}):
            line: dict[str, Any] = {"发布单位": name}
            for year_ in all_years:
                found = best.get((name, year_))
                line[str(year_)] = (
                    "" if found is None else format_value(found[0].value) + ("⚠" if found[0].status != "ok" else "")
                )
            table.append(line)
        frame = pd.DataFrame(table, columns=["发布单位", *[str(y) for y in all_years]])
        chosen_year: int | None = int(year) if year else (all_years[0] if all_years else None)
        bars = pd.DataFrame(
            [{"发布单位": i, "数值": f.value} for (i, y), (f, _) in best.items() if y == chosen_year and f.value is not None],
            columns=["发布单位", "数值"],
        )
        counts: dict[str, int] = {}
        for i, _ in best:
            counts[i] = counts.get(i, 0) + 1
        line_issuer = issuer or max(counts, key=lambda i: counts[i], default="")  # the issuer with most years
        lines = pd.DataFrame(
            sorted(
                (
                    {"年度": str(y), "数值": f.value}
                    for (i, y), (f, _) in best.items()
                    if i == line_issuer and y and f.value is not None
                ),
                key=lambda d: d["年度"],
            ),
            columns=["年度", "数值"],
        )
        evidence = "".join(
            f"<li><b>{inert(i)} {y or ''}</b>：{inert(format_value(f.value))}{inert(f.unit)}"
            f"{'（' + _STATUS_ZH.get(f.status, f.status) + '）' if f.status != 'ok' else ''}"
            f"<blockquote class='nb-quote'><mark>{inert(catalog.report_text(r.report_id)[f.start : f.end])}</mark></blockquote></li>"
            for (i, y), (f, r) in sorted(best.items(), key=lambda kv: (kv[0][0], -(kv[0][1] or 0)))
        )
        export = Path(tempfile.mkdtemp(prefix="nianbao-")) / f"{metric}.csv"
        with export.open("w", encoding="utf-8-sig", newline="") as fh:
            out = csv.writer(fh)
            out.writerow(["file", "issuer", "year", "metric", "value", "unit", "method", "status"])
            for (i, y), (f, r) in sorted(best.items(), key=lambda kv: (kv[0][0], -(kv[0][1] or 0))):
                out.writerow([r.file_name, i, y or "", metric, format_value(f.value), f.unit, f.method, f.status])
        title = f"{metric_name(metric)}（{chosen_year or ''}年，各单位）"
        return (
            frame,
            gr.update(value=bars, title=title),
            gr.update(value=lines, title=f"{metric_name(metric)}（{line_issuer}，历年）"),
            f"<details open><summary>每个数字的出处</summary><ol>{evidence}</ol></details>",
            str(export),
        )

    # -- layout -------------------------------------------------------------------------------

    with gr.Blocks(title="年报问答") as app:
        gr.Markdown("## 年报问答 · 政府信息公开工作年度报告")
        with gr.Tabs():
            with gr.Tab("问答", id="chat"):
                with gr.Row():
                    with gr.Column(scale=3):
                        chatbot = gr.Chatbot(
                            label="对话", height=520, elem_id="nb-chat", sanitize_html=True, feedback_options=None
                        )
                        question = gr.Textbox(
                            label="问题",
                            placeholder="例如：额济纳旗2021年收到多少件政府信息公开申请？",
                            elem_id="nb-question",
                            submit_btn="提问",
                        )
                        with gr.Row():
                            issuer_filter = gr.Dropdown(
                                choices=[""], value="", label="限定单位（可选）", allow_custom_value=False
                            )
                            year_filter = gr.Dropdown(choices=[""], value="", label="限定年度（可选）")
                            use_llm = gr.Checkbox(
                                value=options.llm is not None,
                                interactive=options.llm is not None,
                                label=f"由模型改写回答（{options.llm.model.name}）"
                                if options.llm is not None
                                else "由模型改写回答（未配置）",
                            )
                        clear = gr.Button("清空对话", variant="secondary")
                        gr.Examples(EXAMPLES, inputs=question, label="示例问题")
                    with gr.Column(scale=2):
                        sources = gr.Radio(label="来源（点击查看原文）", choices=[], elem_id="nb-sources")
                        report_view = gr.HTML(elem_id="report-view")
                state = gr.State(None)
                citations = gr.State([])
                # no limit on this event: a slow model answer holds its own thread, never a slot a quick one needs
                question.submit(
                    respond,
                    [question, chatbot, state, issuer_filter, year_filter, use_llm],
                    [chatbot, state, citations, sources, question],
                    concurrency_limit=None,
                )
                sources.change(open_source, [sources, citations], report_view).then(None, js=SCROLL_TO_MARK)
                clear.click(
                    lambda: ([], None, [], gr.update(choices=[], value=None), ""),
                    None,
                    [chatbot, state, citations, sources, report_view],
                )
            with gr.Tab("报告库", id="library"):
                table = gr.Dataframe(label="已收录的报告", interactive=False, elem_id="nb-library")
                with gr.Row():
                    with gr.Column():
                        files = gr.File(
                            label=f"上传报告（txt / html / pdf / docx，单个不超过 {options.max_upload_mb} MB）",
                            file_count="multiple",
                            file_types=sorted(SUPPORTED),
                            elem_id="nb-upload",
                        )
                        upload_button = gr.Button("导入上传的文件", variant="primary", elem_id="nb-upload-button")
                        folder = gr.Textbox(label="重新导入服务器目录（相对于导入根目录）", placeholder="留空即整个导入根目录")
                        folder_button = gr.Button("导入服务器目录")
                    with gr.Column():
                        results = gr.Dataframe(label="导入结果", interactive=False, elem_id="nb-results")
                with gr.Row():
                    chosen = gr.Dropdown(choices=[], label="选择报告", elem_id="nb-report-choice")
                    confirm = gr.Checkbox(label="确认删除", value=False)
                    delete_button = gr.Button("删除报告", variant="stop")
                status = gr.Markdown()
                with gr.Row():
                    with gr.Column(scale=3):
                        viewer = gr.HTML(elem_id="nb-viewer")
                    with gr.Column(scale=2):
                        audit_view = gr.HTML(elem_id="nb-audit")
                        fact_table = gr.Dataframe(label="提取的数字", interactive=False)
                        check_table = gr.Dataframe(label="核对结果", interactive=False)
                upload_button.click(upload, files, [results, table, chosen])
                folder_button.click(reingest_folder, folder, [results, table, chosen])
                delete_button.click(delete, [chosen, confirm], [status, table, chosen, confirm])
                chosen.change(view_report, chosen, [viewer, fact_table, check_table, audit_view])
            with gr.Tab("统计", id="stats"):
                with gr.Row():
                    metric = gr.Dropdown(
                        choices=[(metric_name(m), m) for m in STAT_METRICS],
                        value=STAT_METRICS[0],
                        label="指标",
                        elem_id="nb-metric",
                    )
                    stat_year = gr.Dropdown(choices=[""], value="", label="柱状图年度（默认最近）")
                    stat_issuer = gr.Dropdown(choices=[""], value="", label="折线图单位（默认第一个）")
                    show = gr.Button("统计", variant="primary", elem_id="nb-stats-button")
                pivot = gr.Dataframe(
                    label="单位 × 年度（⚠ 表示报告中说法不一致或无法确定）", interactive=False, elem_id="nb-pivot"
                )
                with gr.Row():
                    bar = gr.BarPlot(x="发布单位", y="数值", elem_id="nb-bar")
                    line = gr.LinePlot(x="年度", y="数值", elem_id="nb-line")
                evidence_html = gr.HTML()
                download = gr.File(label="下载 CSV", elem_id="nb-csv")
                show.click(statistics, [metric, stat_year, stat_issuer], [pivot, bar, line, evidence_html, download])
        gr.api(ask_api, api_name="ask")
        # what the store holds reaches the page only through this call (it needs a login when one is set)
        app.load(
            lambda: (
                gr.update(choices=[""] + issuers()),
                gr.update(choices=[""] + years()),
                library_table(),
                gr.update(choices=report_choices()),
                gr.update(choices=[""] + years()),
                gr.update(choices=[""] + issuers()),
            ),
            None,
            [issuer_filter, year_filter, table, chosen, stat_year, stat_issuer],
        )
    return app


def audit_html(a: Audit) -> str:
    """A report's parse audit for the 报告库 viewer (``nianbao audit`` shows the same); every
    text from the report is escaped."""
    found = [PART_ZH[p] for p in STANDARD_PARTS if p in a.parts]
    lines = [
        f"<b>解析等级：{inert(a.grade)}</b>（{inert(a.basis)}）",
        f"发布单位：{inert(a.issuer or '（未识别）')}（{inert(a.issuer_found or '识别方式未记录')}）；"
        f"年度 {a.year or '未识别'}；格式 {inert(a.layout)}；部分 {len(found)}/6",
        f"标准表格单元格：读出 {a.read} / 应有 {a.expected}；勾稽关系 {a.checks_held} 条成立、{len(a.checks_failed)} 条不成立；"
        f"无法确定 {len(a.unresolved)} 格；说法不一致 {len(a.conflicts)} 项",
    ]
    for t in a.tables:
        if t.missing:
            rows = t.missing_rows()
            more = f" 等 {len(rows)} 行" if len(rows) > 8 else ""
            lines.append(f"表{inert(t.table)} {t.read}/{t.expected}，未读出：{inert('；'.join(rows[:8]))}{more}")
    lines += [f"⚠ {inert(flag)}" for flag in a.flags]
    return '<div class="nb-audit">' + "<br>".join(lines) + "</div>"


_STATUS_ZH = {"conflict": "报告中说法不一致", "unresolved": "无法确定"}
_OUTCOME_ZH = {"added": "已新增", "updated": "已更新（替换旧版本）", "unchanged": "未变化（已收录）", "failed": "已拒绝"}


def launch_options(users: list[tuple[str, str]] | None, max_upload_mb: int, throttle: Throttle | None = None) -> dict:
    """What ``Blocks.launch`` gets besides host and port; with users, logins are throttled."""
    middleware = [Middleware(ThrottledLogin, throttle=throttle or Throttle())] if users else []
    return {
        "auth": users or None,
        "max_file_size": f"{max_upload_mb}mb",
        "theme": THEME,
        "css": CSS,
        "footer_links": ["api"],
        "ssr_mode": False,
        "pwa": False,
        "mcp_server": False,
        "app_kwargs": {"middleware": middleware},
    }


def launch(app: gr.Blocks, host: str, port: int, users: list[tuple[str, str]] | None, max_upload_mb: int) -> None:
    app.queue(default_concurrency_limit=8)
    app.launch(server_name=host, server_port=port, **launch_options(users, max_upload_mb))


def parse_users(spec: str | None, path: Path | None) -> list[tuple[str, str]]:
    """Users as "name:password" pairs, comma- or line-separated, from a setting or a file."""
    raw = (spec or "") + "\n" + (path.read_text(encoding="utf-8") if path else "")
    users = []
    for item in re.split(r"[,\n]", raw):
        if ":" in item:
            name, password = item.strip().split(":", 1)
            users.append((name, password))
    return users
