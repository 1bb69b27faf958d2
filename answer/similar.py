"""The fallback when a question's words are in no phrasing of the vocabulary: the figure whose
description is nearest in meaning (the e5 model, embedded once), or, below the threshold, the two
or three nearest offered as choices."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import numpy as np

from answer import figures as fv
from embedding.embed import Embedder

log = logging.getLogger(__name__)

# cosines of e5 lie close together: a figure is taken when it is near and clearly ahead of the
# next one; measured on paraphrases of the format's labels (打官司, 花了多少钱, 拖到明年)
THRESHOLD = 0.89
MARGIN = 0.01
CHOICES = 0.86  # below this nothing is near enough to offer


def _phrases(words: str) -> str:
    """The plain words of a phrasing pattern: 收到|受理 from ``(?:收到|受理)了?``."""
    return "、".join(
        w for w in re.split(r"[|()?:*+\[\]{}^$\\.]+|\?[!<=]+", words) if len(w) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", w)
    )


def descriptions() -> dict[str, str]:
    """Each figure of the vocabulary described in words: its label and how people say it."""
    out: dict[str, str] = {}
    for t in fv.APPLICATION_TERMS:
        out[f"applications.{t.key}.total"] = f"政府信息公开申请：{t.label}；{_phrases(t.words)}"
    out["applications.result.total"] = "政府信息公开申请办理结果总计：办结、答复、处理的申请"
    for t in fv.GROUP_TERMS[:4]:
        out[f"applications.{t.key}"] = f"政府信息公开申请办理结果：{t.label}"
    for r in (*fv.RESULTS, fv.Term("total", "总计", "")):
        out[f"review.{r.key}"] = f"政府信息公开行政复议{r.label}；{_phrases(r.words)}"
    out["litigation.total"] = "政府信息公开行政诉讼总数：被起诉、打官司"
    for t in fv.FIGURES:
        out[t.key] = f"{t.label}；{_phrases(t.words)}"
    for d in fv.DERIVED:
        out[d.key] = f"{d.label}：{d.formula}"
    return out


@dataclass(frozen=True)
class Nearest:
    key: str
    score: float


class FigureIndex:
    """The descriptions embedded on first use (about sixty short texts)."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self._keys: list[str] = []
        self._vectors: np.ndarray | None = None

    def _index(self) -> np.ndarray:
        if self._vectors is None:
            texts = descriptions()
            self._keys = list(texts)
            vectors = np.asarray(self.embedder.embed_documents(list(texts.values())), dtype=np.float32)
            self._vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
        return self._vectors

    def nearest(self, question: str, k: int = 3) -> list[Nearest]:
        vectors = self._index()
        q = np.asarray(self.embedder.embed_query(question), dtype=np.float32)
        scores = vectors @ (q / max(float(np.linalg.norm(q)), 1e-9))
        best = np.argsort(-scores)[:k]
        return [Nearest(self._keys[i], float(scores[i])) for i in best]


def confident(found: list[Nearest]) -> bool:
    return bool(found) and found[0].score >= THRESHOLD and (len(found) < 2 or found[0].score - found[1].score >= MARGIN)
