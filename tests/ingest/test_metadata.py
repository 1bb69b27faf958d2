import json

import pytest

from ingest.clean import clean
from ingest.load import load
from ingest.metadata import describe
from tests.conftest import ALL_REPORTS, SHARED, gold_facts, report


def _meta(path):
    doc = load(path)
    return describe(doc, clean(doc))


def _expected():
    out = {}
    for fact in gold_facts():
        out[fact["report"].split("/")[-1]] = (fact["issuer"], fact["year"])
    return out


@pytest.mark.parametrize("name", sorted(_expected()))
def test_issuer_and_year_match_gold(name):
    issuer, year = _expected()[name]
    meta = _meta(report(name))
    assert (meta.issuer, meta.year) == (issuer, year)


def test_every_dev_question_report_has_a_year():
    names = {json.loads(line)["report"] for line in (SHARED / "eval" / "dev_qa.jsonl").read_text().splitlines() if line.strip()}
    for name in filter(None, names):
        assert _meta(report(name.split("/")[-1])).year


def test_short_names_people_type():
    assert "洪泽区" in _meta(report("hongze_qu_2023.pdf")).aliases
    assert "诸往镇" in _meta(report("004_6b0820d803ecb1d1.txt")).aliases
    assert "嵊州市文旅局" in _meta(report("002_dfd47989e4aedd12.txt")).aliases
    assert "沭阳县发改局" in _meta(report("shuyang_fgj_2023.html")).aliases


def test_kind_layout_and_dates():
    notice = _meta(report("001_3126439bcbcde1e1.txt"))
    assert notice.kind == "other" and notice.year == 2021
    assert _meta(report("004_6b0820d803ecb1d1.txt")).layout == "older"
    assert _meta(report("hongze_qu_2024.pdf")).layout == "2021"
    assert _meta(report("003_581ad2afe31178c1.txt")).published == "2022-02-19"
    assert all(_meta(p).kind == "annual_report" for p in ALL_REPORTS if "001_" not in p.name)
