import io

import pytest

from ingest.errors import CorruptFile, EmptyDocument, ScannedPdf, UnsupportedFormat
from ingest.load import load, load_bytes
from tests.conftest import report


def test_utf8_seed_keeps_pipe_table_as_grid():
    doc = load(report("003_581ad2afe31178c1.txt"))
    tables = [b.table for b in doc.blocks if b.table]
    rows = [r for t in tables for r in t.rows]
    assert ("行政许可", "8097") in rows
    assert ("行政规范性文件", "1", "4", "8") in rows
    assert doc.fmt == "txt" and len(doc.sha256) == 64


def test_gbk_and_bom_text_are_decoded():
    text = "额济纳旗2021年度政府信息公开工作年度报告\n全旗共收到依申请公开6件。"
    for data in (text.encode("gbk"), text.encode("gb18030"), b"\xef\xbb\xbf" + text.encode("utf-8")):
        doc = load_bytes(data, "r.txt")
        assert doc.blocks[1].text == "全旗共收到依申请公开6件。"


def test_html_keeps_article_and_spanned_table_cells():
    doc = load(report("shuyang_fgj_2023.html"))
    texts = [b.text for b in doc.blocks if b.text]
    assert texts[0] == "沭阳县发展和改革局2023年政府信息公开年度报告"
    assert not any("繁體版" in t or "无障碍" in t or "首页" == t for t in texts)
    assert doc.hints["发布机构"] == "沭阳县发展和改革局" and doc.hints["公开日期"] == "2024-01-17"
    rows = [r for b in doc.blocks if b.table for r in b.table.rows]
    # rowspan: the 三、本年度办理结果 label covers every result row
    assert ("三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息", "0", "", "", "", "", "", "0") in rows
    assert not any("索引号" in c for r in rows for c in r)  # the metadata box is not a report table


def test_html_rowspan_colspan_expand():
    html = "<html><body><article><p>正文内容足够长的一段文字。</p><table><tr><td rowspan=2>A</td><td colspan=2>B</td></tr><tr><td>1</td><td>2</td></tr></table></article></body></html>"
    doc = load_bytes(html.encode(), "t.html")
    table = next(b.table for b in doc.blocks if b.table)
    assert table.rows == (("A", "B", "B"), ("A", "1", "2"))


def test_pdf_pages_tables_and_split_table():
    doc = load(report("hongze_qu_2023.pdf"))
    assert {b.page for b in doc.blocks} == {1, 2, 3, 4, 5}
    rows = [r for b in doc.blocks if b.table for r in b.table.rows]
    assert ("行政处罚", "4119") in rows
    review = next(r for r in rows if r[:2] == ("10", "1"))
    assert review[4] == "0" and review[10] == "5"  # printed as is: 维持 10, 纠正 1, 总计 0
    texts = " ".join(b.text for b in doc.blocks if b.text)
    assert "2023年全区受理政府信息公开申请21件" in texts


def test_docx_paragraphs_and_tables():
    import docx

    d = docx.Document()
    d.add_paragraph("某某局2023年政府信息公开工作年度报告")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "信息内容", "本年处理决定数量"
    t.cell(1, 0).text, t.cell(1, 1).text = "行政许可", "12"
    buf = io.BytesIO()
    d.save(buf)
    doc = load_bytes(buf.getvalue(), "r.docx")
    assert doc.blocks[0].text.startswith("某某局")
    assert doc.blocks[1].table is not None and doc.blocks[1].table.rows[1] == ("行政许可", "12")


@pytest.mark.parametrize(
    ("data", "name", "error"),
    [
        (b"", "empty.txt", EmptyDocument),
        (bytes(range(256)) * 20, "junk.txt", CorruptFile),
        (b"%PDF-1.4\n1 0 obj <<", "broken.pdf", CorruptFile),
        (b"not a zip", "fake.docx", CorruptFile),
        (b"hello", "report.xls", UnsupportedFormat),
    ],
)
def test_bad_files_raise_specific_errors(data, name, error):
    with pytest.raises(error) as info:
        load_bytes(data, name)
    assert info.value.bilingual()


def test_pdf_without_text_layer_is_scanned(tmp_path):
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (200, 200), "white").save(buf, format="PDF")
    with pytest.raises(ScannedPdf):
        load_bytes(buf.getvalue(), "scan.pdf")
