"""The keyword index follows the catalog incrementally: what it finds after ingests and deletes
equals a full rebuild, a later process loads it instead of rebuilding, and a second instance on
the same catalog sees the first one's ingests."""

from __future__ import annotations

import pytest

from ingest.pipeline import Ingester
from store.keywords import Bm25Index, tokenize
from tests.conftest import SERVER_CATALOG, SERVER_CHROMA, open_store, report

QUERIES = ["政府信息公开申请 数量", "行政复议 行政诉讼", "政务新媒体", "存在的主要问题 改进情况", "主动公开 规范性文件"]


def results(index: Bm25Index, report_ids=None) -> list[list[tuple[str, float]]]:
    return [[(c, round(s, 4)) for c, s in index.search(tokenize(q), 10, report_ids)] for q in QUERIES]


def rebuilt(library, tmp_path) -> Bm25Index:
    index = Bm25Index(tmp_path / "rebuilt")
    index.rebuild(library.catalog.generation(), library.catalog.token_rows)
    return index


def test_incremental_index_equals_a_rebuild_after_ingests_and_deletes(fake_library, tmp_path, monkeypatch):
    a = Ingester(fake_library).ingest_file(report("000_53379ca1ae0f01b5.txt"))
    Ingester(fake_library).ingest_file(report("001_3126439bcbcde1e1.txt"))
    fake_library.refresh_keywords()
    monkeypatch.setattr(Bm25Index, "_rebuild", lambda *a, **k: pytest.fail("rebuilt instead of applying the changes"))
    fake_library.delete(a.report_id)
    c = Ingester(fake_library).ingest_file(report("002_dfd47989e4aedd12.txt"))
    Ingester(fake_library).ingest_file(report("003_581ad2afe31178c1.txt"))
    fake_library.refresh_keywords()
    monkeypatch.undo()

    reference = rebuilt(fake_library, tmp_path)
    assert fake_library.keywords.live_ids() == reference.live_ids() == set(fake_library.catalog.chunk_reports())
    assert results(fake_library.keywords) == results(reference)
    assert any(results(fake_library.keywords)), "the queries find nothing: the comparison proves nothing"
    scoped = results(fake_library.keywords, [c.report_id])
    assert scoped == results(reference, [c.report_id])
    chunks_of_c = {cid for cid, rid in fake_library.catalog.chunk_reports().items() if rid == c.report_id}
    assert all(cid in chunks_of_c for hits in scoped for cid, _ in hits) and any(scoped)


def test_a_new_process_loads_the_saved_index_and_applies_only_what_changed(fake_library, monkeypatch):
    Ingester(fake_library).ingest_file(report("000_53379ca1ae0f01b5.txt"))
    fake_library.refresh_keywords()  # first build: saved
    Ingester(fake_library).ingest_file(report("001_3126439bcbcde1e1.txt"))  # after the save
    fake_library.refresh_keywords()
    expected = results(fake_library.keywords)

    monkeypatch.setattr(Bm25Index, "_rebuild", lambda *a, **k: pytest.fail("rebuilt at start"))
    later = open_store(fake_library.data_dir, fake_library.embedder)
    later.refresh_keywords()
    assert results(later.keywords) == expected
    assert later.keywords.live_ids() == set(later.catalog.chunk_reports())


def test_a_second_instance_sees_an_ingest_without_restarting(fake_library):
    from answer.service import Answerer

    other = open_store(fake_library.data_dir, fake_library.embedder)
    answerer = Answerer(other)
    question = "如皋市2021年有多少个政务新媒体？"
    assert not answerer.ask(question).found
    other.refresh_keywords()
    assert other.keywords.search(tokenize("政务新媒体"), 5) == []

    added = Ingester(fake_library).ingest_file(report("000_53379ca1ae0f01b5.txt"))
    answer = answerer.ask(question)
    assert answer.found and "13" in answer.text and answer.citations[0].report_id == added.report_id
    other.refresh_keywords()
    hits = other.keywords.search(tokenize("政务新媒体"), 5)
    assert hits and all(other.catalog.chunks([c])[c].report_id == added.report_id for c, _ in hits)

    fake_library.delete(added.report_id)
    assert not answerer.ask(question).found


def test_the_store_is_on_the_servers_in_server_mode(fake_library):
    server = bool(SERVER_CATALOG and SERVER_CHROMA)
    assert fake_library.catalog.engine.dialect.name == ("postgresql" if server else "sqlite")
    assert fake_library.vectors.client.get_settings().is_persistent is not server  # embedded, or a Chroma server
