import pytest

from retrieval.fusion import reciprocal_rank_fusion
from retrieval.search import search
from tests.conftest import ALL_REPORTS


def test_rrf_matches_hand_computed_scores():
    fused = dict(reciprocal_rank_fusion([["a", "b", "c"], ["b", "c"]], k=60))
    assert fused["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert fused["a"] == pytest.approx(1 / 61)
    assert list(dict(reciprocal_rank_fusion([["a", "b", "c"], ["b", "c"]])))[0] == "b"


@pytest.mark.slow
def test_ejina_application_passage_comes_first(shared_library):
    passages = search(shared_library, "额济纳旗 依申请公开", k=5)
    assert "全旗共收到依申请公开6件" in passages[0].text
    assert {p.issuer for p in passages} == {"额济纳旗"}


@pytest.mark.slow
def test_every_shared_report_is_stored_with_real_vectors(shared_library):
    rows = shared_library.catalog.reports()
    assert len(rows) == len(ALL_REPORTS)
    assert shared_library.vectors.count() == sum(r.n_chunks for r in rows)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "evidence"),
    [
        ("如皋市 政务新媒体 数量", "当前我市共有政务新媒体13个"),
        ("嵊州市文化广电旅游局 改进措施", "深化认识增强责任感"),
        ("淮安市 行政复议 结果纠正", "结果纠正 64"),
        ("诸往镇 收费", "未收取任何政府信息公开费用"),
    ],
)
def test_dev_evidence_is_in_top_passages(shared_library, query, evidence):
    texts = [p.text for p in search(shared_library, query, k=5)]
    assert any(evidence in t for t in texts), texts
