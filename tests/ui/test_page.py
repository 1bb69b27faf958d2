"""How the page is wired: the lists and example questions come from the reports on file and are
drawn again after every change to the library; the chat's filters hold for every turn."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from ingest.pipeline import Ingester
from lexicon.metrics import format_value
from tests.conftest import report
from tests.ui.test_library_audit import event

FIRST, SECOND = "003_581ad2afe31178c1.txt", "001_3126439bcbcde1e1.txt"


def choices(update: dict) -> list[str]:
    return [c[0] if isinstance(c, tuple) else c for c in update["choices"]]


def test_lists_and_examples_follow_the_library(fake_library, tmp_path):
    from ui.app import build_app

    Ingester(fake_library).ingest_file(report(FIRST))
    app = build_app(fake_library, Ingester(fake_library))
    first = fake_library.reports()[0]
    lists = event(app, "lists")
    issuer, year, stat_year, stat_issuer, region, first_report, second_report, examples, question = lists()
    assert region["choices"] == [("", "")]  # one issuer is no region
    assert [c[1] for c in first_report["choices"]] == [first.id] == [c[1] for c in second_report["choices"]]
    assert choices(issuer) == ["", first.issuer] and choices(stat_issuer) == choices(issuer)
    assert choices(year) == ["", str(first.year)] == choices(stat_year)
    samples = [s[0] for s in examples["samples"]]
    assert samples and all(first.issuer in s or str(first.year) in s for s in samples)
    assert question["placeholder"] == f"例如：{samples[0]}"

    # every change to the library (upload, server folder, delete) is followed by the lists
    changes = {id_ for id_, f in app.fns.items() if getattr(f.fn, "__name__", "") in ("upload", "reingest_folder", "delete")}
    followed = {f.trigger_after for f in app.fns.values() if getattr(f.fn, "__name__", "") == "lists"}
    assert len(changes) == 3 and changes <= followed

    upload = tmp_path / SECOND
    upload.write_bytes(report(SECOND).read_bytes())
    results, table, _ = event(app, "upload")([str(upload)])
    assert list(results["结果"]) == ["已新增"] and len(table) == 2
    issuers = choices(lists()[0])
    assert len(issuers) == 3 and {r.issuer for r in fake_library.reports()} == set(issuers[1:])

    status, table, _, _ = event(app, "delete")(first.id, True)
    assert f"《{first.title}》" in status and first.file_name in status and first.id not in status
    assert isinstance(table, pd.DataFrame) and len(table) == 1
    assert first.issuer not in choices(lists()[0])


def test_the_chat_filters_hold_after_the_first_turn(fake_library):
    from ui.app import build_app

    ids = [Ingester(fake_library).ingest_file(report(name)).report_id for name in (FIRST, SECOND)]
    rows = fake_library.reports_by_id()
    a, b = rows[ids[0]], rows[ids[1]]
    app = build_app(fake_library, Ingester(fake_library))
    respond = event(app, "respond")
    *_, (history, state, turns, _, _, download) = respond(f"{b.issuer}的报告指出了哪些问题？", [], None, [], "", "", False)
    assert download["visible"] is False  # a list of problems has no table of figures
    assert len(turns) == 1 and turns[0] and {c.issuer for c in turns[0]} == {b.issuer}
    # the same follow-up, with 限定单位 set to the other issuer: the filter wins over the last turn
    *_, (history, _, turns, _, _, _) = respond("存在哪些不足？", history, state, turns, a.issuer, "", False)
    assert len(turns) == 2 and turns[1] and {c.issuer for c in turns[1]} == {a.issuer}
    assert f"按页面限定：{a.issuer}" in history[3]["content"] and "按页面限定" not in history[1]["content"]
    # every answer keeps its sources: an [n] of the first answer still opens the first answer's source
    assert 'class="nb-cite nb-ref-0-1"' in history[1]["content"] and "nb-ref-1-1" in history[3]["content"]
    first = turns[0][0]
    shown = event(app, "open_mark")(f"0-{first.n}@1", turns)
    assert 'id="nb-highlight"' in shown and b.title in shown
    assert event(app, "open_mark")("7-1@1", turns) == "" and event(app, "open_mark")("x", turns) == ""


def test_a_page_with_logins_offers_to_log_out(fake_library):
    from ui.app import AppOptions, build_app

    def links(app) -> list[str]:
        return [getattr(b, "link", None) for b in app.blocks.values() if getattr(b, "link", None)]

    assert links(build_app(fake_library, Ingester(fake_library), AppOptions(login=True))) == ["/logout"]
    assert links(build_app(fake_library, Ingester(fake_library))) == []


def test_import_results_on_the_page_are_in_chinese_only(fake_library, tmp_path):
    from ui.app import build_app

    empty, letter, exe = tmp_path / "empty.txt", tmp_path / "letter.txt", tmp_path / "prog.exe"
    empty.write_text("   \n", encoding="utf-8")
    letter.write_text("关于召开2024年度工作会议的通知\n各单位：定于下周召开会议，请准时参加。\n", encoding="utf-8")
    exe.write_bytes(b"MZ\x00\x00")
    results, _, _ = event(build_app(fake_library, Ingester(fake_library)), "upload")([str(empty), str(letter), str(exe)])
    said = dict(zip(results["文件"], zip(results["结果"], results["说明"], strict=True), strict=True))
    assert said["empty.txt"] == ("已拒绝", "文件没有可读取的文字")
    assert said["letter.txt"][0] == "已新增" and "不像政府信息公开工作年度报告" in said["letter.txt"][1]
    assert said["prog.exe"][0] == "已拒绝" and "不支持的格式" in said["prog.exe"][1]
    for _, why in said.values():  # the file types named are the only Latin letters
        assert not re.search(r"[A-Za-z]", re.sub(r"\.[a-z]+", "", why)), why


def test_a_statistics_cell_opens_its_report_at_the_figure(fake_library):
    from types import SimpleNamespace

    from ui.app import build_app

    for name in (FIRST, SECOND, "000_53379ca1ae0f01b5.txt"):
        Ingester(fake_library).ingest_file(report(name))
    app = build_app(fake_library, Ingester(fake_library))
    table, grid, *_ = event(app, "show")("applications.new.total", "", "")
    assert list(grid["value"]["发布单位"]) == list(table.issuers) and table.cells
    (issuer, year), cell = next(iter(table.cells.items()))
    row, column = table.issuers.index(issuer), table.years.index(year) + 1
    shown = event(app, "drill")(table, SimpleNamespace(index=(row, column)))
    data = fake_library.read([cell.report_id])[cell.report_id]
    assert data.report.title in shown and 'id="nb-highlight"' in shown
    marked = shown[shown.index('id="nb-highlight"') :][:3000]  # the figure sits in what is highlighted
    assert format_value(cell.fact.value) in marked
    assert event(app, "drill")(table, SimpleNamespace(index=(row, 0))) == ""  # the issuer column opens nothing


def test_two_reports_compare_side_by_side_with_their_sources(fake_library):
    from answer.research import compare
    from ui.app import build_app
    from ui.render import inert

    ids = [Ingester(fake_library).ingest_file(report(name)).report_id for name in ("hongze_qu_2023.pdf", "hongze_qu_2024.pdf")]
    app = build_app(fake_library, Ingester(fake_library))
    shown, as_csv, as_markdown, as_xlsx = event(app, "compare_reports")(*ids)
    rows = fake_library.reports_by_id()
    result = compare(fake_library.catalog, rows[ids[0]], rows[ids[1]])
    table = shown[: shown.index("</table>")]
    assert table.count("<tr") == len(result.rows) + 1 and table.count("nb-differs") == sum(r.differs for r in result.rows)
    a = rows[ids[0]]
    assert a.issuer in shown and "公开率 =" in shown  # the rates with their formulas
    figure = next(r.a for r in result.rows if r.a is not None)
    quote = fake_library.read([a.id])[a.id].text[figure.start : figure.end]
    assert f'title="{inert(quote)}"' in shown  # a figure's quote on its cell
    assert Path(as_csv).read_text(encoding="utf-8-sig").startswith("指标,")
    assert "| 指标 |" in Path(as_markdown).read_text(encoding="utf-8") and Path(as_xlsx).stat().st_size > 0
    only = event(app, "compare_reports")(*ids, True)[0]
    assert only[: only.index("</table>")].count("<tr") == sum(r.differs for r in result.rows) + 1
    assert event(app, "compare_reports")(ids[0], None)[0] == "请选择两份报告。"


def test_statistics_show_both_sides_of_a_conflict_the_change_and_the_carry_over(fake_library):
    from answer.research import report_figures
    from ui.app import build_app

    ids = {
        name: Ingester(fake_library).ingest_file(report(name)).report_id
        for name in ("hongze_qu_2023.pdf", "hongze_qu_2024.pdf", "014_shuyang_xian_2025.txt")
    }
    app = build_app(fake_library, Ingester(fake_library))
    before = report_figures(fake_library.catalog, ids["hongze_qu_2023.pdf"])
    now = report_figures(fake_library.catalog, ids["hongze_qu_2024.pdf"])
    *_, checks, _ = event(app, "show")("applications.carried_over.total", "", "")
    carried, handed = now["applications.carried_over.total"].value, before["applications.carried_to_next_year.total"].value
    mark = "✓" if carried == handed else "✗"
    assert f"{mark} 淮安市洪泽区人民政府 2024：本年“上年结转”等于上年“结转下年度继续办理”" in checks
    assert f"（{format_value(carried)}{' = ' if carried == handed else ' ≠ '}{format_value(handed)}）" in checks
    *_, checks, _ = event(app, "show")("applications.new.total", "", "")
    a, b = before["applications.new.total"].value, now["applications.new.total"].value
    assert f"淮安市洪泽区人民政府 2024：{format_value(a)} → {format_value(b)}（×{b / a:.2f}）" in checks
    conflict = checks[checks.index("说法不一致") : checks.index("同比变化")]
    stated = {
        f.fact.value
        for f in fake_library.read([ids["014_shuyang_xian_2025.txt"]])[ids["014_shuyang_xian_2025.txt"]].facts
        if f.fact.metric == "applications.new.total" and f.fact.scope == "report" and f.fact.value is not None
    }
    assert len(stated) >= 2 and all(f"<li>{format_value(v)}件" in conflict for v in stated)


def test_statistics_roll_up_a_region_through_the_gazetteer(fake_library):
    from answer.statistics import regions
    from ui.app import build_app

    for name in ("hongze_qu_2024.pdf", "huaian_shi_2024.pdf", FIRST):
        Ingester(fake_library).ingest_file(report(name))
    stored = {r.issuer for r in fake_library.reports()}
    found = regions(stored)
    city = ("淮安市人民政府", "淮安市洪泽区人民政府")
    assert found["淮安市"] == city and found["江苏省"] == city and not any("额济纳旗" in v for v in found.values())
    app = build_app(fake_library, Ingester(fake_library))
    assert ("淮安市（2个单位）", "淮安市") in event(app, "lists")()[4]["choices"]
    table, grid, heading, *_, files = event(app, "show")("applications.new.total", "", "", "淮安市")
    assert table.issuers == city and "淮安市合计（2024年，2个单位）：3214" in heading  # 3119 + 95, as the reports print
    csv_file, workbook = map(Path, files)
    assert csv_file.read_text(encoding="utf-8-sig").count("\n") == len(table.cells) + 1
    from openpyxl import load_workbook

    sheets = load_workbook(workbook).sheetnames
    assert sheets == ["统计", "出处"]


def test_an_answer_with_many_figures_shows_a_cited_table_and_its_csv(fake_library):
    from ui.app import build_app

    names = ("hongze_qu_2024.pdf", "huaian_shi_2024.pdf", "013_shanghai_kewei_2024.txt", "003_pingtan_zhq_2024.txt")
    for name in names:
        Ingester(fake_library).ingest_file(report(name))
    app = build_app(fake_library, Ingester(fake_library))
    *_, (history, _, turns, _, _, download) = event(app, "respond")(
        "2024年收到政府信息公开申请最多的前五个单位", [], None, [], "", "", False
    )
    shown = history[-1]["content"]
    table = shown[shown.index('<table class="nb-table nb-figures">') :]
    table = table[: table.index("</table>")]
    assert table.count("<tr>") == 5 and "淮安市人民政府" in table and "3119" in table  # a header and four issuers
    assert table.count('class="nb-cite nb-ref-0-') == 4
    rows = list(csv.reader(Path(download["value"]).read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == ["发布单位", "年度", "指标", "数值", "单位", "出处"] and len(rows) == 5
    assert rows[1][:2] == ["淮安市人民政府", "2024"] and rows[1][3] == "3119"  # the largest first
    assert {c.n for c in turns[0]} >= {int(r[5].strip("[]")) for r in rows[1:]}
