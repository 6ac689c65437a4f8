"""The marker: where, inside a quoted sentence, the answer to the question starts and ends.

It is the bundled MiniLM itself, read over the pair (question, sentence), with a two-number head
(start, end) per word piece and a low-rank fine-tune of its layers (LoRA), both learned by
`scripts/train_marker.py` on the tuning data only. The fine-tune ships as numbers in
`marker_lora.npz` (1.2 MB; numpy, never pickle), not as a second 90 MB model: on first use the
deltas are merged into the packaged model's weights and exported once to ONNX int8 in the cache,
beside the embedder's export, so answering runs onnxruntime alone (about 5 ms for one quote on two cores).

Why a model pass: hand-made cues alone (spans.py) found the exact answer span for 0.34 of answered
tuning questions, and could show a short answer for 0.21 of them at 72% right; with the marks among
the cues (and the quote's score in the decision to show), 0.48 and 0.48, each question read by a
marker learned on the other half of the tuning data (scripts/train_shortanswer/choose.py). The shipped
marker learned on both halves: on SQuAD's held-out articles it shows a short answer for 0.54 of
questions, where the marker of one half showed 0.47. All six blocks are needed: with the first
three only, 0.40 and 0.31. The marker also settles a close call between the first two sentences
(answer.settle_first).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.core.errors import BotError
from bot.core.settings import DEFAULT_MODEL
from bot.embed.backends import cache_entry, quiet, session_options
from bot.embed.embedding import model_dir

log = logging.getLogger(__name__)
LORA_FILE = Path(__file__).with_name("marker_lora.npz")
MAX_SPAN = 16  # word pieces in a short answer; longer SQuAD answers are clauses
MAX_PAIR = 192  # word pieces of question + sentence; the longer is cut first
MAX_MARGIN = 20.0  # marks beyond this say nothing more
# Every read on two threads, the reads of one question one after another (read_each). On two cores a
# pair took 7.0 ms on one thread, 4.5 on two, 3.0 with the threads spinning within the run
# (backends.session_options); with them spinning, two reads one after another took as long as two
# side by side on one thread each.
READ_THREADS = min(2, os.cpu_count() or 1)
# The weights file's one entry that is not a weight: the versions of the question sets it was learned
# from (scripts/train_marker.py), as JSON text.
TRAINED_ON = "trained_on"


@dataclass(frozen=True)
class Marks:
    """The marker's marks over one sentence's word pieces, each over its mark for "no answer here"
    (the [CLS] piece's): a span's margin is its first piece's start mark plus its last piece's end mark."""

    starts: np.ndarray  # character offsets of the pieces in the sentence
    ends: np.ndarray
    start: np.ndarray
    end: np.ndarray

    def margins(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """The margins of the character spans starts[k]:ends[k] (a span that splits no piece);
        -MAX_MARGIN for spans outside the pieces read (a sentence cut at MAX_PAIR)."""
        i = np.searchsorted(self.starts, starts)
        j = np.searchsorted(self.ends, ends, side="right") - 1
        ok = (i <= j) & (j < len(self.end)) & (i < len(self.start))
        out = np.full(len(starts), -MAX_MARGIN)
        out[ok] = self.start[i[ok]] + self.end[j[ok]]
        return np.clip(out, -MAX_MARGIN, MAX_MARGIN)

    def best(self) -> tuple[int, int, float]:
        """The marker's own best span of the sentence: characters start, end and its margin."""
        if not len(self.start):
            return 0, 0, -MAX_MARGIN
        pairs = self.start[:, None] + self.end[None, :]
        gap = np.arange(len(self.end))[None, :] - np.arange(len(self.start))[:, None]
        pairs[(gap < 0) | (gap >= MAX_SPAN)] = -np.inf
        i, j = np.unravel_index(int(np.argmax(pairs)), pairs.shape)
        return int(self.starts[i]), int(self.ends[j]), float(min(pairs[i, j], MAX_MARGIN))


def merged_model(source: Path, lora: dict[str, np.ndarray]):
    """The packaged model with the fine-tune's deltas added (W += scale * B @ A) and its head:
    a torch module from (ids, mask, types) to marks [batch, pieces, 2] (start, end)."""
    import torch
    from transformers import BertModel

    bert = BertModel.from_pretrained(str(source), add_pooling_layer=False)
    bert.encoder.layer = bert.encoder.layer[: int(lora["layers"])]  # the blocks it was fine-tuned with
    scale = float(lora["scale"])
    with torch.no_grad():
        for key in lora:
            if key.endswith(".A"):
                layer = bert.get_submodule(key.removesuffix(".A"))
                layer.weight += scale * torch.from_numpy(lora[key.removesuffix(".A") + ".B"] @ lora[key])
    head = torch.nn.Linear(bert.config.hidden_size, 2)
    head.load_state_dict({"weight": torch.from_numpy(lora["head.weight"]), "bias": torch.from_numpy(lora["head.bias"])})

    class Marking(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.bert, self.head = bert, head

        def forward(self, ids, mask, types):
            return self.head(self.bert(input_ids=ids, attention_mask=mask, token_type_ids=types).last_hidden_state)

    return Marking().eval()


def load_weights(weights: Path) -> dict[str, np.ndarray]:
    """The fine-tune's numbers, as float32 (never unpickled)."""
    with np.load(weights, allow_pickle=False) as stored:
        return {k: stored[k].astype(np.float32) for k in stored.files if k != TRAINED_ON}


def export_marker(source: Path, folder: Path, weights: Path) -> None:
    """Merge, export and quantize once; written beside the cache entry then renamed, so never half-done."""
    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers.optimizer import optimize_model

    log.info("Exporting the marker to ONNX int8 (once, cached in %s)...", folder)
    with cache_entry(folder) as work:
        lora = load_weights(weights)
        with quiet(), torch.no_grad():
            model = merged_model(source, lora)
            example = torch.ones((1, 8), dtype=torch.int64)
            torch.onnx.export(model, (example, example, example), str(work / "marker.onnx"), dynamo=False,
                              input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["marks"],
                              dynamic_axes={n: {0: "batch", 1: "pieces"} for n in
                                            ("input_ids", "attention_mask", "token_type_ids", "marks")},
                              opset_version=17)
            # Attention, GELU and layer norms fused into single operators: 2.6 ms a pair, not 3.1.
            config = model.bert.config
            optimize_model(str(work / "marker.onnx"), model_type="bert", num_heads=config.num_attention_heads,
                           hidden_size=config.hidden_size).save_model_to_file(str(work / "fused.onnx"))
            # Per channel: the marks of per-tensor int8 weights correlated 0.97 with the float
            # model's, per channel 0.995 (same speed).
            quantize_dynamic(str(work / "fused.onnx"), str(work / "marker_int8.onnx"), weight_type=QuantType.QInt8,
                             per_channel=True, extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
        for step in ("marker.onnx", "fused.onnx"):
            (work / step).unlink()
        shutil.copy(source / "tokenizer.json", work / "tokenizer.json")


class Marker:
    """The exported marker run by onnxruntime + tokenizers (no torch import)."""

    def __init__(self, folder: Path, threads: int = READ_THREADS):
        import onnxruntime
        from tokenizers import Tokenizer

        self.folder = folder
        self.session = onnxruntime.InferenceSession(str(folder / "marker_int8.onnx"), session_options(threads),
                                                    providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_PAIR)

    @staticmethod
    def for_model(source: Path, cache_dir: Path, weights: Path | None = None) -> "Marker":
        """The marker of the packaged model in `source`, exported into `cache_dir` if not yet there
        (`weights`: the shipped fine-tune unless named; training reads the markers of each half too)."""
        weights = weights or LORA_FILE
        if not weights.exists():
            raise BotError(f"the marker's weights are missing ({weights.name}); reinstall the package")
        stamp = hashlib.sha1(weights.read_bytes() + str(source.resolve()).encode()).hexdigest()[:12]
        folder = cache_dir / "onnx" / f"marker-{stamp}"
        if not (folder / "marker_int8.onnx").exists():
            export_marker(source, folder, weights)
        return Marker(folder)

    def read_each(self, question: str, sentences: list[str]) -> list[Marks]:
        """The marks of each sentence read alone, one after another: padded beside a longer pair a
        pair costs more, and its marks would change (int8 activations are quantized per batch).
        Side by side on one thread each, as before the threads spun within a run, 1,200 SQuAD
        questions took as long (p50 19.1 / 19.4 ms against 19.5 / 18.9 one after another), with a
        second session and a pool to keep."""
        return [marks for sentence in sentences for marks in self.read(question, [sentence])]

    def read(self, question: str, sentences: list[str]) -> list[Marks]:
        """The marks of each sentence, in the sentences' order."""
        if not sentences:
            return []
        encodings = self.tokenizer.encode_batch([(question, s) for s in sentences])
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask, types = np.zeros_like(ids), np.zeros_like(ids)
        for row, e in enumerate(encodings):
            ids[row, : len(e.ids)], mask[row, : len(e.ids)], types[row, : len(e.ids)] = e.ids, 1, e.type_ids
        marks = self.session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})[0]
        out = []
        for row, e in enumerate(encodings):
            inside = np.array([k for k, s in enumerate(e.sequence_ids) if s == 1], dtype=np.int64)
            offsets = np.array(e.offsets, dtype=np.int64).reshape(-1, 2)[inside]
            none = marks[row, 0]
            out.append(Marks(offsets[:, 0], offsets[:, 1], marks[row, inside, 0] - none[0],
                             marks[row, inside, 1] - none[1]))
        return out


def load_marker(cache_dir: Path) -> Marker | None:
    """The marker of the packaged model (whatever model embeds), exported once into `cache_dir`;
    None when it cannot be: then there are no short answers, and every answer is confident or
    declined as the refusal model decides."""
    try:
        return Marker.for_model(model_dir(DEFAULT_MODEL), cache_dir)
    except Exception as error:  # export tools missing, read-only cache, damaged file...
        log.warning("note: no short answers, the marker is unavailable (%s)", error)
        return None
