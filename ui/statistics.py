"""The 统计 tab: one figure across issuers and years. Table, bars, line, evidence and CSV are
drawn together from one ``answer.statistics.metric_table``, the computation ``nianbao stats``
prints."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import gradio as gr
import pandas as pd

from answer.export import evidence_rows, xlsx
from answer.research import Change, CrossYearCheck, cross_year_checks, year_on_year
from answer.statistics import STATUS_ZH, MetricTable, metric_table, regions
from lexicon.metrics import format_value, metric_name
from store.library import Library
from store.records import ReportData
from ui.chat import scroll_to_mark
from ui.render import inert, quote_html, report_html

METRICS = (
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


@dataclass
class StatisticsTab:
    year: gr.Dropdown
    issuer: gr.Dropdown
    region: gr.Dropdown


def evidence_html(table: MetricTable, text_of: Callable[[str], str]) -> str:
    """Every figure's quote, flagged ones with the reason."""
    items = "".join(
        f"<li><b>{inert(c.issuer)} {c.year or ''}</b>：{inert(format_value(c.fact.value))}{inert(c.fact.unit)}"
        f"{'（' + STATUS_ZH[c.flag] + '）' if c.flag else ''}"
        f"<blockquote class='nb-quote'>{quote_html(text_of(c.report_id)[c.fact.start : c.fact.end])}</blockquote></li>"
        for c in table.ordered()
    )
    return f"<details open><summary>每个数字的出处</summary><ol>{items}</ol></details>"


def checks_html(table: MetricTable, data: dict[str, ReportData], changes: list[Change], carries: list[CrossYearCheck]) -> str:
    """What a researcher checks by hand about the figures shown: the other side of every
    conflict, the change against the year before (⚠ beyond ×5 or ×0.2) and the rules that tie
    consecutive years of an issuer (上年结转 = 上年的结转下年度…) that read this metric."""
    sections = []
    sides = []
    for c in table.ordered():
        if c.flag != "conflict" or c.report_id not in data:
            continue
        d = data[c.report_id]
        stated = [
            f.fact for f in d.facts if f.fact.metric == table.metric and f.fact.scope == "report" and f.fact.value is not None
        ]
        quotes = "".join(
            f"<li>{inert(format_value(f.value))}{inert(f.unit)}（{inert(f.method)}）"
            f"<blockquote class='nb-quote'>{quote_html(d.text[f.start : f.end])}</blockquote></li>"
            for f in stated
        )
        sides.append(f"<li><b>{inert(c.issuer)} {c.year or ''}</b>：报告中有 {len(stated)} 种说法<ul>{quotes}</ul></li>")
    if sides:
        sections.append(f"<h4>说法不一致</h4><ul>{''.join(sides)}</ul>")
    if changes:
        lines = "".join(
            f"<li>{inert(ch.issuer)} {ch.year}：{inert(format_value(ch.before.value))} → {inert(format_value(ch.now.value))}"
            f"{'（×' + format(ch.ratio, '.2f') + '）' if ch.ratio is not None else ''}"
            f"{' ⚠ 变化异常，请核对' if ch.anomalous else ''}</li>"
            for ch in sorted(changes, key=lambda ch: (not ch.anomalous, ch.issuer, -ch.year))
        )
        sections.append(f"<h4>同比变化（超过5倍或不足0.2倍标⚠）</h4><ul>{lines}</ul>")
    if carries:
        lines = "".join(
            f"<li>{'✓' if k.holds else '✗'} {inert(k.issuer)} {k.year}：{inert(k.description)}"
            f"（{inert(format_value(k.left))}{' = ' if k.holds else ' ≠ '}{inert(format_value(k.right))}）"
            f"{'，可能另有原因' if k.soft and not k.holds else ''}</li>"
            for k in sorted(carries, key=lambda k: (k.holds, k.issuer, -k.year))
        )
        sections.append(f"<h4>跨年度核对</h4><ul>{lines}</ul>")
    return "".join(sections)


def statistics_tab(library: Library) -> StatisticsTab:
    """The tab's components and events, inside the page's ``gr.Tab``."""

    def show(metric: str, year: str, issuer: str, region: str = ""):
        within = regions({r.issuer for r in library.reports()}).get(region) if region else None
        table = metric_table(library.catalog, metric, int(year) if year else None, issuer or None, within)
        texts = library.catalog.report_texts(sorted({c.report_id for c in table.cells.values()}))
        data = library.read(sorted({c.report_id for c in table.cells.values() if c.flag == "conflict"}))
        issuers = set(table.issuers)
        changes = [ch for ch in year_on_year(library.catalog, metric) if ch.issuer in issuers]
        carries = [k for k in cross_year_checks(library.catalog, issuers) if any(f.metric == metric for f in k.figures)]
        grid = pd.DataFrame(table.grid(), columns=["发布单位", *[str(y) for y in table.years]])
        bars = pd.DataFrame(table.bars, columns=["发布单位", "数值"])
        line = pd.DataFrame([(str(y), v) for y, v in table.line], columns=["年度", "数值"])
        folder = Path(tempfile.mkdtemp(prefix="nianbao-"))
        (folder / f"{table.name}.csv").write_text(table.csv(), encoding="utf-8-sig")
        evidence_sheet = evidence_rows(library.catalog, table.evidence())
        (folder / f"{table.name}.xlsx").write_bytes(xlsx([("统计", table.rows()), ("出处", evidence_sheet)]))
        unit = f"，单位：{table.unit}" if table.unit else ""
        # the charts' titles are headings of their own: a plot given new data and a new title at
        # once may draw the new title over the old data
        return (
            table,
            gr.update(
                value=grid,
                label=f"{table.name}{unit}：单位 × 年度（⚠ 表示说法不一致、无法确定或所在勾稽关系不成立）；点数字查看原文",
            ),
            f"#### {table.name}{unit}\n左：{table.year or ''}年，各单位；右：{table.line_issuer}，历年"
            + (
                f"\n\n{region}合计（{table.year or ''}年，{len(table.bars)}个单位）：{format_value(table.total)}"
                if region
                else ""
            ),
            bars,
            line,
            checks_html(table, data, changes, carries) + evidence_html(table, lambda rid: texts.get(rid, "")),
            [str(folder / f"{table.name}.csv"), str(folder / f"{table.name}.xlsx")],
        )

    def drill(table: MetricTable | None, event: gr.SelectData) -> str:
        """A cell of the grid opens its report at the figure's evidence."""
        row, column = event.index if isinstance(event.index, (list, tuple)) else (event.index, 0)
        if table is None or column == 0 or row >= len(table.issuers) or column > len(table.years):
            return ""
        cell = table.cells.get((table.issuers[row], table.years[column - 1]))
        data = library.read([cell.report_id]).get(cell.report_id) if cell else None
        if cell is None or data is None:
            return ""
        return report_html(data.report.title, data.text, list(data.sections), (cell.fact.start, cell.fact.end))

    shown = gr.State(None)
    with gr.Row():
        metric = gr.Dropdown(choices=[(metric_name(m), m) for m in METRICS], value=METRICS[0], label="指标", elem_id="nb-metric")
        year = gr.Dropdown(choices=[""], value="", label="柱状图年度（默认最近）")
        issuer = gr.Dropdown(choices=[""], value="", label="折线图单位（默认年度最多的单位）")
        region = gr.Dropdown(choices=[""], value="", label="地区（省、市下辖各单位，可选）", elem_id="nb-region")
        button = gr.Button("统计", variant="primary", elem_id="nb-stats-button")
    grid = gr.Dataframe(
        pd.DataFrame(columns=["发布单位"]), label="单位 × 年度（请选择指标）", interactive=False, elem_id="nb-pivot"
    )
    heading = gr.Markdown(elem_id="nb-chart-title")
    with gr.Row():
        bar = gr.BarPlot(x="发布单位", y="数值", y_lim=[0, None], elem_id="nb-bar", show_label=False)
        line = gr.LinePlot(x="年度", y="数值", y_lim=[0, None], elem_id="nb-line", show_label=False)
    viewer = gr.HTML(elem_id="nb-stats-viewer")
    evidence = gr.HTML()
    download = gr.File(label="下载 CSV 与 Excel（含出处）", file_count="multiple", elem_id="nb-csv")
    outputs = [shown, grid, heading, bar, line, evidence, download]
    button.click(show, [metric, year, issuer, region], outputs)
    metric.change(show, [metric, year, issuer, region], outputs)
    region.change(show, [metric, year, issuer, region], outputs)
    grid.select(drill, shown, viewer).then(None, js=scroll_to_mark("nb-stats-viewer"))
    return StatisticsTab(year, issuer, region)
