"""Every command through click's runner, on a small store of real reports: arguments, files and
stdin, exit codes, the shape of ``--json``, and the friendly errors at the edge."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from answer.evaluate import primary_figure
from app import cli
from tests.conftest import PROJECT, report, store_env

FILES = ("003_581ad2afe31178c1.txt", "hongze_qu_2024.pdf", "013_shanghai_kewei_2024.txt")


class Store:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.env = store_env(data_dir)

    def run(self, *args: str, input: str | None = None) -> Result:
        return CliRunner().invoke(cli, ["--data-dir", str(self.data_dir), *args], input=input, env=self.env)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, model_dir: Path) -> Store:
    s = Store(tmp_path_factory.mktemp("cli"))
    result = s.run("ingest", *(str(report(name)) for name in FILES))
    assert result.exit_code == 0, result.output
    assert "added: 3" in result.output
    return s


def ids(store: Store) -> dict[str, str]:
    rows = json.loads(store.run("reports", "--json").output)
    return {r["file_name"]: r["id"] for r in rows}


def test_reports_json_lists_what_was_ingested(store: Store) -> None:
    rows = json.loads(store.run("reports", "--json").output)
    assert sorted(r["file_name"] for r in rows) == sorted(FILES)
    for r in rows:
        assert {"id", "issuer", "year", "kind", "layout", "n_chunks"} <= set(r)
    assert {r["issuer"] for r in rows} >= {"额济纳旗", "上海市科学技术委员会"}
    table = store.run("reports")
    assert table.exit_code == 0 and "额济纳旗" in table.output


def test_ingesting_again_changes_nothing(store: Store) -> None:
    result = store.run("ingest", str(report(FILES[0])))
    assert result.exit_code == 0
    assert "unchanged: 1" in result.output


def test_ask_prints_the_figure_and_its_quoted_source(store: Store) -> None:
    result = store.run("ask", "额济纳旗2021年收到多少件依申请公开？")
    assert result.exit_code == 0
    assert primary_figure(result.output.splitlines()[0]) == 6
    assert "[1]" in result.output and "「" in result.output


def test_ask_json_has_text_and_citations(store: Store) -> None:
    out = json.loads(store.run("ask", "--json", "洪泽区2024年予以公开的申请有多少件？").output)
    assert primary_figure(out["answer"]) == 50
    assert out["kind"] and out["citations"] and {"n", "quote", "issuer", "year"} <= set(out["citations"][0])
    assert "50" in out["citations"][0]["quote"]


def test_ask_takes_the_model_backend_of_the_readme(store: Store) -> None:
    plain = json.loads(store.run("ask", "--json", "洪泽区2024年予以公开的申请有多少件？").output)
    none = json.loads(store.run("ask", "--json", "--llm", "none", "洪泽区2024年予以公开的申请有多少件？").output)
    assert none == {**plain, "timings_ms": none["timings_ms"]}
    bad = store.run("ask", "--llm", "nonsense", "洪泽区2024年予以公开的申请有多少件？")
    assert bad.exit_code == 2 and "nonsense" in bad.output and "openai, local or none" in bad.output


@pytest.mark.llm
def test_ask_with_the_local_model_answers_checked_or_says_why_not(store: Store) -> None:
    """``ask --llm local``, as the README shows it: the model's answer when it checks out, else
    the extractive one with the reason; the figure is right either way."""
    if not os.environ.get("CI"):
        pytest.importorskip("xllamacpp")
    result = store.run("ask", "--json", "--llm", "local", "额济纳旗2021年收到多少件依申请公开？")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert primary_figure(out["answer"]) == 6, out
    assert "model" in out["timings_ms"] and out["note"].startswith(("由模型", "模型的回答未通过核对")), out["note"]


def test_ask_reads_questions_from_stdin_with_history(store: Store) -> None:
    lines = [
        {"id": "a", "question": "额济纳旗2021年主动公开了多少条政府信息？"},
        {"id": "b", "question": "那行政许可呢？", "history": ["额济纳旗2021年主动公开了多少条政府信息？"]},
    ]
    stdin = "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n"
    result = store.run("ask", "--json", "--questions", "-", input=stdin)
    assert result.exit_code == 0, result.output
    answers = [json.loads(line) for line in result.output.splitlines()]
    assert [a["id"] for a in answers] == ["a", "b"]
    assert primary_figure(answers[0]["answer"]) == 947
    assert primary_figure(answers[1]["answer"]) == 8097


def test_ask_needs_exactly_one_source_of_questions(store: Store) -> None:
    assert store.run("ask").exit_code == 2
    assert store.run("ask", "x", "--questions", "-", input="").exit_code == 2


def test_bad_json_lines_are_explained_not_a_traceback(store: Store) -> None:
    result = store.run("ask", "--questions", "-", input="{not json\n")
    assert result.exit_code == 2
    assert "JSON" in result.output and "Traceback" not in result.output


def test_search_json_gives_ranked_passages(store: Store) -> None:
    out = json.loads(store.run("search", "额济纳旗 依申请公开", "-k", "3", "--json").output)
    assert 0 < len(out) <= 3
    assert all("text" in p and "issuer" in p for p in out)
    assert any("额济纳旗" in p["issuer"] for p in out)


def test_facts_csv_holds_the_table_figures(store: Store) -> None:
    result = store.run("facts", "--issuer", "洪泽区", "--metric", "applications.new.total", "--csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows and rows[0]["metric"] == "applications.new.total" and rows[0]["value"] == "95"
    assert "95" in store.run("facts", "--issuer", "洪泽区", "--metric", "applications.new.total").output


def test_check_and_audit_agree_on_a_clean_table(store: Store) -> None:
    hongze = ids(store)["hongze_qu_2024.pdf"]
    checks = store.run("check", hongze[:8], "--failing")
    assert checks.exit_code == 0 and checks.output.strip().endswith("0 failing")
    audit = json.loads(store.run("audit", hongze[:8], "--json").output)
    assert [r["id"] for r in audit["reports"]] == [hongze]
    assert audit["reports"][0]["checks"]["failed"] == []
    assert audit["summary"]["reports"] == 1
    assert store.run("audit", "ffffffffffff").exit_code == 2


def test_doctor_finds_the_store_in_agreement(store: Store) -> None:
    result = store.run("doctor")
    assert result.exit_code == 0 and result.output.startswith("ok: 3 reports")


def test_eval_scores_a_qa_file(store: Store, tmp_path: Path) -> None:
    qa = tmp_path / "qa.jsonl"
    items = [
        {"id": "x1", "question": "额济纳旗2021年行政许可处理决定有多少件？", "type": "number", "answer": 8097, "tags": ["t"]},
        {"id": "x2", "question": "洪泽区2024年予以公开的申请有多少件？", "type": "number", "answer": 51, "tags": ["t"]},
    ]
    qa.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items), encoding="utf-8")
    out = json.loads(store.run("eval", str(qa), "--json").output)
    assert out["qa.jsonl"]["number_accuracy"] == 0.5
    assert [f["id"] for f in out["qa.jsonl"]["failures"]] == ["x2"]
    assert store.run("eval").exit_code == 2


def test_delete_needs_a_unique_id_and_names_what_it_deleted(tmp_path: Path, model_dir: Path) -> None:
    s = Store(tmp_path / "d")
    assert s.run("ingest", str(report(FILES[0]))).exit_code == 0
    assert s.run("delete", "zz").exit_code == 1
    (rid,) = ids(s).values()
    result = s.run("delete", rid[:6])
    assert result.exit_code == 0 and "额济纳旗" in result.output
    assert json.loads(s.run("reports", "--json").output) == []


def test_a_file_that_is_no_report_fails_the_ingest(tmp_path: Path, model_dir: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = Store(tmp_path / "e").run("ingest", str(empty))
    assert result.exit_code == 1
    assert "文件没有可读取的文字" in result.output


def test_an_unreachable_catalog_is_explained(tmp_path: Path) -> None:
    env = {"NIANBAO_CATALOG_URL": "postgresql+psycopg://nianbao@127.0.0.1:9/nianbao"}  # nothing listens
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "reports"], env=env)
    assert result.exit_code == 2
    assert "目录库" in result.output and "Traceback" not in result.output


def test_an_unavailable_model_is_explained(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the llm extra (its module cannot be imported) the command says so, in one line."""
    import sys

    monkeypatch.setitem(sys.modules, "xllamacpp", None)
    qa = tmp_path / "qa.jsonl"
    qa.write_text(json.dumps({"id": "q", "question": "问题", "type": "number", "answer": 1}), encoding="utf-8")
    store.env["NIANBAO_LLM_MODEL_PATH"] = str(tmp_path / "model.gguf")
    try:
        result = store.run("eval", str(qa), "--llm", "local")
    finally:
        del store.env["NIANBAO_LLM_MODEL_PATH"]
    assert result.exit_code == 2
    assert result.output.startswith("错误 error: 模型不可用") and "the model is unavailable" in result.output
    assert "Traceback" not in result.output


def test_help_lists_the_commands_the_readme_documents() -> None:
    commands = CliRunner().invoke(cli, ["--help"]).output.split("Commands:")[1]
    listed = set(re.findall(r"^  ([a-z-]+)\s", commands, re.M))
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^nianbao ([a-z-]+)", readme, re.M))
    assert listed == documented
    for command in sorted(listed):
        assert CliRunner().invoke(cli, [command, "--help"]).exit_code == 0


def test_an_unreachable_vector_server_is_explained(tmp_path: Path, model_dir: Path) -> None:
    env = {"NIANBAO_CHROMA_HOST": "127.0.0.1", "NIANBAO_CHROMA_PORT": "9"}  # nothing listens
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "search", "依申请公开"], env=env)
    assert result.exit_code == 2
    assert "向量库服务器" in result.output and "Traceback" not in result.output


def test_stats_prints_json_csv_and_a_grid(store: Store) -> None:
    out = json.loads(store.run("stats", "--metric", "applications.new.total", "--json").output)
    values = {(c["issuer"], c["year"]): c["value"] for c in out["cells"]}
    assert values[("淮安市洪泽区人民政府", 2024)] == 95 and out["name"] == "本年新收政府信息公开申请数量"
    rows = list(csv.DictReader(io.StringIO(store.run("stats", "--metric", "applications.new.total", "--csv").output)))
    assert {(r["发布单位"], r["年度"], r["数值"]) for r in rows} == {(i, str(y), f"{v:g}") for (i, y), v in values.items()}
    assert "95" in store.run("stats", "--metric", "applications.new.total").output
    assert store.run("stats", "--metric", "no.such.metric").exit_code == 1


def test_stats_within_a_region_of_the_gazetteer(tmp_path: Path, model_dir: Path) -> None:
    """--region: the issuers within a place (a city and its district), with the place's total."""
    s = Store(tmp_path / "region")
    assert s.run("ingest", str(report("hongze_qu_2024.pdf")), str(report("huaian_shi_2024.pdf"))).exit_code == 0
    out = json.loads(s.run("stats", "--metric", "applications.new.total", "--region", "淮安市", "--json").output)
    values = {c["issuer"]: c["value"] for c in out["cells"]}
    assert values == {"淮安市人民政府": 3119, "淮安市洪泽区人民政府": 95}
    printed = s.run("stats", "--metric", "applications.new.total", "--region", "淮安市").output
    assert "淮安市合计（2024年）：3214件" in printed  # 3119 + 95
    missing = s.run("stats", "--metric", "applications.new.total", "--region", "南京市")
    assert missing.exit_code == 1 and "可选：" in missing.output and "淮安市" in missing.output


def test_compare_two_reports_in_every_form(store: Store, tmp_path: Path) -> None:
    found = ids(store)
    a, b = found["hongze_qu_2024.pdf"][:8], found["013_shanghai_kewei_2024.txt"][:8]
    out = json.loads(store.run("compare", a, b, "--json").output)
    assert [r["issuer"] for r in out["reports"]] == ["淮安市洪泽区人民政府", "上海市科学技术委员会"]
    new = next(r for r in out["rows"] if r["metric"] == "applications.new.total")
    assert new["a"]["value"] == 95 and new["differs"]
    rows = list(csv.reader(io.StringIO(store.run("compare", a, b, "--csv").output)))
    assert rows[0][0] == "指标" and len(rows) == len(out["rows"]) + 1
    assert "| 本年新收政府信息公开申请数量 | 95 |" in store.run("compare", a, b, "--markdown").output
    book = tmp_path / "c.xlsx"
    assert store.run("compare", a, b, "--xlsx", str(book)).exit_code == 0 and book.stat().st_size > 0
    assert store.run("compare", a, "zzzz").exit_code == 2
