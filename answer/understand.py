"""A question, read against the stored reports and the conversation so far."""

from __future__ import annotations

import re
import unicodedata

from answer.intents import ASKS_KIND, YESNO, figure_metrics, parts_asked
from answer.issuers import Issuers, resolve
from answer.records import Understanding

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_ELLIPTIC = re.compile(r"呢[？?]?$|^(?:那|那么|还有|另外)")


def understand(question: str, stored: Issuers, previous: Understanding | None = None) -> Understanding:
    q = unicodedata.normalize("NFKC", question).strip()
    issuers, named, ambiguous = resolve(q, stored)
    years = _YEAR.findall(q)
    year = int(years[0]) if years else None
    metrics = figure_metrics(q)
    parts = parts_asked(q) if not metrics else []
    yesno = bool(YESNO.search(q))
    follow_up = previous is not None and (bool(_ELLIPTIC.search(q)) or not issuers)
    if previous is not None and follow_up:
        if not issuers:
            issuers, named, ambiguous = list(previous.issuers), previous.issuer_text, previous.ambiguous
            if year is None:
                year = previous.year
        if not metrics and not parts:
            if previous.metrics:  # "行政诉讼呢？" asks the same kind of figure about something else
                metrics = figure_metrics(q + "有多少") or list(previous.metrics)
                yesno = yesno or (previous.yesno and not _YEAR.search(q))
            elif previous.parts and _ELLIPTIC.search(q):
                parts = list(previous.parts)
    topic = q
    for word in (named, *(f"{y}年度" for y in years), *(f"{y}年" for y in years)):
        if word:
            topic = topic.replace(word, " ")
    return Understanding(
        question=q,
        issuers=tuple(issuers),
        issuer_text=named,
        ambiguous=ambiguous,
        year=year,
        metrics=tuple(metrics),
        parts=tuple(parts),
        yesno=yesno,
        asks_kind=bool(ASKS_KIND.search(q)),
        topic=re.sub(r"\s+", " ", topic).strip() or q,
    )
