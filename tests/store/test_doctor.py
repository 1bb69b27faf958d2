import json

import numpy as np

from ingest.pipeline import Ingester
from store.doctor import diagnose, repair
from tests.conftest import report


def test_doctor_finds_disagreements_and_repairs_them_from_the_catalog(fake_library):
    a = Ingester(fake_library).ingest_file(report("002_dfd47989e4aedd12.txt"))
    Ingester(fake_library).ingest_file(report("004_6b0820d803ecb1d1.txt"))
    fake_library.refresh_keywords()
    assert diagnose(fake_library) == []

    lost = sorted(c for c, r in fake_library.catalog.chunk_reports().items() if r == a.report_id)[0]
    fake_library.vectors.delete_ids([lost])  # a vector lost
    fake_library.vectors.add(["stray"], np.ones((1, 384), dtype=np.float32), [{"report_id": "gone"}])  # a leftover
    fake_library.keywords.save()
    meta = fake_library.keywords.folder / "meta.json"
    saved = json.loads(meta.read_text())
    meta.write_text(json.dumps({**saved, "ids": ["stray"] + saved["ids"][1:]}))  # a damaged saved index
    fake_library.keywords.generation = -1  # read again from disk

    findings = {f.what: f for f in diagnose(fake_library)}
    assert set(findings) == {"missing_vectors", "orphan_vectors", "keyword_index"}
    assert findings["missing_vectors"].chunk_ids == (lost,) and findings["orphan_vectors"].chunk_ids == ("stray",)

    repair(fake_library, list(findings.values()))
    assert diagnose(fake_library) == []
    assert lost in fake_library.vectors.chunk_reports()
