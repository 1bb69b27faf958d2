from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from ingest.pipeline import Ingester

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"
REPORTS = SHARED / "reports" if (SHARED / "reports").is_dir() else PROJECT / "reports"
SEEDS = sorted((REPORTS / "seeds").glob("*.txt"))
ALL_REPORTS = sorted(p for p in REPORTS.rglob("*") if p.is_file())


# Server mode (CI's second run): a PostgreSQL admin URL and a Chroma server "host:port". Each store
# then gets a database and a collection of its own on them, named after its data directory.
SERVER_CATALOG = os.environ.get("NIANBAO_TEST_CATALOG_URL")
SERVER_CHROMA = os.environ.get("NIANBAO_TEST_CHROMA")


@cache
def _admin():  # -> sqlalchemy.Engine
    from sqlalchemy import create_engine

    return create_engine(SERVER_CATALOG, isolation_level="AUTOCOMMIT")


def store_settings(data_dir: Path) -> dict[str, Any]:
    """Library keyword arguments for a store at ``data_dir``: embedded, or on the servers."""
    if not (SERVER_CATALOG and SERVER_CHROMA):
        return {}
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    name = "t" + hashlib.sha1(str(data_dir.resolve()).encode()).hexdigest()[:16]
    with _admin().connect() as db:
        if not db.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first():
            db.execute(text(f'CREATE DATABASE "{name}"'))
    host, port = SERVER_CHROMA.rsplit(":", 1)
    url = make_url(SERVER_CATALOG).set(database=name).render_as_string(hide_password=False)
    return {"catalog_url": url, "chroma_host": host, "chroma_port": int(port), "collection": name}


def store_env(data_dir: Path) -> dict[str, str]:
    """The same as NIANBAO_* settings, for a command run in a subprocess."""
    names = {"catalog_url": "NIANBAO_CATALOG_URL", "chroma_host": "NIANBAO_CHROMA_HOST", "chroma_port": "NIANBAO_CHROMA_PORT"}
    names["collection"] = "NIANBAO_CHROMA_COLLECTION"
    return {names[k]: str(v) for k, v in store_settings(data_dir).items()}


def open_store(data_dir: Path, embedder, **kwargs: Any):  # -> Library
    from store.library import Library

    return Library.open(data_dir, embedder, **store_settings(data_dir), **kwargs)


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
    from app import Settings
    from embedding.e5_model import ensure_model

    return ensure_model(Settings().model_dir)


@pytest.fixture(scope="session")
def torch_embedder(model_dir: Path):
    """The same model run by PyTorch through sentence-transformers."""
    from embedding.embed import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(model_dir)


@pytest.fixture(scope="session")
def embedder(model_dir: Path):
    """The default embedder: the model as int8 ONNX."""
    from embedding.embed import OnnxEmbedder
    from embedding.onnx_model import ensure_onnx

    return OnnxEmbedder(ensure_onnx(model_dir), model_dir.name)


@pytest.fixture(scope="session")
def shared_library(tmp_path_factory, embedder):
    """Every shared report ingested with the real embedder into a real Chroma."""
    from ingest.pipeline import expand_paths

    library = open_store(tmp_path_factory.mktemp("store"), embedder)
    results = list(Ingester(library).ingest_files(expand_paths([REPORTS])))
    assert all(r.outcome == "added" for r in results), results
    return library


@pytest.fixture
def fake_library(tmp_path):
    from embedding.embed import HashingEmbedder

    return open_store(tmp_path / "data", HashingEmbedder())
