"""Learn the marker (bot/marker_lora.npz): where in a sentence the answer starts and ends.

    python scripts/train_marker.py [--work /tmp/seedbot-short] [--eval ../shared/eval] [--fold 0|1]

Reads the tuning questions that scripts/train_short_answer.py collects (--work/examples.jsonl):
SQuAD v1.1 dev articles 00-23, the news dev set's January-June weeks, the new-genre folder's
tuning half and users a to y's folders, in two folds (even and odd articles / months / users).
train_short_answer.py learns one marker on each fold, so that it can learn how far to trust the
marks on questions their marker never saw, and the shipped one on both.
Each question gives pairs (question, sentence) for its gold sentence and its first three quotes (a
declined question its three closest, a near-topic one's only "not here" pairs); the target is the
first gold answer string found in the sentence, or [CLS] for "not here".

The packaged MiniLM is frozen; what is learned is a low-rank update (LoRA, rank RANK) of every
linear layer in its first LAYERS transformer blocks and a start/end head: 0.66 M numbers, 1.2 MB
as float16. About 12 minutes a fold on two cores. Deterministic for a given torch build (seeded, one thread order).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from training_data import FOLDER_QUESTIONS, USER_QUESTIONS, data_versions  # noqa: E402

from bot.core.settings import DEFAULT_MODEL  # noqa: E402
from bot.embed.embedding import model_dir  # noqa: E402
from bot.shortanswer.marker import LORA_FILE, MAX_PAIR, TRAINED_ON  # noqa: E402

RANK, EPOCHS, LEARNING_RATE, BATCH = 16, 2, 5e-4, 32
# Blocks of the model kept (from the first). Each costs about 0.5 ms a question; with 3 a short
# answer was shown for 0.31 of answered tuning questions, with 4 for 0.43, with all 6 for 0.49.
LAYERS = 6
# The new-genre folder's pairs count this many times: 210 questions beside 6,065 from SQuAD and
# news (users a to y's 1,596 questions, added later, count once).
FOLDER_REPEAT = 3
TARGETS = ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
           "intermediate.dense", "output.dense")


def pairs_of(rows: list[dict]) -> list[tuple[str, str, tuple[int, int] | None]]:
    """(question, sentence, answer's characters in it or None), each sentence once per question."""
    out = []
    for row in rows:
        for sentence in dict.fromkeys(row["gold"] + row["quotes"]):
            at = next(((k, k + len(a)) for a in sorted(row["answers"], key=len)
                       if (k := sentence.find(a)) >= 0), None)
            out.append((row["question"], sentence, at))
    return out


def train(rows: list[dict], out: Path = LORA_FILE, data: dict[str, str] | None = None) -> None:
    """Learn a marker on `rows` into `out`, naming `data` (the question sets' versions) in it."""
    import torch
    from transformers import AutoTokenizer, BertModel

    torch.manual_seed(0)
    random.seed(0)
    source = model_dir(DEFAULT_MODEL)
    tokenizer = AutoTokenizer.from_pretrained(str(source))
    bert = BertModel.from_pretrained(str(source), add_pooling_layer=False)
    bert.encoder.layer = bert.encoder.layer[:LAYERS]
    bert.requires_grad_(False)

    class LoRA(torch.nn.Module):
        def __init__(self, base: torch.nn.Linear):
            super().__init__()
            self.base = base
            self.A = torch.nn.Parameter(torch.randn(RANK, base.in_features) * 0.01)
            self.B = torch.nn.Parameter(torch.zeros(base.out_features, RANK))

        def forward(self, x):
            return self.base(x) + (x @ self.A.T @ self.B.T) * SCALE

    SCALE = 2.0  # alpha / rank with alpha = 2 * rank
    adapters = {}
    for n, block in enumerate(bert.encoder.layer):
        for target in TARGETS:
            parent, _, leaf = target.rpartition(".")
            owner = block.get_submodule(parent)
            adapters[f"encoder.layer.{n}.{target}"] = adapter = LoRA(getattr(owner, leaf))
            setattr(owner, leaf, adapter)
    head = torch.nn.Linear(bert.config.hidden_size, 2)
    params = [p for a in adapters.values() for p in (a.A, a.B)] + list(head.parameters())
    optimizer = torch.optim.AdamW(params, lr=LEARNING_RATE, weight_decay=0.01)
    examples = pairs_of(rows + [r for r in rows if r["dataset"] == "folder"] * (FOLDER_REPEAT - 1))
    steps = EPOCHS * -(-len(examples) // BATCH)
    schedule = torch.optim.lr_scheduler.LambdaLR(  # 10% warm-up, then linear decay
        optimizer, lambda i: min(1.0, (i + 1) / (0.1 * steps)) * max(0.0, (steps - i) / steps))
    print(f"marker: {len(examples)} pairs, {sum(a is not None for *_, a in examples)} with the answer, "
          f"{sum(p.numel() for p in params)} numbers to learn")
    started, step = time.time(), 0
    for _ in range(EPOCHS):
        random.shuffle(examples)
        for k in range(0, len(examples), BATCH):
            batch = examples[k : k + BATCH]
            x = tokenizer([q for q, _, _ in batch], [s for _, s, _ in batch], return_tensors="pt", padding=True,
                          truncation=True, max_length=MAX_PAIR, return_offsets_mapping=True)
            first, last = targets(x, batch)
            marks = head(bert(input_ids=x["input_ids"], attention_mask=x["attention_mask"],
                              token_type_ids=x["token_type_ids"]).last_hidden_state)
            marks = marks.masked_fill((x["attention_mask"] == 0)[..., None], -1e4)
            loss = (torch.nn.functional.cross_entropy(marks[..., 0], first)
                    + torch.nn.functional.cross_entropy(marks[..., 1], last)) / 2
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            step += 1
            if step % 100 == 0:
                print(f"  step {step}/{steps} loss {loss.item():.3f} ({time.time() - started:.0f}s)", flush=True)
    weights = {"scale": np.array(SCALE, dtype=np.float32), "layers": np.array(LAYERS),
               "head.weight": head.weight.detach().numpy(), "head.bias": head.bias.detach().numpy()}
    if data:
        weights[TRAINED_ON] = np.array(json.dumps(data, sort_keys=True))
    for name, adapter in adapters.items():
        weights[f"{name}.A"] = adapter.A.detach().numpy().astype(np.float16)
        weights[f"{name}.B"] = adapter.B.detach().numpy().astype(np.float16)
    np.savez_compressed(out, **weights)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB) in {time.time() - started:.0f}s")


def targets(x, batch) -> tuple:
    """The word pieces where each pair's answer starts and ends; 0 ([CLS]) when it is not there."""
    import torch

    first, last = [], []
    for row, (_, _, at) in enumerate(batch):
        a = b = 0
        if at is not None:
            for k, (part, (s, e)) in enumerate(zip(x.sequence_ids(row), x["offset_mapping"][row].tolist())):
                if part == 1 and s <= at[0] < e and not a:
                    a = k
                if part == 1 and s < at[1] <= e:
                    b = k
            if not (a and b and a <= b):
                a = b = 0
        first.append(a)
        last.append(b)
    return torch.tensor(first), torch.tensor(last)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/seedbot-short"))
    parser.add_argument("--eval", type=Path, default=Path("../shared/eval"), help="where the question sets are")
    parser.add_argument("--out", type=Path, default=LORA_FILE)
    parser.add_argument("--fold", type=int, choices=(0, 1), help="learn on this fold only (default: both)")
    args = parser.parse_args()
    rows = [json.loads(line) for line in (args.work / "examples.jsonl").read_text().splitlines()]
    train([r for r in rows if args.fold is None or r["fold"] == args.fold], args.out,
          data_versions(args.eval, FOLDER_QUESTIONS, *USER_QUESTIONS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
