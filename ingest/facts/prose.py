"""Figures stated in sentences: "全旗共收到依申请公开6件", "主动公开各类信息947条",
"我镇没有接收到……要求公开政府信息的申请" (= 0). The evidence is the sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.facts.rows import fold
from ingest.records import Fact

# Patterns run on the NFKC form: ，；！？ read as ,;!?
_N = r"(\d+(?:\.\d+)?)"
_GAP = r"[^。;!?\d,]{0,%d}?"

# (metric, pattern, unit, confidence); a pattern without a group states 0.
PATTERNS: tuple[tuple[str, re.Pattern[str], str, float], ...] = tuple(
    (metric, re.compile(pattern), unit, confidence)
    for metric, pattern, unit, confidence in (
        (
            "applications.new.total",
            rf"(?:收到|受理|接收|接到)(?:并处理)?{_GAP % 12}(?:信息公开申请|依申请公开|依申请信息公开|公开申请){_GAP % 6}(?:共计?|合计)?\s*{_N}\s*(?:件|个|条|份|宗)",
            "件",
            0.85,
        ),
        (
            "applications.new.total",
            rf"(?:没有|未)(?:接收到|收到|受理|接到){_GAP % 20}(?:公开政府信息|政府信息公开|信息公开|依申请公开)的?申请(?!\d)",
            "件",
            0.8,
        ),
        ("applications.carried_over.total", rf"上年(?:度)?结转{_GAP % 8}{_N}\s*件", "件", 0.8),
        ("applications.carried_to_next_year.total", rf"{_N}\s*件{_GAP % 6}(?:顺延|结转)(?:到|至)?下(?:一)?年", "件", 0.8),
        (
            "review.total",
            rf"(?:政府信息公开|信息公开)[^。;!?\d]{{0,12}}?行政复议(?:案件|申请)?(?:共计?)?\s*{_N}\s*(?:件|起|宗|个)",
            "件",
            0.85,
        ),
        (
            "litigation.total",
            rf"(?:政府信息公开|信息公开)[^。;!?\d]{{0,20}}?行政诉讼(?:案件)?(?:共计?)?\s*{_N}\s*(?:件|起|宗|个)",
            "件",
            0.85,
        ),
        (
            "litigation.total",
            rf"(?:政府信息公开|信息公开)行政复议\s*\d+\s*(?:件|起|宗|个)[及和与、,]\s*(?:行政)?诉讼\s*{_N}\s*(?:件|起|宗|个)",
            "件",
            0.85,
        ),
        *(
            (f"review.{key}", rf"行政复议[^。;!?诉]{{0,40}}?{word}\s*{_N}\s*(?:件|起|宗|个)", "件", 0.8)
            for key, word in (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结"))
        ),
        (
            "review.total",
            r"(?:未发生|没有发生|未有|没有|无)[^。;!?\d]{0,24}?(?:信息公开)[^。;!?\d]{0,20}?行政复议",
            "件",
            0.8,
        ),
        (
            "litigation.total",
            r"(?:未发生|没有发生|未有|没有|无)[^。;!?\d]{0,24}?(?:信息公开)[^。;!?\d]{0,20}?行政复议[和及、与或]?(?:提起)?行政诉讼",
            "件",
            0.8,
        ),
        ("proactive.items", rf"主动(?:公开|发布)(?:(?!情况|许可|处罚)[^。;!?\d,]){{0,40}}?{_N}\s*余?\s*条", "条", 0.85),
        ("proactive.items", rf"(?:发布|公开)各类(?:公开)?政府信息{_GAP % 4}{_N}\s*余?\s*条", "条", 0.7),
        ("new_media.accounts", rf"政务新媒体(?:账号|平台)?{_GAP % 6}(?:共计?|共有)?\s*{_N}\s*(?:个|家)", "个", 0.85),
        ("new_media.accounts", rf"共有政务新媒体(?:账号)?\s*{_N}\s*(?:个|家)", "个", 0.85),
        ("fees.disclosure_fees_yuan", rf"(?:收取|收费){_GAP % 20}(?:费|费用){_GAP % 4}\s*{_N}\s*元", "元", 0.85),
        (
            "fees.disclosure_fees_yuan",
            r"(?:未|没有|无|不)(?:收取|发生收费|实际收费|产生)[^。;!?\d]{0,16}?(?:费用|收费|情况)|未发生收费|也无实际收费|免费提供",
            "元",
            0.75,
        ),
        ("permits.decisions", rf"(?:新增|办理|作出)行政许可{_GAP % 4}{_N}\s*(?:条|件|项)", "件", 0.6),
        ("penalties.decisions", rf"(?:新增|办理|作出)行政处罚{_GAP % 4}{_N}\s*(?:条|件|项)", "件", 0.6),
    )
)

_SENTENCE = re.compile(r"[^。;!?\n]+[。;!?]?")
# A fee sentence must be about information disclosure (not 行政事业性收费 of the whole government).
_FEE_CONTEXT = re.compile(r"信息公开|公开申请|依申请|处理费")


def prose_facts(text: str) -> Iterator[Fact]:
    folded = fold(text)
    for s in _SENTENCE.finditer(folded):
        sentence = s.group(0)
        if sentence.lstrip().startswith("|"):
            continue  # a rendered table row
        for metric, pattern, unit, confidence in PATTERNS:
            m = pattern.search(sentence)
            if m is None:
                continue
            if metric.startswith("fees.") and not _FEE_CONTEXT.search(sentence):
                continue
            value = float(m.group(1)) if m.groups() else 0.0
            lead = len(sentence) - len(sentence.lstrip())
            yield Fact(metric, value, unit, "prose", s.start() + lead, s.end(), confidence)
