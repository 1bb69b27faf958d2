"""What a question asks for: figures (fact keys of the official vocabulary), the problems or
improvements of part 五, a yes/no, or none of these (a free question answered from passages)."""

from __future__ import annotations

import re
import unicodedata

from ingest.facts.vocabulary import APPLICATION_ROWS

_APPLICANTS = (
    ("natural_person", r"自然人|个人|公民"),
    ("commercial_enterprise", r"商业企业|企业"),
    ("research_institution", r"科研机构"),
    ("social_welfare_org", r"社会公益组织|公益组织"),
    ("legal_service_org", r"法律服务机构|律师"),
)
_RESULT_COLUMNS = (
    ("upheld", r"维持"),
    ("corrected", r"纠正|撤销|纠错"),
    ("other", r"其他结果"),
    ("pending", r"尚未审结|未审结|未结"),
)
_GROUP_ROWS = (
    ("result.withheld", r"不予公开"),
    ("result.unavailable", r"无法提供"),
    ("result.not_processed", r"不予处理"),
    ("result.other_handling", r"其他处理"),
)
_SPECIFIC_ROWS = [
    (k, p) for k, p, _ in APPLICATION_ROWS if k.count(".") >= 2 or k in ("result.disclosed", "result.partially_disclosed")
]
_DOCS_COLUMNS = (("repealed", r"废止|失效"), ("in_force", r"现行有效|有效"), ("issued", r"制发|制定|出台|印发|新增|发布|新制"))

IMPROVEMENTS = re.compile(r"改进|整改|措施|下一步|打算|计划|怎么改|如何改|抓好|举措|努力方向|承诺|改善|提升方向")
PROBLEMS = re.compile(r"问题|不足|短板|差距|薄弱|欠缺")
YESNO = re.compile(r"吗[？?]?$|是否|有没有|有无|是不是|了没有|没有[？?]$|与否|可否")
ASKS_KIND = re.compile(r"(?:是|属于|算)(?:不是)?(?:一份)?(?:政府信息公开)?(?:工作)?年度?报告")
_COUNT = re.compile(r"多少|几[件条个项起家人份次名]?|数量|数目|总数|金额|一共|共计|合计|总计")
_WHETHER = re.compile(r"有无|有没有|是否|吗|了没|未")


def _applicant_column(q: str) -> str:
    return next((key for key, pattern in _APPLICANTS if re.search(pattern, q)), "total")


def _application_row(q: str) -> str | None:
    for key, pattern in _SPECIFIC_ROWS:
        if re.search(pattern, q):
            return key
    for key, pattern in _GROUP_ROWS:
        if re.search(pattern, q):
            return key
    if re.search(r"结转(?:到)?下(?:一)?年|下年度继续|顺延", q):
        return "carried_to_next_year"
    if re.search(r"上年(?:度)?结转|结转.{0,4}上年", q):
        return "carried_over"
    if re.search(r"办理结果|办结|答复了?多少|处理了?多少|办理了?多少", q):
        return "result"
    if re.search(r"申请|依申请", q):
        return "new"
    return None


def _review_metrics(q: str) -> list[str]:
    column = next((key for key, pattern in _RESULT_COLUMNS if re.search(pattern, q)), "total")
    out = []
    litigation = re.search(r"诉讼|起诉", q)
    if re.search(r"行政复议", q) and not re.search(r"复议后起诉|经复议", q):
        out.append(f"review.{column}")
    if litigation:
        if re.search(r"复议后|经复议", q):
            out.append(f"litigation.after_review.{column}")
        elif re.search(r"直接起诉|未经复议", q):
            out.append(f"litigation.direct.{column}")
        else:
            out.append("litigation.total" if column == "total" else f"litigation.direct.{column}")
    return out


def figure_metrics(question: str) -> list[str]:
    """Fact keys the question asks for; [] when it is not a question about a standard figure."""
    q = unicodedata.normalize("NFKC", question)
    counts, whether = bool(_COUNT.search(q)), bool(_WHETHER.search(q))
    if not counts and not whether:
        return []
    # "有没有…" suits the figures that are zero when nothing happened
    if re.search(r"行政复议|行政诉讼|起诉", q):
        return _review_metrics(q)
    if re.search(r"收费|费用|处理费|收取", q) and re.search(r"信息公开|申请|处理费", q) and "行政事业性" not in q:
        return ["fees.disclosure_fees_yuan"]
    if not counts:
        return ["applications.new.total"] if re.search(r"(?:收到|受理|接到)[^，。？]{0,10}申请", q) else []
    if re.search(r"行政事业性收费", q):
        return ["fees.admin_charges_wan_yuan"]
    for word, key in (("行政许可", "permits"), ("行政处罚", "penalties"), ("行政强制", "coercion")):
        if word in q:
            return [f"{key}.decisions"]
    for word, key in (("规范性文件", "normative_docs"), ("规章", "regulations")):
        if word in q:
            columns = [c for c, pattern in _DOCS_COLUMNS if re.search(pattern, q)][:1] or ["issued", "repealed", "in_force"]
            if "issued" in columns:  # the 2019 layout counts 本年新制作数量 instead
                columns.append("made")
            return [f"{key}.{c}" for c in columns]
    if re.search(r"新媒体", q):
        return ["new_media.accounts"]
    if re.search(r"主动公开|主动发布", q) or re.search(
        r"(?:发布|公开)[^，。？]{0,8}(?:多少|几)条[^，。？]{0,6}政府信息|(?:发布|公开)了?[^，。？]{0,4}政府信息[^，。？]{0,4}(?:多少|几)条",
        q,
    ):
        return ["proactive.items"]
    row = _application_row(q)
    if row is None:
        return []
    if row in dict(_GROUP_ROWS):  # e.g. 不予公开: every reason under it
        return [f"applications.{row}"]
    return [f"applications.{row}.{_applicant_column(q)}"]


def parts_asked(question: str) -> list[str]:
    q = unicodedata.normalize("NFKC", question)
    if not re.search(r"哪些|什么|怎么|如何|哪几|列举|有何|打算|举措|措施|问题|不足", q):
        return []
    parts = []
    if PROBLEMS.search(q) and not re.search(r"针对[^，。？]{0,12}问题", q):
        parts.append("problems")
    if IMPROVEMENTS.search(q):
        parts.append("improvements")
    return parts
