"""The report as the page shows it: prose with its marks, pipe tables as escaped HTML tables with
the cited rows highlighted and a converter's repeated header cell shown once."""

from __future__ import annotations

import re

from ingest.pipeline import build_report
from tests.conftest import report
from ui.render import report_html

HEADER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
TEXT = (
    "三、收到和处理政府信息公开申请情况\n"
    f"| {HEADER} | {HEADER} | {HEADER} | 自然人 | 总计 |\n"
    "|---|---|---|---|---|\n"
    "| 一、本年新收政府信息公开申请数量 | | | 95 | 95 |\n"
    "| 二、上年结转<script>x</script> | | | 3 | 3 |\n"
    "全年共收到申请98件。\n"
)


def test_a_pipe_table_is_a_table_with_its_cited_row_marked():
    row = TEXT.index("| 一、本年新收")
    shown = report_html("t", TEXT, [], (row + 4, row + 20))
    table = re.search(r'<table class="nb-table">.*?</table>', shown, re.S).group()
    assert table.count("<tr") == 3 and "---" not in table and "|" not in table.replace("&#124;", "")
    assert table.count("勾稽关系") == 1 and "colspan=3" in table  # the repeated header once, over its columns
    assert '<tr class="nb-hit" id="nb-highlight"><td>一、本年新收政府信息公开申请数量</td>' in table
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert shown.count("nb-highlight") == 1


def test_a_span_over_prose_and_table_marks_both_once_with_one_scroll_target():
    start, end = TEXT.index("三、"), TEXT.index("全年") + 4
    shown = report_html("t", TEXT, [], (start, end))
    assert shown.count('id="nb-highlight"') == 1 and shown.index('id="nb-highlight"') < shown.index("<table")
    assert "nb-hit" in shown and shown.count("<mark") == 2  # the prose before and after the table


def test_the_tables_of_a_converted_pdf_render_row_by_row():
    path = report("huaian_shi_2024.pdf")
    r = build_report(path.read_bytes(), path.name)
    rows = [
        line for line in r.text.splitlines() if re.match(r"^\s*\|.*\|\s*$", line) and not re.match(r"^\s*\|[\s:|-]+\|\s*$", line)
    ]
    shown = report_html(r.meta.title, r.text, list(r.sections))
    assert rows and shown.count("<tr") == len(rows)
    assert not re.search(r"^\s*\|", re.sub(r"<[^>]+>", "\n", shown), re.M)  # no pipe row left as text


def test_a_quoted_table_row_is_a_table_and_prose_stays_text():
    from ui.render import quote_html

    row = "| 一、本年新收政府信息公开申请数量 | 95 | 0 | 95 |\n"
    assert quote_html(row).startswith('<table class="nb-table"><tr class="nb-hit"><td>一、本年新收')
    assert quote_html("全年共收到申请<b>98</b>件。") == "<mark>全年共收到申请&lt;b&gt;98&lt;/b&gt;件。</mark>"


def test_a_quote_stating_several_figures_marks_only_the_answers_own():
    from ui.render import quote_html

    quote = "全年共发布信息249条，其中：重点工作39条；财政预决算信息6条。"
    at = quote.index("6条")
    html = quote_html(quote, (at, at + 2))
    assert html == ('全年共发布信息249条，其中：重点工作39条；财政预决算信息<mark class="nb-figure">6条</mark>。')


def test_a_figure_in_a_quoted_table_marks_its_row_and_its_cell():
    from ui.render import quote_html

    quote = "| 行政复议 | 总计 |\n| 72 | 64 | 351 |\n"
    at = quote.index("351")
    html = quote_html(quote, (at, at + 3))
    assert '<tr class="nb-hit"><td>72</td><td>64</td><td><mark class="nb-figure">351</mark></td></tr>' in html
    assert "<tr><td>行政复议</td><td>总计</td></tr>" in html  # the header row is not the figure's
