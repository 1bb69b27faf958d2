import subprocess
import sys

from ingest.pipeline import Ingester
from tests.conftest import PROJECT, open_store, report, store_env


def test_reingest_is_a_no_op_and_update_replaces(fake_library, tmp_path):
    seed = report("003_581ad2afe31178c1.txt")
    first = Ingester(fake_library).ingest_file(seed)
    assert first.outcome == "added"
    assert Ingester(fake_library).ingest_file(seed).outcome == "unchanged"
    assert fake_library.vectors.count() == len(fake_library.catalog.chunk_reports())

    corrected = tmp_path / "003_corrected.txt"
    corrected.write_text(
        seed.read_text(encoding="utf-8").replace("主动公开各类信息947条", "主动公开各类信息948条"), encoding="utf-8"
    )
    second = Ingester(fake_library).ingest_file(corrected)
    assert second.outcome == "updated" and second.report_id != first.report_id
    rows = fake_library.catalog.reports()
    assert [r.id for r in rows] == [second.report_id]
    assert "948条" in fake_library.catalog.report_text(second.report_id)
    assert set(fake_library.vectors.chunk_reports().values()) == {second.report_id}
    assert fake_library.vectors.count() == len(fake_library.catalog.chunk_reports())


def test_delete_removes_report_chunks_and_vectors(fake_library):
    a = Ingester(fake_library).ingest_file(report("002_dfd47989e4aedd12.txt"))
    b = Ingester(fake_library).ingest_file(report("004_6b0820d803ecb1d1.txt"))
    fake_library.delete(a.report_id)
    assert [r.id for r in fake_library.catalog.reports()] == [b.report_id]
    assert set(fake_library.vectors.chunk_reports().values()) == {b.report_id}
    assert a.report_id not in set(fake_library.catalog.chunk_reports().values())


def test_bad_file_fails_alone(fake_library, tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7 garbage")
    results = [Ingester(fake_library).ingest_file(p) for p in (bad, report("002_dfd47989e4aedd12.txt"), tmp_path / "missing.txt")]
    assert [r.outcome for r in results] == ["failed", "added", "failed"]
    assert "损坏" in results[0].message
    assert len(fake_library.catalog.reports()) == 1


def test_leftover_vectors_of_an_interrupted_ingest_are_removed(fake_library):
    from ingest.pipeline import build_report

    data = report("002_dfd47989e4aedd12.txt").read_bytes()
    half = build_report(data, "x.txt")
    fake_library.catalog.mark_pending(half.id)  # vectors written, catalog never committed
    fake_library.vectors.add(
        [c.id for c in half.chunks],
        fake_library.embedder.embed_documents([c.text for c in half.chunks]),
        [{"report_id": half.id} for _ in half.chunks],
    )
    reopened = open_store(fake_library.data_dir, fake_library.embedder)
    if reopened.catalog.engine.dialect.name != "sqlite":  # shared: a fresh trail may be another instance at work
        assert reopened.catalog.pending() == [half.id] and reopened.vectors.count() == len(half.chunks)
        reopened.recover(older_than=0)
    assert reopened.vectors.count() == 0 and reopened.catalog.pending() == []


def test_store_persists_across_processes(tmp_path, model_dir):
    env = {"NIANBAO_DATA_DIR": str(tmp_path), "HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"} | store_env(tmp_path)
    run = [sys.executable, str(PROJECT / "app.py")]
    subprocess.run(
        run + ["ingest", str(report("003_581ad2afe31178c1.txt"))],
        check=True,
        env=env | {"NIANBAO_EMBEDDING_MODEL": str(model_dir)},
    )
    listed = subprocess.run(run + ["reports"], check=True, env=env, capture_output=True, text=True).stdout
    assert "额济纳旗" in listed and "2021" in listed
    (tmp_path / "store.sqlite3").write_bytes(b"SQLite format 3\x00" + bytes(100))
    failed = subprocess.run(
        run + ["ingest", str(tmp_path / "store.sqlite3")],
        env=env | {"NIANBAO_EMBEDDING_MODEL": str(model_dir)},
        capture_output=True,
        text=True,
    )
    assert failed.returncode == 1 and "不支持的文件类型" in failed.stderr
