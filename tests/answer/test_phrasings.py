"""Staff phrasings of our own (tests/answer/data/phrasings.json, made by make_phrasings.py
from the format's labels, over invented issuers): what each question and each turn of a
dialogue must be read as, with an accuracy floor per intent."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path

from answer.records import Understanding
from answer.understand import understand
from retrieval.issuers import Issuers
from tests.answer.test_understand import row

DATA = json.loads((Path(__file__).parent / "data" / "phrasings.json").read_text(encoding="utf-8"))
TODAY = dt.date.fromisoformat(DATA["today"])
STORED = Issuers([row(r["issuer"], y, *r["aliases"]) for r in DATA["reports"] for y in r["years"]])
FLOORS = {
    "applications": 0.95,
    "applicants": 0.95,
    "review": 0.95,
    "litigation": 0.95,
    "figures": 0.95,
    "derived": 0.95,
    "years": 1.0,
    "several": 1.0,
    "across": 0.9,
    "unknown": 1.0,
    "vague": 1.0,
    "dialogue": 0.95,
}


def misses(u: Understanding, want: dict) -> list[str]:
    out = []
    checks = {
        "issuers": list(u.issuers),
        "years": list(u.years),
        "metrics": list(u.metrics),
        "parts": list(u.parts),
        "across": u.across,
        "unknown": u.unknown,
        "vague": u.vague,
    }
    for key, got in checks.items():
        if key in want and want[key] != got:
            out.append(f"{key}: {got!r} ≠ {want[key]!r}")
    return out


def test_phrasings_are_understood_to_the_floor_of_the_floor_of_each_intent():
    assert len(DATA["questions"]) >= 200 and len(DATA["dialogues"]) >= 30
    right: dict[str, list[bool]] = defaultdict(list)
    failures = []
    for item in DATA["questions"]:
        wrong = misses(understand(item["question"], STORED, today=TODAY), item)
        right[item["intent"]].append(not wrong)
        if wrong:
            failures.append((item["question"], wrong))
    for dialogue in DATA["dialogues"]:
        previous = None
        for turn in dialogue["turns"]:
            previous = understand(turn["question"], STORED, previous, TODAY)
            wrong = misses(previous, turn)
            right["dialogue"].append(not wrong)
            if wrong:
                failures.append((turn["question"], wrong))
    scores = {intent: sum(hits) / len(hits) for intent, hits in right.items()}
    low = {intent: round(score, 3) for intent, score in scores.items() if score < FLOORS[intent]}
    assert not low, (low, failures)
