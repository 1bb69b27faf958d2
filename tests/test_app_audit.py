"""``nianbao audit`` through click's runner: the JSON shape, --strict's exit code, ids it does not know."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from app import cli
from ingest.pipeline import Ingester
from tests.conftest import open_store, report, store_env

# two reports whose tables are read whole, one of them with printed totals that do not add up, and
# one whose table 三 is not printed at all (below 完整 however well it is read)
FILES = ("huaian_shi_2024.pdf", "hongze_qu_2023.pdf", "003_581ad2afe31178c1.txt")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """The three reports ingested once with the fake embedder (the audit reads only the catalog)."""
    from embedding.embed import HashingEmbedder

    data_dir = tmp_path_factory.mktemp("audit") / "data"
    library = open_store(data_dir, HashingEmbedder())
    return data_dir, {name: Ingester(library).ingest_file(report(name)).report_id for name in FILES}


def run(data_dir, *args: str):
    return CliRunner().invoke(cli, ["--data-dir", str(data_dir), "audit", *args], env=store_env(data_dir))


def test_audit_json_has_every_report_and_a_summary(store):
    data_dir, ids = store
    result = run(data_dir, "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert set(out) == {"reports", "summary"}
    assert {r["id"] for r in out["reports"]} == set(ids.values())
    first = out["reports"][0]
    assert set(first) >= {"id", "file", "issuer", "issuer_found", "year", "kind", "layout", "parts", "standard", "basis"}
    assert set(first) >= {"grade", "cells", "tables", "checks", "unresolved", "unresolved_runs", "conflicts", "flags"}
    assert set(first["cells"]) == {"expected", "read"} and set(first["checks"]) == {"held", "failed"}
    assert {t["table"] for t in first["tables"]} == {"二", "三", "四"}
    summary = out["summary"]
    assert summary["reports"] == 3 and sum(summary["grades"].values()) == 3
    assert summary["worst"][0] == first["id"] == ids["003_581ad2afe31178c1.txt"]  # worst first
    by_file = {r["file"]: r for r in out["reports"]}
    hongze = by_file["hongze_qu_2023.pdf"]
    assert hongze["grade"] == "完整" and all(c["printed"] for c in hongze["checks"]["failed"])
    assert hongze["checks"]["failed"] and any("印刷的总计与各项之和不符" in f for f in hongze["flags"])


def test_strict_fails_only_when_a_standard_report_is_below_complete(store):
    data_dir, ids = store
    assert run(data_dir).exit_code == 0
    assert run(data_dir, "--strict").exit_code == 1
    whole = [ids["huaian_shi_2024.pdf"], ids["hongze_qu_2023.pdf"][:8]]  # an id prefix works too
    result = run(data_dir, "--strict", *whole)
    assert result.exit_code == 0, result.output
    assert "汇总(summary)：2 份报告" in result.output and "完整 2" in result.output


def test_the_table_names_the_grade_issuer_and_what_is_missing(store):
    data_dir, ids = store
    result = run(data_dir, ids["003_581ad2afe31178c1.txt"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("等级(grade)")
    assert lines[1].startswith("部分") and "额济纳旗" in lines[1]
    assert "表三 0/175" in result.output and "未印出表格数字" in result.output


def test_an_unknown_report_id_is_a_usage_error(store):
    data_dir, _ = store
    result = run(data_dir, "ffffffffffff")
    assert result.exit_code == 2
    assert "no report matches 'ffffffffffff'" in result.output
