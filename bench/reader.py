"""The model as a checked reader against the extractive reader, on figures the reports state in
sentences: the generated questions of tests/answer/test_reader.py (each figure of a sentence
that states several, asked in other words), each prefixed with its report's issuer and year and
asked of a store of the shared reports. The extractive answerer answers them all; for those it
gets wrong or leaves unanswered (up to --limit), the model reads the figure as it does when the
extractive reader finds none (``LlmAnswerer.read``, checked against the passages). Prints the
primary-figure accuracy of each, how many of the model's readings were taken and right or
wrong, and its latency. Writes JSON.

    python bench/reader.py --store DIR [--limit 30]

DIR is a store of the shared reports (nianbao --data-dir DIR ingest ../shared/reports)."""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=30)
    parser.add_argument("--out", type=Path, default=PROJECT / "bench" / "results" / "reader.json")
    args = parser.parse_args()
    from answer.evaluate import primary_figure
    from answer.service import Answerer
    from app import Settings, make_llm, open_library
    from tests.answer.test_reader import generated

    settings = Settings(data_dir=args.store)
    library = open_library(settings)
    extractive = Answerer(library)
    by_file = {r.file_name: r for r in extractive.reports()}
    cases = [(f"{by_file[f].issuer}{by_file[f].year or ''}年{q}", v) for q, _, _, f, v in generated() if f in by_file]
    random.Random(0).shuffle(cases)
    extractive.ask("预热")
    right, missed, t_ex = 0, [], []
    for question, value in cases:
        t0 = time.perf_counter()
        answer = extractive.ask(question)
        t_ex.append((time.perf_counter() - t0) * 1000)
        if answer.found and primary_figure(answer.text) == value:
            right += 1
        else:
            missed.append((question, value, answer))
    model = make_llm(settings, "local", extractive)
    assert model is not None
    model.ask("预热")
    read, wrong_read, t_model = 0, 0, []
    notes: list[str] = []
    for question, value, answer in missed[: args.limit]:
        u = answer.understanding
        assert u is not None
        reading = model.read(u)  # as if the extractive reader had found nothing
        t_model.append(reading.ms / 1000)
        if reading.answer is not None:
            if primary_figure(reading.answer.text) == value:
                read += 1
            else:
                wrong_read += 1
        said = reading.answer.text.splitlines()[0][:60] if reading.answer else f"未采用：{reading.why or reading.written[:40]}"
        notes.append(f"{question} → {value:g}; extractive: {answer.text.splitlines()[0][:50]}; model: {said}")
    tried = min(len(missed), args.limit)
    result = {
        "questions": len(cases),
        "extractive_right": right,
        "extractive_accuracy": round(right / len(cases), 3),
        "extractive_p50_ms": round(statistics.median(t_ex), 1),
        "missed_by_extractive": len(missed),
        "model_tried": tried,
        "model_read_right": read,
        "model_read_wrong": wrong_read,
        "model_p50_s": round(statistics.median(t_model), 1) if t_model else None,
        "model_max_s": round(max(t_model), 1) if t_model else None,
        "machine": f"{platform.machine()}, {__import__('os').cpu_count()} cpu",
        "answers": notes,
    }
    print(json.dumps({k: v for k, v in result.items() if k != "answers"}, ensure_ascii=False, indent=1))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
