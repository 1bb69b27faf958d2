"""The 对比 tab: two reports side by side (an issuer across two years, or two issuers), every
figure either states with ≠ where they differ and each figure's quote, the rates with their
formulas, and the comparison as CSV, Markdown or a workbook with an evidence sheet; the same
computation as ``nianbao compare``."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import gradio as gr

from answer.export import csv_text, evidence_rows, xlsx
from answer.research import Comparison, Figure, RateValue, compare
from lexicon.metrics import format_value
from store.library import Library
from ui.render import inert, quote_html


@dataclass
class CompareTab:
    first: gr.Dropdown
    second: gr.Dropdown


def comparison_html(result: Comparison, text_of: Callable[[str], str], only_differs: bool = False) -> str:
    """The comparison as a table (a differing row marked, each figure's quote on hover; with
    ``only_differs`` the differing rows alone), the rates with their formulas, and every quote below."""
    a, b = result.header()

    def cell(f: Figure | None) -> str:
        if f is None:
            return "<td>—</td>"
        quote = text_of(f.report_id)[f.start : f.end]
        flag = "⚠" if f.flagged else ""
        return f'<td title="{inert(quote)}">{inert(format_value(f.value))}{flag}</td>'

    rows = "".join(
        f"<tr{' class=nb-differs' if r.differs else ''}><td>{inert(r.name)}</td>{cell(r.a)}{cell(r.b)}"
        f"<td>{inert(format_value(r.difference)) if r.difference is not None else ''}</td>"
        f"<td>{'≠' if r.differs else ''}</td></tr>"
        for r in result.rows
        if r.differs or not only_differs
    )
    head = f"<tr><th>指标</th><th>{inert(a)}</th><th>{inert(b)}</th><th>差额（后者 − 前者）</th><th>不同</th></tr>"

    def rate(label: str, v: RateValue) -> str:
        shown = f"{v.value}%" if v.value is not None else "无法计算（分母为0）"
        return f"<li>{inert(label)} {inert(v.rate.name)}：{shown}{' ⚠' if v.flagged else ''}（{inert(v.rate.formula)}）</li>"

    rates = "".join(rate(a, v) for v in result.rates_a) + "".join(rate(b, v) for v in result.rates_b)
    quotes = "".join(
        f"<li><b>{inert(e.label)}</b>：{inert(e.value)}"
        f"<blockquote class='nb-quote'>{quote_html(text_of(e.report_id)[e.start : e.end])}</blockquote></li>"
        for e in result.evidence()
    )
    return (
        f'<table class="nb-table nb-compare">{head}{rows}</table>'
        f"<h4>比率</h4><ul>{rates or '<li>两份报告都没有可计算比率的数字</li>'}</ul>"
        f"<details><summary>每个数字的出处（{len(result.evidence())}）</summary><ol>{quotes}</ol></details>"
    )


def compare_tab(library: Library) -> CompareTab:
    """The tab's components and events, inside the page's ``gr.Tab``."""

    def compare_reports(first: str | None, second: str | None, only_differs: bool = False):
        rows = library.reports_by_id()
        if not first or not second or first not in rows or second not in rows:
            return "请选择两份报告。", None, None, None
        result = compare(library.catalog, rows[first], rows[second])
        texts = library.catalog.report_texts([first, second])
        folder = Path(tempfile.mkdtemp(prefix="nianbao-"))
        (folder / "对比.csv").write_text(csv_text(result.table()), encoding="utf-8-sig", newline="")
        (folder / "对比.md").write_text(result.markdown(), encoding="utf-8")
        (folder / "对比.xlsx").write_bytes(
            xlsx([("对比", result.table()), ("出处", evidence_rows(library.catalog, result.evidence()))])
        )
        shown = comparison_html(result, lambda rid: texts.get(rid, ""), only_differs)
        return shown, str(folder / "对比.csv"), str(folder / "对比.md"), str(folder / "对比.xlsx")

    with gr.Row():
        first = gr.Dropdown(choices=[], label="报告（前者）", elem_id="nb-compare-first")
        second = gr.Dropdown(choices=[], label="报告（后者）", elem_id="nb-compare-second")
        only_differs = gr.Checkbox(label="只显示不同的数字", value=False)
        button = gr.Button("对比", variant="primary", elem_id="nb-compare-button")
    shown = gr.HTML(elem_id="nb-compare")
    with gr.Row():
        as_csv = gr.File(label="下载 CSV")
        as_markdown = gr.File(label="下载 Markdown")
        as_xlsx = gr.File(label="下载 Excel（含出处）")
    button.click(compare_reports, [first, second, only_differs], [shown, as_csv, as_markdown, as_xlsx])
    return CompareTab(first, second)
