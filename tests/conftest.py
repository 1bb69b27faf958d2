from __future__ import annotations

import json
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"
REPORTS = SHARED / "reports" if (SHARED / "reports").is_dir() else PROJECT / "reports"
SEEDS = sorted((REPORTS / "seeds").glob("*.txt"))
ALL_REPORTS = sorted(p for p in REPORTS.rglob("*") if p.is_file())


def report(name: str) -> Path:
    return next(p for p in ALL_REPORTS if p.name == name)


def gold_facts() -> list[dict]:
    return [
        json.loads(line)
        for line in (SHARED / "eval" / "facts_gold.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


@pytest.fixture(scope="session")
def model_dir() -> Path:
    from ingest.e5_model import ensure_model

    return ensure_model(PROJECT / "data" / "models")


@pytest.fixture(scope="session")
def torch_embedder(model_dir: Path):
    """The same model run by PyTorch through sentence-transformers."""
    from ingest.embed import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(model_dir)


@pytest.fixture(scope="session")
def embedder(model_dir: Path):
    """The default embedder: the model as int8 ONNX."""
    from ingest.embed import OnnxEmbedder
    from ingest.onnx_model import ensure_onnx

    return OnnxEmbedder(ensure_onnx(model_dir), model_dir.name)


@pytest.fixture(scope="session")
def shared_library(tmp_path_factory, embedder):
    """Every shared report ingested with the real embedder into a real Chroma."""
    from ingest.pipeline import Library, expand_paths

    library = Library(tmp_path_factory.mktemp("store"), embedder)
    results = list(library.ingest_files(expand_paths([REPORTS])))
    assert all(r.outcome == "added" for r in results), results
    return library


@pytest.fixture
def fake_library(tmp_path):
    from ingest.embed import HashingEmbedder
    from ingest.pipeline import Library

    return Library(tmp_path / "data", HashingEmbedder())
