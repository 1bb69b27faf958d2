"""The in-memory stores behave as the real ones where the library and the answerer rely on them:
the same reports ingested into both give the same catalog, facts, items and answers."""

from __future__ import annotations

import pytest

from answer.service import Answerer
from embedding.embed import HashingEmbedder
from ingest.pipeline import Ingester
from store.library import Library
from store.memory import MemoryCatalog, MemoryKeywords, MemoryVectors
from tests.conftest import open_store, report

FILES = ("003_581ad2afe31178c1.txt", "002_dfd47989e4aedd12.txt", "004_6b0820d803ecb1d1.txt")


@pytest.fixture
def both(tmp_path):
    embedder = HashingEmbedder()
    memory = Library(MemoryCatalog(), MemoryVectors(), MemoryKeywords(), embedder)
    real = open_store(tmp_path / "data", embedder)
    for library in (memory, real):
        results = [Ingester(library).ingest_file(report(name)) for name in FILES]
        assert [r.outcome for r in results] == ["added"] * 3
    return memory, real


def test_the_fake_catalog_reads_as_the_sql_catalog(both):
    memory, real = both
    key = lambda r: (r.id, r.issuer, r.year, r.kind, r.layout, r.parts, r.n_chunks)  # noqa: E731
    assert [key(r) for r in memory.reports()] == [key(r) for r in real.reports()]
    assert memory.catalog.fact_counts() == real.catalog.fact_counts()
    assert memory.catalog.failing_check_counts() == real.catalog.failing_check_counts()
    ids = [r.id for r in real.reports()]
    a, b = memory.read(ids), real.read(ids)
    assert set(a) == set(b) == set(ids)
    for rid in ids:
        assert a[rid].text == b[rid].text
        assert a[rid].sections == b[rid].sections
        assert a[rid].items == b[rid].items and a[rid].items, rid
        assert [f.fact for f in a[rid].facts] == [f.fact for f in b[rid].facts]
        assert [c.check for c in a[rid].checks] == [c.check for c in b[rid].checks]
        assert [(c.id, c.start, c.end) for c in a[rid].chunks] == [(c.id, c.start, c.end) for c in b[rid].chunks]
    assert memory.vectors.count() == real.vectors.count() == sum(r.n_chunks for r in real.reports())
    texts = real.catalog.report_texts([*ids, "no-such-id"])
    assert memory.catalog.report_texts([*ids, "no-such-id"]) == texts == {rid: b[rid].text for rid in ids}
    assert memory.catalog.sections_of(ids) == real.catalog.sections_of(ids) == {rid: list(b[rid].sections) for rid in ids}


def test_answers_on_the_fakes_are_the_answers_on_the_real_stores(both):
    memory, real = both
    for question in (
        "额济纳旗2021年主动公开了多少条政府信息？",
        "额济纳旗2021年收到多少件政府信息公开申请？",
        "额济纳旗2021年的报告指出了哪些问题？",
    ):
        got, want = Answerer(memory).ask(question), Answerer(real).ask(question)
        assert got.found and got.text == want.text, question
        assert [(c.start, c.end) for c in got.citations] == [(c.start, c.end) for c in want.citations]


def test_a_replaced_or_deleted_report_leaves_nothing_behind_in_the_fakes(both, tmp_path):
    memory, _ = both
    original = report(FILES[0])
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(original.read_text(encoding="utf-8").replace("主动公开各类信息947条", "主动公开各类信息948条"), "utf-8")
    before = {r.id for r in memory.reports()}
    old = next(r.id for r in memory.reports() if r.file_name == FILES[0])
    old_chunks = set(memory.catalog.chunks_of([old]))
    memory.refresh_keywords()
    assert old_chunks and old_chunks <= memory.keywords.live_ids()
    result = Ingester(memory).ingest_file(corrected)
    assert result.outcome == "updated"
    after = {r.id for r in memory.reports()}
    assert len(after) == len(before) and result.report_id in after
    assert before - after == {old}
    assert not memory.read([old]) and not memory.catalog.pending()
    assert old not in set(memory.vectors.chunk_reports().values())
    memory.refresh_keywords()
    assert not old_chunks & memory.keywords.live_ids()
    memory.delete(result.report_id)
    assert result.report_id not in {r.id for r in memory.reports()}
    assert result.report_id not in set(memory.vectors.chunk_reports().values())
