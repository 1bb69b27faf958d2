"""What a question asks for: figures (fact keys of the official vocabulary), the problems or
improvements of part 五, a yes/no, or none of these (a free question answered from passages)."""

from __future__ import annotations

import re
import unicodedata

from answer import figures as fv
from answer.figures import named

# result rows before the intake rows: "新收的申请中予以公开的" asks for 予以公开
_ROWS = tuple(sorted(fv.APPLICATION_TERMS, key=lambda t: not t.key.startswith("result.")))

IMPROVEMENTS = re.compile(r"改进|整改|措施|下一步|打算|计划|怎么改|如何改|抓好|举措|努力方向|承诺|改善|提升方向")
PROBLEMS = re.compile(r"问题|不足|短板|差距|薄弱|欠缺")
YESNO = re.compile(r"吗[？?]?$|是否|有没有|有无|是不是|了没有|没有[？?]$|与否|可否")
ASKS_KIND = re.compile(r"(?:是|属于|算)(?:不是)?(?:一份)?(?:政府信息公开)?(?:工作)?年度?报告")
COUNT = re.compile(
    r"多少|几[件条个项起家人份次名]?|数量|数目|总数|金额|一共|共计|合计|总计|(?:申请|件|条)?[数量](?:是|为|有)?[？?]?$|率"
)
# figures that count events, so a zero says it did not happen ("有没有清理…新媒体" is no question
# of how many accounts there are; "是否存在逾期答复" none of how many were answered)
_EVENTS = ("applications.", "regulations.", "normative_docs.")
_WHETHER = re.compile(r"有无|有没有|是否|吗|了没|未|没有(?=[？?]?$)")  # …申请没有？ asks whether


def applicant_columns(q: str) -> list[str]:
    """Applicant columns the question names (自然人, 法人或其他组织, …), in its order."""
    return named(fv.APPLICANTS, q)


def result_columns(q: str) -> list[str]:
    """Results of a review or suit the question names (维持, 纠正, …), in its order."""
    return named(fv.RESULTS, q)


def _application_rows(q: str) -> list[str]:
    rows = named(_ROWS, q)
    if rows:
        return rows
    group = fv.first(fv.GROUP_TERMS, q)
    return [group.key] if group else []


_SUITS = (fv.Term("direct", "未经复议直接起诉", fv.DIRECT), fv.Term("after_review", "复议后起诉", fv.AFTER_REVIEW))


def _review_metrics(q: str) -> list[str]:
    columns = fv.joined((*fv.RESULTS, fv.RESULT_TOTAL), q) or result_columns(q) or ["total"]
    out = []
    if re.search(fv.REVIEW, q) and not re.search(f"(?:{fv.AFTER_REVIEW}|{fv.DIRECT})" + r"[^，。？]{0,4}(?:起诉|诉讼)?", q):
        out += [f"review.{c}" for c in columns]
    if re.search(fv.LITIGATION, q):
        suits = fv.joined(_SUITS, q)  # 直接起诉和复议后起诉的各几件
        if suits:
            out += [f"litigation.{s}.{c}" for s in suits for c in columns]
        elif re.search(fv.AFTER_REVIEW, q):
            out += [f"litigation.after_review.{c}" for c in columns]
        elif re.search(fv.DIRECT, q):
            out += [f"litigation.direct.{c}" for c in columns]
        else:  # a result of every suit: those filed directly and those after a review
            for c in columns:
                out += ["litigation.total"] if c == "total" else [f"litigation.direct.{c}", f"litigation.after_review.{c}"]
    return out


def _legacy_metrics(q: str) -> list[str]:
    row = fv.first(fv.LEGACY_ROWS, q)
    if row is None:
        return []
    column = "cumulative" if re.search(fv.LEGACY_COLUMNS[0].words, q) else "year"
    return [f"{row.key}.{column}"]


def figure_metrics(question: str) -> list[str]:
    """Fact keys (or derived figures of ``answer.figures``) the question asks for; [] when it
    is not a question about a standard figure."""
    q = unicodedata.normalize("NFKC", question)
    counts, whether = bool(COUNT.search(q)), bool(_WHETHER.search(q))
    if not counts and not whether:
        return []
    if re.search(fv.LEGACY_TABLE, q) and (legacy := _legacy_metrics(q)):
        return legacy
    # "有没有…" suits the figures that are zero when nothing happened
    if re.search(fv.REVIEW + "|" + fv.LITIGATION, q):
        return _review_metrics(q)
    rate = [d.key for d in fv.DERIVED if re.search(d.words, q)]
    if rate:
        return rate
    fee = fv.first(fv.FIGURES[:2], q)
    if fee is not None and (fee.key != "fees.disclosure_fees_yuan" or not re.search(r"行政事业性|采购", q)):
        return [fee.key]
    if not counts:  # "是否有申请结转…", "废止过规范性文件吗": the figure that is zero when nothing happened
        asked = [m for m in figure_metrics(q + "有多少") if m.startswith(_EVENTS) and m != "applications.result.total"]
        if any(m.startswith(("regulations.", "normative_docs.")) for m in asked) and not document_columns(q):
            return []  # "是否公开了规章": no event of the document table named
        if asked == ["applications.new.total"] and not re.search(r"(?:收到|受理|接到|提出)[^，。？]{0,10}申请", q):
            return []  # "申请" alone names no figure to read a yes or no from
        return asked
    for t in fv.DOCUMENTS:
        if re.search(t.words, q):
            columns = (
                fv.joined(fv.DOCUMENT_COLUMNS, q)
                or [c.key for c in fv.DOCUMENT_COLUMNS if re.search(c.words, q)][:1]
                or ["issued", "repealed", "in_force"]
            )
            if "issued" in columns:  # the 2019 layout counts 本年新制作数量 instead
                columns.append("made")
            return [f"{t.key}.{c}" for c in columns]
    several = fv.joined(fv.FIGURES[2:], q)  # 行政许可、行政处罚和行政强制
    if several:
        return several
    figure = fv.first(fv.FIGURES[2:], q)
    if figure is not None:
        return [figure.key]
    rows = fv.joined((*_ROWS, *fv.GROUP_TERMS), q) or _application_rows(q) or (["new"] if applicant_columns(q) else [])
    if not rows:
        return [f"review.{c}" for c in result_columns(q)]
    groups = {t.key for t in fv.GROUP_TERMS[:4]}
    columns = applicant_columns(q) or ["total"]
    return [f"applications.{row}" if row in groups else f"applications.{row}.{c}" for row in rows for c in columns]


def document_columns(q: str) -> list[str]:
    """Columns of the 第二十条 document tables the question names (制发, 废止, 现行有效)."""
    return named(fv.DOCUMENT_COLUMNS, q)


def with_columns(
    metrics: tuple[str, ...], applicants: list[str], results: list[str], documents: tuple[str, ...] | list[str] = ()
) -> list[str]:
    """A follow-up naming only a column ("其中自然人呢", "其中被纠正的有几件", "废止的呢"): the
    previous figures with that column instead of theirs."""
    out: list[str] = []
    kinds = {t.key for t in fv.DOCUMENTS}
    for m in metrics:
        parts = m.split(".")
        if documents and parts[0] in kinds:
            out += [f"{parts[0]}.{c}" for c in (*documents, *(("made",) if "issued" in documents else ()))]
        elif applicants and parts[0] == "applications" and len(parts) >= 3:
            out += [".".join([*parts[:-1], c]) for c in applicants]
        elif results and (parts[0] == "review" or (parts[0] == "litigation" and len(parts) >= 2)):
            stems = ["litigation.direct", "litigation.after_review"] if m == "litigation.total" else [".".join(parts[:-1])]
            out += [f"{stem}.{c}" for c in results for stem in stems]
    return list(dict.fromkeys(out))


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
