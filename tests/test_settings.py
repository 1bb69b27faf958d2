"""Built models live once per machine, outside every data directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import Settings, default_model_dir, make_embedder


def test_model_dir_defaults_to_the_user_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("NIANBAO_MODEL_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert default_model_dir() == tmp_path / "cache" / "nianbao-qa" / "models"
    assert Settings().model_dir == tmp_path / "cache" / "nianbao-qa" / "models"
    monkeypatch.setenv("NIANBAO_MODEL_DIR", str(tmp_path / "elsewhere"))
    assert Settings().model_dir == tmp_path / "elsewhere"


def test_a_fresh_data_dir_builds_no_model(tmp_path: Path, model_dir: Path) -> None:
    """With the model cached (the session fixture built it), a new data directory holds data only
    and its embedder loads the cached model."""
    settings = Settings(data_dir=tmp_path / "fresh")
    embedder = make_embedder(settings)
    assert Path(embedder.onnx_dir).is_relative_to(settings.model_dir)
    assert not (tmp_path / "fresh").exists()
    assert len(embedder.embed_query("上年结转政府信息公开申请数量")) > 0
