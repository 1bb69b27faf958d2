"""How the page is wired: the lists and example questions come from the reports on file and are
drawn again after every change to the library; the chat's filters hold for every turn."""

from __future__ import annotations

import pandas as pd

from ingest.pipeline import Ingester
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
    issuer, year, stat_year, stat_issuer, examples, question = lists()
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
    assert first.issuer in status and first.file_name in status and first.id not in status
    assert isinstance(table, pd.DataFrame) and len(table) == 1
    assert first.issuer not in choices(lists()[0])


def test_the_chat_filters_hold_after_the_first_turn(fake_library):
    from ui.app import build_app

    ids = [Ingester(fake_library).ingest_file(report(name)).report_id for name in (FIRST, SECOND)]
    rows = fake_library.reports_by_id()
    a, b = rows[ids[0]], rows[ids[1]]
    app = build_app(fake_library, Ingester(fake_library))
    respond = event(app, "respond")
    *_, (history, state, turns, _, _) = respond(f"{b.issuer}的报告指出了哪些问题？", [], None, [], "", "", False)
    assert len(turns) == 1 and turns[0] and {c.issuer for c in turns[0]} == {b.issuer}
    # the same follow-up, with 限定单位 set to the other issuer: the filter wins over the last turn
    *_, (history, _, turns, _, _) = respond("存在哪些不足？", history, state, turns, a.issuer, "", False)
    assert len(turns) == 2 and turns[1] and {c.issuer for c in turns[1]} == {a.issuer}
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
