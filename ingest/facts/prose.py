"""Figures stated in sentences: "全年共收到依申请公开N件", "主动公开各类信息N条",
"我镇没有接收到……要求公开政府信息的申请" (= 0). The evidence is the sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.facts.rows import fold
from ingest.records import Fact, FactScope

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
            rf"(?:收到|受理|接收|接到){_GAP % 20}(?:信息公开|依申请公开)(?:的|类)?{_GAP % 6}申请{_GAP % 6}(?:共计?|合计)?\s*{_N}\s*(?:件|个|条|份|宗)",
            "件",
            0.85,
        ),
        (
            "applications.new.total",
            rf"(?:收到|受理|接收|接到)(?:各类)?\s*{_N}\s*(?:件|个|条|份)(?:政府信息公开|信息公开|依申请公开)?申请",
            "件",
            0.8,
        ),
        ("applications.result.total", rf"办结(?:了)?(?:依申请公开|政府信息公开申请|申请)?\s*{_N}\s*件", "件", 0.8),
        (
            "applications.new.total",
            rf"(?:没有|未)(?:接收到|收到|受理|接到){_GAP % 20}(?:公开政府信息|政府信息公开|信息公开|依申请公开)的?申请(?!\d)",
            "件",
            0.8,
        ),
        ("applications.carried_over.total", rf"上年(?:度)?结转{_GAP % 8}{_N}\s*件", "件", 0.8),
        ("applications.carried_to_next_year.total", rf"{_N}\s*件{_GAP % 6}(?:顺延|结转)(?:到|至)?下(?:一)?年", "件", 0.8),
        (
            "applications.carried_to_next_year.total",
            rf"(?:顺延|结转)(?:到|至)(?:下一?年度?|\d{{4}}\s*年度?)(?:继续办理)?\s*{_N}\s*件",
            "件",
            0.8,
        ),
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
        # a listing after the first: "行政复议36起,行政诉讼9起", "行政诉讼案件1件、行政复议案件2件"
        ("review.total", rf"行政复议(?:案件|申请)?(?:共计?|有)?\s*{_N}\s*(?:件|起|宗|个)", "件", 0.8),
        ("review.total", rf"(?:收到|受理|发生|提起)\s*{_N}\s*(?:份|件|起|宗|个){_GAP % 16}行政复议", "件", 0.8),
        ("litigation.total", rf"行政诉讼(?:案件)?(?:共计?|有)?\s*{_N}\s*(?:件|起|宗|个)", "件", 0.8),
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
        ("proactive.items", rf"(?<!主动)(?:公布|发布|公开)(?:了)?(?:各类)?政府信息{_GAP % 4}{_N}\s*余?\s*(?:条|件)", "条", 0.75),
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
# Sentences about other casework (审批, 12345 咨询投诉, 群众诉求) count 申请 and 办结 too.
_OTHER_CASEWORK = re.compile(r"审批|咨询|投诉|诉求|留言|收件|热线|事项|补贴|救助|许可|窗口")
_DISCLOSURE_WORDS = re.compile(r"信息公开|依申请|政府信息")
_CLAUSE_END = ",;:"
# A numbered heading run into the sentence when the body is one line: "二、…情况", "(一)…的数量".
_HEADING = re.compile(r"(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))[^,;:()\d]{0,24}?(?:情况|数量|内容|类别)\s*")
_CJK = re.compile(r"[\u4e00-\u9fff]")

# Words that make a figure the issuer's whole (全区, 全县, 共, 合计, 总计, 全年).
_WIDE = re.compile(r"全(?:区|县|市|旗|省|州|盟|镇|乡|街道)|(?<!公)共(?![享同建性])|合计|总计|全年")
# "全区各部门", "各级行政机关": all of the issuer, not a part of it.
_WHOLE_PHRASE = re.compile(
    r"全(?:区|县|市|旗|省|州|盟|镇|乡)(?:各级)?各?(?:部门|单位|行政机关|乡镇)?|各级各?(?:部门|单位|行政机关)?"
)
# Words naming a part of the issuer: its departments, townships, an office acting for it.
_SUB_UNIT = re.compile(
    r"各(?:乡镇|乡|镇|街道|部门|单位|区县|县区|县市区|委办局|社区|村)|[区县市旗州]直|直属|所属|下属|公开办"
    r"|代表[^,;]{0,12}(?:受理|办理|答复)"
)
# What was published, once the verb and the words of quantity and scope are taken away: nothing
# left (政府信息, 各类信息) is the whole; a kind (采购项目信息, 机构职能类信息) is a part of it.
_PROACTIVE_VERB = re.compile(r"^(?:主动(?:公开|发布)|公布|发布|公开)")
_GENERIC_WORDS = re.compile(
    r"了|的|各类|全部|所有|我(?:区|县|市|旗|省|州|镇|乡)|本(?:年度?|机关|单位)|全年|今年|当年|共计?|累计|合计|总计|总数|数为|为|达|"
    r"政府信息|信息|数|条"
)


def _scope(metric: str, sentence: str, m: re.Match[str], at: int) -> tuple[FactScope, tuple[int, int], bool]:
    """(scope, span of the label in ``sentence``, issuer-wide words) of the figure at ``at``."""
    clause = max(sentence.rfind(ch, 0, at) for ch in _CLAUSE_END) + 1
    clause = min(clause, m.start()) if m.start() < at else clause
    before = sentence[:clause].rstrip(_CLAUSE_END + " ")
    previous = max(before.rfind(ch) for ch in _CLAUSE_END) + 1
    label_start = clause
    if before[previous:].strip() in {"其中", "此外", "另外"} or len(_CJK.findall(sentence[clause : m.end()])) < 4:
        label_start = previous  # "其中,各乡镇…", or a clause too short to say what it counts ("共6件")
    headings = [h.end() for h in _HEADING.finditer(sentence, label_start, at) if h.end() <= min(at, m.start())]
    if headings:  # a heading the one-line body runs into the sentence says nothing of the figure
        label_start = headings[-1]  # a heading run into the sentence ("（一）主动公开政府信息的数量") says nothing of the figure
    words = sentence[label_start:at]
    wide = _WIDE.search(words) is not None
    part = _SUB_UNIT.search(_WHOLE_PHRASE.sub("", words)) is not None
    part |= sentence[:at].count("(") > sentence[:at].count(")")  # a breakdown in brackets
    among = words.find("其中")
    if among >= 0:
        anchor = m.start() - label_start
        part |= _CJK.search(words[among + 2 : max(anchor, among + 2)]) is not None
    if metric == "proactive.items" and m.groups():
        obj = _PROACTIVE_VERB.sub("", sentence[m.start() : at].strip())
        part |= _CJK.search(_GENERIC_WORDS.sub("", _WHOLE_PHRASE.sub("", obj))) is not None
    scope: FactScope = "sub_unit" if part else "report"
    return scope, (label_start, m.end()), wide and not part


def prose_facts(text: str) -> Iterator[Fact]:
    """Every figure a sentence states for a metric, with the words tied to it and whether it is
    the issuer's whole (scope "report") or a part of it (scope "sub_unit")."""
    folded = fold(text)
    for s in _SENTENCE.finditer(folded):
        sentence = s.group(0)
        if sentence.lstrip().startswith("|"):
            continue  # a rendered table row
        seen: set[tuple[str, int]] = set()  # one fact per metric and number, whichever pattern found it
        for metric, pattern, unit, confidence in PATTERNS:
            m = pattern.search(sentence)
            if m is None:
                continue
            if metric.startswith("fees.") and not _FEE_CONTEXT.search(sentence):
                continue
            if metric.startswith("applications.") and not _DISCLOSURE_WORDS.search(m.group(0)):
                # a bare "共收到70件申请" / "办结69件": only in a sentence about applications, not other casework
                if "申请" not in sentence or _OTHER_CASEWORK.search(sentence):
                    continue
            if metric.startswith(("review.", "litigation.")) and "信息公开" not in sentence[: m.start()] + m.group(0):
                continue
            value = float(m.group(1)) if m.groups() else 0.0
            at = m.start(1) if m.groups() else m.start()
            if (metric, at) in seen:
                continue
            seen.add((metric, at))
            scope, (a, b), wide = _scope(metric, sentence, m, at)
            if not m.groups():
                a, b = m.span()
            label = text[s.start() + a : s.start() + b].strip()  # the report's own characters
            lead = len(sentence) - len(sentence.lstrip())
            yield Fact(
                metric,
                value,
                unit,
                "prose",
                s.start() + lead,
                s.end(),
                min(0.95, confidence + 0.05) if wide else confidence,
                scope=scope,
                label=label,
            )
