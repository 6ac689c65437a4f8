"""The two embedding backends behind one interface: token counts, token states, dimension.

- `OnnxBackend`: the model exported once to ONNX with int8 dynamic quantization (`export_onnx`,
  cached by the Embedder under ``Settings.cache_dir``), then run with onnxruntime + tokenizers
  alone. No torch import, so start-up is fast and encoding is about 3x quicker on a CPU.
- `TorchBackend`: sentence-transformers' own PyTorch model; the fallback when the export cannot be done.

The `Embedder` (embedding.py) picks one, batches texts through it and pools its token states.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import shutil
import tempfile
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.core.errors import BotError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TokenStates:
    states: np.ndarray  # float32 [tokens, dim], special tokens included
    offsets: np.ndarray  # int64 [tokens, 2] character span of each token in the text; (0, 0) = special


# Backends besides the two built in ("auto" | "onnx" | "torch", chosen in embedding.py), by the name
# `Settings.backend` gives: each a factory `(embedder) -> backend` whose backend has `name`, `dim`,
# `max_tokens`, `file` (None), `parallel`, `count_tokens(text)` and `token_states(texts)`, as the two
# below. The tests register a small fake one through it (tests/unit/test_fake_backend.py).
REGISTERED: dict[str, Callable] = {}


def register_backend(name: str, factory: Callable) -> None:
    REGISTERED[name] = factory


def one_blas_thread() -> None:
    """Run numpy's matrix products on one thread, for this process. A question's products are small
    (its words against a thousand candidate words, a few hundred sentence vectors), and on two cores
    shared with one busy process a second BLAS thread mostly waits for the core: `bot eval
    ../shared/eval/squad-v1.1-dev --sample 2000` beside a busy loop went from p50 / p95 22.5 / 51.5 ms
    to 15.0 / 22.0 (idle: 14.7 -> 14.5), with the same answers."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1, user_api="blas")


def _max_tokens(folder: Path, fallback: int = 256) -> int:
    config = folder / "sentence_bert_config.json"
    if config.exists():
        return int(json.loads(config.read_text()).get("max_seq_length", fallback))
    return fallback


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


def export_onnx(source: Path, folder: Path, model_id: str) -> None:
    """Export and quantize once; written beside the cache entry then renamed, so never half-done."""
    from sentence_transformers import SentenceTransformer, export_dynamic_quantized_onnx_model

    log.info("Exporting %s to ONNX int8 (once, cached in %s)...", model_id, folder)
    with cache_entry(folder) as work, quiet():
        model = SentenceTransformer(str(source), backend="onnx", device="cpu")
        model.save(str(work))
        export_dynamic_quantized_onnx_model(model, _quantization(), str(work))


@contextlib.contextmanager
def cache_entry(folder: Path):
    """A work folder beside the cache entry `folder`, renamed to it once the block has filled it:
    an export is never seen half-done, and of two processes racing, the first one's stays."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".export-", dir=folder.parent))
    try:
        yield work
        try:
            work.rename(folder)
        except OSError:  # another process finished first: theirs is as good
            pass
    finally:
        shutil.rmtree(work, ignore_errors=True)


def session_options(threads: int):
    """onnxruntime's options for a session on `threads` threads. Within a run, the threads wait for
    each other's next operator spinning: a model read is some sixty small operators, and a sleeping
    thread woken for each added a third to a question's read (marker 4.2 -> 3.0 ms, a question's
    vector 2.3 -> 1.4 ms on two cores). Between runs they sleep (force_spinning_stop): threads left
    spinning would take a core from the rest of the answer, and spinning between runs once halved a
    build's throughput beside FAISS and other processes (python -m bench)."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.add_session_config_entry("session.intra_op.allow_spinning", "1" if threads > 1 else "0")
    options.add_session_config_entry("session.force_spinning_stop", "1")
    return options


class OnnxBackend:
    """The model exported to ONNX with int8 dynamic quantization, run by onnxruntime + tokenizers
    alone (no torch import). `threads` per session: all cores for one question's small batch, one
    when a bulk build runs a batch per core side by side (`parallel`: onnxruntime releases the GIL)."""

    parallel = True

    def __init__(self, folder: Path, threads: int):
        import onnxruntime
        from tokenizers import Tokenizer

        quantized = sorted((folder / "onnx").glob("model_qint8_*.onnx"))
        if not quantized:
            raise BotError(f"no int8 ONNX model in {folder / 'onnx'}")
        self.session = onnxruntime.InferenceSession(str(quantized[0]), session_options(threads),
                                                    providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.max_tokens = _max_tokens(folder)
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(self.max_tokens)
        self.tokenizer.no_padding()
        self.counter = Tokenizer.from_file(str(folder / "tokenizer.json"))  # counts past the limit too
        self.counter.no_truncation()
        self.counter.no_padding()
        self.file = quantized[0]
        # Named after the file's kernels (model_qint8_avx2.onnx), not this CPU's: a Ray worker may
        # run the driver's file on another CPU.
        self.name = f"onnx-int8-{quantized[0].stem.removeprefix('model_qint8_')}"
        self.dim = int(self.token_states(["probe"])[0].states.shape[1])

    def count_tokens(self, text: str) -> int:
        return self.count_tokens_many([text])[0]

    def count_tokens_many(self, texts: list[str]) -> list[int]:
        # The batch call without character offsets: the same pieces, a quarter faster even for one
        # text (the chunker counts every paragraph and sentence it weighs).
        return [len(e.ids) for e in self.counter.encode_batch_fast(texts)]

    def token_states(self, texts: list[str]) -> list[TokenStates]:
        encodings = self.tokenizer.encode_batch(texts)
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self.session.run(None, {k: v for k, v in feed.items() if k in self.inputs})[0]
        return [
            TokenStates(hidden[row, : len(e.ids)], np.array(e.offsets, dtype=np.int64).reshape(-1, 2))
            for row, e in enumerate(encodings)
        ]


class TorchBackend:
    """sentence-transformers' own PyTorch model: the fallback when the export cannot be done."""

    parallel = False
    name = "torch"
    file = None

    def __init__(self, model: str, model_id: str):
        from sentence_transformers import SentenceTransformer

        try:
            self.model = SentenceTransformer(model, device="cpu")
        except Exception as error:
            raise BotError(f"cannot load embedding model {model_id!r}: {error}") from error
        self.max_tokens = int(self.model.max_seq_length)
        self.dim = int(self.model.get_embedding_dimension())

    def count_tokens(self, text: str) -> int:
        return len(self.model.tokenizer(text, truncation=False)["input_ids"])

    def token_states(self, texts: list[str]) -> list[TokenStates]:
        states = self.model.encode(texts, output_value="token_embeddings", convert_to_numpy=False)
        marks = self.model.tokenizer(texts, truncation=True, max_length=self.max_tokens,
                                     return_offsets_mapping=True)["offset_mapping"]
        return [TokenStates(s.float().numpy(), np.array(m, dtype=np.int64).reshape(-1, 2))
                for s, m in zip(states, marks)]


@contextlib.contextmanager
def quiet():
    """Silence the export's chatter (transformers' and optimum's log lines, tracer warnings, hints to
    save the model): our own one line says what happens. Errors still raise."""
    # Imported before the levels are set: transformers sets its own level when first imported, which
    # let "Some weights of the model checkpoint were not used" through.
    import transformers  # noqa: F401

    # "" is the root logger (every logger's warnings, ours too, for the export's few seconds):
    # onnxruntime's quantizer warns through it ("consider pre-processing").
    names = ("", "sentence_transformers", "transformers", "optimum", "torch", "onnxruntime")
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
