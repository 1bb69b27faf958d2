import pytest

from ingest.chunks import MAX_CHARS, chunk_report
from ingest.clean import clean
from ingest.load import load
from ingest.metadata import describe
from ingest.sections import find_sections
from tests.conftest import ALL_REPORTS, report

SIX = ["overview", "proactive", "applications", "review_litigation", "problems_improvements", "other"]


def _parts(path):
    doc = load(path)
    cleaned = clean(doc)
    meta = describe(doc, cleaned)
    return cleaned, find_sections(cleaned, meta.kind == "annual_report")


# the sources of 013 and 015 number their parts differently or lose a heading; every other
# standard-format report must show the six parts
STANDARD = [
    p
    for p in ALL_REPORTS
    if p.name.startswith(("002_", "003_", "004_p", "005_", "006_", "007_", "008_", "014_", "hongze", "huaian", "shuyang"))
]


@pytest.mark.parametrize("path", STANDARD, ids=lambda p: p.name)
def test_standard_reports_have_the_six_parts_in_order(path):
    _, sections = _parts(path)
    assert [s.part for s in sections if s.part != "preamble"] == SIX


_PARTS = [
    ("一、总体情况", "本年度工作稳步推进。"),
    ("二、主动公开政府信息情况", "第二十条第（一）项 行政规范性文件 3 1 12 行政事业性收费 {figure}"),
    ("三、收到和处理政府信息公开申请情况", "一、本年新收政府信息公开申请数量 5 0 0 0 0 0 5 四、结转下年度继续办理 0 0 0 0 0 0 0"),
    ("四、政府信息公开行政复议、行政诉讼情况", "行政复议 0 0 0 0 0"),
    ("五、存在的主要问题及改进情况", "一是解读不够深入。"),
    ("六、其他需要报告的事项", "无。"),
]


@pytest.mark.parametrize("figure", ["9116.36", "3958万元", "12"])
@pytest.mark.parametrize("joiner", ["", " ", "\n", "\n## "])
def test_headings_run_into_a_flattened_tables_figures(figure, joiner):
    """A one-line page: each heading follows the last figure of the table before it, and the
    table's own row labels (一、本年新收… 四、结转下年度…) are no headings."""
    from ingest.records import CleanDocument, Paragraph

    body = joiner.join(h + joiner.strip(" ") + text.format(figure=figure) for h, text in _PARTS)
    text = "某区2023年度政府信息公开工作年度报告" + joiner + "本报告依据《条例》编制。" + joiner + body
    cleaned = CleanDocument(text=text, paragraphs=(Paragraph(text=text, start=0, end=len(text)),))
    sections = find_sections(cleaned, True)
    assert [s.part for s in sections if s.part != "preamble"] == SIX
    assert [s.heading for s in sections if s.heading] == [h for h, _ in _PARTS]


def test_run_in_headings_are_found():
    cleaned, sections = _parts(report("002_dfd47989e4aedd12.txt"))
    five = next(s for s in sections if s.part == "problems_improvements")
    assert cleaned.text[five.start :].startswith("五、存在的主要问题及改进情况")
    assert "一是工作认识有待提高" in cleaned.text[five.start : five.end]


def test_older_format_has_twelve_parts():
    _, sections = _parts(report("004_6b0820d803ecb1d1.txt"))
    headings = [s.heading for s in sections if s.heading]
    assert len(headings) == 12 and headings[-1].startswith("十二、")
    assert next(s for s in sections if s.heading.startswith("十一、")).part == "problems_improvements"


@pytest.mark.parametrize("path", ALL_REPORTS, ids=lambda p: p.name)
def test_chunks_stay_inside_parts_and_point_into_the_text(path):
    cleaned, sections = _parts(path)
    chunks = chunk_report("r", cleaned, sections)
    assert chunks
    for c in chunks:
        section = next(s for s in sections if s.start <= c.start < s.end)
        assert c.end <= section.end and c.part == section.part
        if not c.is_table:
            assert cleaned.text[c.start : c.end].strip() == c.text
            assert len(c.text) <= MAX_CHARS
    assert len({c.id for c in chunks}) == len(chunks)


def test_headingless_report_is_chunked_by_paragraph():
    cleaned, sections = _parts(report("000_53379ca1ae0f01b5.txt"))
    chunks = chunk_report("r", cleaned, sections)
    assert [s.part for s in sections] == ["body"]
    assert any("当前我市共有政务新媒体13个" in c.text for c in chunks)


def test_table_chunk_keeps_labels_with_values():
    cleaned, sections = _parts(report("003_581ad2afe31178c1.txt"))
    tables = [c for c in chunk_report("r", cleaned, sections) if c.is_table]
    assert any("行政许可：本年处理决定数量 8097" in c.text for c in tables)
    assert any("行政规范性文件：本年制发件数 1，本年废止件数 4，现行有效件数 8" in c.text for c in tables)
    cleaned, sections = _parts(report("huaian_shi_2024.pdf"))
    lines = [line for c in chunk_report("r", cleaned, sections) if c.is_table for line in c.text.split("\n")]
    assert any(line.startswith("一、本年新收政府信息公开申请数量：自然人 3001") and line.endswith("总计 3119") for line in lines)
