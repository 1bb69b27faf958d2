"""The 报告库 tab: the stored reports with their parse grades, upload, re-ingest from a server
folder, delete, and one report's text, figures, checks and audit."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import gradio as gr
import pandas as pd

from ingest.records import IngestResult
from lexicon.metrics import format_value, metric_name
from store.audit import PART_ZH, STANDARD_PARTS, Audit, audit_catalog
from store.library import Library
from ui.render import inert, report_choice, report_html

STATUS_ZH = {"conflict": "报告中说法不一致", "unresolved": "无法确定"}
OUTCOME_ZH = {"added": "已新增", "updated": "已更新（替换旧版本）", "unchanged": "未变化（已收录）", "failed": "已拒绝"}
KIND_ZH = {"annual_report": "年度报告", "other": "非年度报告"}
COLUMNS = [
    "标题",
    "发布单位",
    "年度",
    "类型",
    "格式",
    "部分",
    "段落数",
    "数字",
    "核对未通过",
    "解析等级",
    "导入时间",
    "文件",
    "编号",
]
RESULT_COLUMNS = ["文件", "结果", "说明"]
FACT_COLUMNS = ["指标", "数值", "单位", "来源", "状态", "原文"]
CHECK_COLUMNS = ["规则", "结果", "左", "右"]


class Ingests(Protocol):
    """How the page adds files to the library (``ingest.pipeline.Ingester``)."""

    supported: frozenset[str]

    def ingest_files(self, paths: Iterable[Path]) -> Iterator[IngestResult]: ...
    def expand(self, paths: list[Path]) -> list[Path]: ...


@dataclass
class LibraryTab:
    table: gr.Dataframe
    chosen: gr.Dropdown
    changes: list[Any]  # the events after which the store holds other reports
    load: Callable[[], tuple[pd.DataFrame, dict]]  # the table and the report list, for a page load


class PerGeneration:
    """A value computed once per catalog generation: every page load shows the library, and
    counting a large store's facts should not run for each visitor."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.made: dict[str, tuple[int, Any]] = {}

    def __call__(self, key: str, make: Callable[[], Any]) -> Any:
        generation = self.library.catalog.generation()
        if key not in self.made or self.made[key][0] != generation:
            self.made[key] = (generation, make())
        return self.made[key][1]


def library_tab(library: Library, ingester: Ingests, max_upload_mb: int, ingest_root: Path | None) -> LibraryTab:
    """The tab's components and events, inside the page's ``gr.Tab``."""
    catalog = library.catalog
    cached = PerGeneration(library)

    def make_table() -> pd.DataFrame:
        facts, failing = catalog.fact_counts(), catalog.failing_check_counts()
        grades = {a.report_id: a.grade for a in audit_catalog(catalog)}
        rows = [
            [
                r.title,
                r.issuer,
                r.year or "",
                KIND_ZH[r.kind],
                r.fmt,
                len([p for p in r.parts if p not in ("preamble", "body")]),
                r.n_chunks,
                facts.get(r.id, 0),
                failing.get(r.id, 0),
                grades.get(r.id, ""),
                time.strftime("%Y-%m-%d %H:%M", time.localtime(r.ingested_at)),
                r.file_name,
                r.id,
            ]
            # newest first: what an operator just ingested is at the top, whatever the store's size
            for r in sorted(library.reports(), key=lambda r: -r.ingested_at)
        ]
        return pd.DataFrame(rows, columns=COLUMNS)

    def table() -> pd.DataFrame:
        return cached("table", make_table)

    def choices() -> list[tuple[str, str]]:
        return cached("choices", lambda: [report_choice(r) for r in library.reports()])

    def outcome(results: list[list[str]]):
        return pd.DataFrame(results, columns=RESULT_COLUMNS), table(), gr.update(choices=choices())

    def rejected(name: str, why: str):
        return pd.DataFrame([[name, "已拒绝", why]], columns=RESULT_COLUMNS), table(), gr.update()

    def upload(files: list[str] | None, progress=gr.Progress()):  # noqa: B008 (how Gradio passes a progress bar)
        results, accepted = [], []
        for path in map(Path, files or []):
            name = Path(path.name).name
            if Path(name).suffix.lower() not in ingester.supported:
                results.append([name, "已拒绝", f"不支持的格式（支持 {'、'.join(sorted(ingester.supported))}）"])
            elif path.stat().st_size > max_upload_mb * 1024 * 1024:
                results.append([name, "已拒绝", f"文件超过 {max_upload_mb} MB"])
            else:
                accepted.append(path)
        for r in progress.tqdm(ingester.ingest_files(accepted), total=len(accepted), desc="导入中"):
            results.append([r.file_name, OUTCOME_ZH[r.outcome], r.message_zh])
        return outcome(results)

    def reingest_folder(folder: str, progress=gr.Progress()):  # noqa: B008 (how Gradio passes a progress bar)
        if ingest_root is None:
            return rejected("", "未配置服务器导入目录（NIANBAO_INGEST_ROOT）")
        root = ingest_root.resolve()
        target = (root / folder).resolve() if folder else root
        if not target.is_relative_to(root) or not target.exists():
            return rejected(folder, "目录不在允许的导入目录内")
        paths = ingester.expand([target])
        return outcome(
            [
                [r.file_name, OUTCOME_ZH[r.outcome], r.message_zh]
                for r in progress.tqdm(ingester.ingest_files(paths), total=len(paths), desc="导入中")
            ]
        )

    def delete(report_id: str | None, confirmed: bool):
        if not report_id:
            return "请先选择报告。", table(), gr.update(), False
        if not confirmed:
            return "请勾选“确认删除”。", table(), gr.update(), False
        gone = library.reports_by_id().get(report_id)
        library.delete(report_id)
        what = f"《{gone.title}》（{gone.issuer} {gone.year or ''}年，{gone.file_name}）" if gone else report_id
        return f"已删除 {what}。", table(), gr.update(choices=choices(), value=None), False

    def view(report_id: str | None):
        data = library.read([report_id]).get(report_id) if report_id else None
        if data is None:
            return "", pd.DataFrame(columns=FACT_COLUMNS), pd.DataFrame(columns=CHECK_COLUMNS), ""
        facts = pd.DataFrame(
            [
                [
                    metric_name(f.fact.metric),
                    format_value(f.fact.value) or "无法确定",
                    f.fact.unit,
                    f.fact.method,
                    STATUS_ZH.get(f.fact.status, "正常"),
                    data.text[f.fact.start : f.fact.end][:80],
                ]
                for f in data.facts
            ],
            columns=FACT_COLUMNS,
        )
        checks = pd.DataFrame(
            [
                [
                    c.check.description,
                    "通过" if c.check.holds else "不成立",
                    format_value(c.check.left),
                    format_value(c.check.right),
                ]
                for c in data.checks
            ],
            columns=CHECK_COLUMNS,
        )
        audits = audit_catalog(catalog, [data.report.id])
        shown = audit_html(audits[0]) if audits else ""
        return report_html(data.report.title, data.text, list(data.sections)), facts, checks, shown

    # every table has its headers from the start: an empty one shows what it will hold
    listing = gr.Dataframe(pd.DataFrame(columns=COLUMNS), label="已收录的报告", interactive=False, elem_id="nb-library")
    with gr.Row():
        with gr.Column():
            files = gr.File(
                label=f"上传报告（txt / html / pdf / docx，单个不超过 {max_upload_mb} MB）",
                file_count="multiple",
                file_types=sorted(ingester.supported),
                elem_id="nb-upload",
            )
            upload_button = gr.Button("导入上传的文件", variant="primary", elem_id="nb-upload-button")
            folder = gr.Textbox(
                label="重新导入服务器目录（相对于导入根目录）",
                placeholder="留空即整个导入根目录" if ingest_root else "未配置服务器导入目录（NIANBAO_INGEST_ROOT）",
                interactive=ingest_root is not None,
            )
            folder_button = gr.Button("导入服务器目录", interactive=ingest_root is not None)
        with gr.Column():
            results = gr.Dataframe(
                pd.DataFrame(columns=RESULT_COLUMNS), label="导入结果", interactive=False, elem_id="nb-results"
            )
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
            fact_table = gr.Dataframe(pd.DataFrame(columns=FACT_COLUMNS), label="提取的数字", interactive=False)
            check_table = gr.Dataframe(pd.DataFrame(columns=CHECK_COLUMNS), label="核对结果", interactive=False)
    changes = [
        upload_button.click(upload, files, [results, listing, chosen]),
        folder_button.click(reingest_folder, folder, [results, listing, chosen]),
        delete_button.click(delete, [chosen, confirm], [status, listing, chosen, confirm]),
    ]
    chosen.change(view, chosen, [viewer, fact_table, check_table, audit_view])
    return LibraryTab(listing, chosen, changes, lambda: (table(), gr.update(choices=choices())))


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
