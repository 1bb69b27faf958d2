"""The int8 ONNX embedder (the default) against the PyTorch path it replaces: the dev eval and
the retrieval recall of the dev questions' evidence may move by at most one point."""

from __future__ import annotations

import pytest

from answer.evaluate import evidence_recall, score
from answer.service import Answerer
from ingest.pipeline import Library, expand_paths
from retrieval.search import search
from tests.answer.test_answer import dev_items
from tests.conftest import REPORTS, open_store

pytestmark = pytest.mark.slow


def figures(library: Library) -> dict[str, float]:
    answerer = Answerer(library)
    items = dev_items()
    summary = score(items, lambda item: answerer.ask(item["question"])).summary()
    quality = {k: v for k, v in summary.items() if k.endswith(("accuracy", "recall", "rate", "precision")) and v is not None}
    for k in (5, 10):
        quality[f"evidence_recall@{k}"] = evidence_recall(items, lambda q, k=k: [p.text for p in search(library, q, k=k)])
    return quality


def test_onnx_embedder_keeps_quality_within_a_point(shared_library, torch_embedder, tmp_path):
    from ingest.embed import OnnxEmbedder

    assert isinstance(shared_library.embedder, OnnxEmbedder)
    torch_library = open_store(tmp_path / "torch", torch_embedder)
    assert all(r.outcome == "added" for r in torch_library.ingest_files(expand_paths([REPORTS])))
    onnx, torch = figures(shared_library), figures(torch_library)
    print("\nonnx:", onnx, "\ntorch:", torch)
    assert onnx.keys() == torch.keys() and len(onnx) >= 6
    for key in onnx:
        assert abs(onnx[key] - torch[key]) <= 0.01, (key, onnx[key], torch[key])
