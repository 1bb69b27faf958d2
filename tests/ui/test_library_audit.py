"""The 报告库 tab: each report's parse grade in the table, its audit beside the opened report."""

from __future__ import annotations

import pandas as pd

from ingest.pipeline import Ingester
from store.audit import audit_report
from store.records import ReportRow
from tests.conftest import report


def event(app, name: str):
    """The function behind one of the page's events, by its name in ui/app.py."""
    return next(f.fn for f in app.fns.values() if getattr(f.fn, "__name__", "") == name)


def test_the_library_shows_grades_and_the_opened_reports_audit(fake_library):
    from ui.app import build_app

    ids = [
        Ingester(fake_library).ingest_file(report(name)).report_id
        for name in ("003_581ad2afe31178c1.txt", "001_3126439bcbcde1e1.txt")
    ]
    app = build_app(fake_library, Ingester(fake_library))
    # the page load fills the library table (the only event without inputs that does)
    load = next(
        f.fn for f in app.fns.values() if not f.inputs and any(getattr(o, "elem_id", None) == "nb-library" for o in f.outputs)
    )
    table = next(v for v in load() if isinstance(v, pd.DataFrame))
    assert dict(zip(table["编号"], table["解析等级"])) == {ids[0]: "部分", ids[1]: "完整"}
    viewer, facts, checks, audit = event(app, "view")(ids[0])
    assert "解析等级：部分" in audit and "额济纳旗" in audit and "表三" in audit and "未印出表格数字" in audit
    assert event(app, "view")(None)[3] == ""


def test_the_audit_shows_report_text_inert():
    from ui.library import audit_html

    row = ReportRow(
        "0123456789abcdef", "x", "<b>x</b>.txt", "txt", "0" * 64, "t", "<script>alert(1)</script>局", (), 2023, None,
        "annual_report", "2021", (("issuer", "[链接](http://x)"),), (), 1, 0.0,
    )  # fmt: skip
    shown = audit_html(audit_report(row, [], []))
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert "](http" not in shown and "解析等级：未读出表格" in shown
