"""What a build records about itself, as named records: read and written here and nowhere else.

The index folder keeps it as `manifest.json`, PostgreSQL as the `builds.manifest` jsonb column; both
go through `Manifest.from_json` / `as_json`. Reading checks the shape the rest of the code relies on,
so a wrong manifest is damage (ValueError, which the stores turn into IndexDamaged), not a crash.
Keys this version does not know are kept as they are (`extra`), so a manifest round-trips.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.errors import IndexMismatch


@dataclass(frozen=True)
class ModelInfo:
    """The embedding model a build's vectors come from: another id or dimension is refused."""

    id: str
    dim: int
    backend: str = ""
    max_tokens: int = 0

    def as_json(self) -> dict:
        return {"id": self.id, "dim": self.dim, "backend": self.backend, "max_tokens": self.max_tokens}


@dataclass(frozen=True)
class DocumentInfo:
    """One document of a build: its content hash (ingest/files.py's content_hash: of the file's
    bytes, and of its kind for the kinds that are extracted), size, title, chunk count,
    and for a PDF where each page starts in its text."""

    sha256: str
    size: int = 0
    title: str = ""
    chunks: int = 0
    pages: tuple[int, ...] = ()

    def as_json(self) -> dict:
        out = {"sha256": self.sha256, "size": self.size, "title": self.title, "chunks": self.chunks}
        return {**out, "pages": list(self.pages)} if self.pages else out


@dataclass(frozen=True)
class Counts:
    documents: int = 0
    chunks: int = 0
    sentences: int = 0

    def as_json(self) -> dict:
        return {"documents": self.documents, "chunks": self.chunks, "sentences": self.sentences}


@dataclass(frozen=True)
class Manifest:
    seeds: str  # the folder it was built from (absolute): `bot index` rebuilds from it
    model: ModelInfo
    chunking: dict  # splitter name and sizes (indexing.chunking_params): rows are reused only when equal
    documents: dict[str, DocumentInfo]  # in row order
    counts: Counts = Counts()
    built_at: str = ""
    format: int | None = None  # the store's own format version (store.FORMAT_VERSION, pg schema)
    dense_index: str = ""  # which dense index holds the vectors (vectors.py, pgvector)
    store: str = ""  # "postgresql" for a build kept in PostgreSQL
    files: dict[str, str] = field(default_factory=dict)  # index folder: file -> sha256
    refusal: dict | None = None  # where off-topic questions fall on this build, when measured
    extra: dict = field(default_factory=dict)  # keys of other versions and tools, kept as they are

    @staticmethod
    def new(seeds: str, model: ModelInfo, chunking: dict, documents: dict[str, DocumentInfo]) -> Manifest:
        """The manifest of a build being written now (each store adds format, files, dense index)."""
        return Manifest(seeds, model, chunking, documents,
                        Counts(len(documents), sum(d.chunks for d in documents.values())),
                        built_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"))

    def as_json(self) -> dict:
        out = {"format": self.format, "built_at": self.built_at, "seeds": self.seeds, "model": self.model.as_json(),
               "chunking": self.chunking, "dense_index": self.dense_index, "store": self.store,
               "counts": self.counts.as_json(),
               "documents": {source: info.as_json() for source, info in self.documents.items()},
               "files": self.files, "refusal": self.refusal}
        unset = {"format": None, "dense_index": "", "store": "", "files": {}, "refusal": None}
        return {**{k: v for k, v in out.items() if k not in unset or v != unset[k]}, **self.extra}

    @staticmethod
    def from_json(data) -> Manifest:
        """The manifest in `data` (parsed JSON); ValueError naming what is wrong with its shape."""
        if not isinstance(data, dict):
            raise ValueError("not a manifest object")
        model = data.get("model")
        if not isinstance(model, dict) or not isinstance(model.get("id"), str) or type(model.get("dim")) is not int:
            raise ValueError("no model record")
        documents = data.get("documents", {})
        files = data.get("files", {})
        if not isinstance(documents, dict) or not isinstance(files, dict):
            raise ValueError("documents and files must be objects")
        for name, digest in files.items():
            if not isinstance(digest, str) or name.startswith("/") or ".." in name.split("/"):
                raise ValueError(f"bad file entry {name!r}")
        counts = data.get("counts") if isinstance(data.get("counts"), dict) else {}
        known = {"format", "built_at", "seeds", "model", "chunking", "dense_index", "store", "counts",
                 "documents", "files", "refusal"}
        return Manifest(
            seeds=str(data.get("seeds") or ""),
            model=ModelInfo(model["id"], model["dim"], str(model.get("backend", "")), int(model.get("max_tokens", 0))),
            chunking=data.get("chunking") if isinstance(data.get("chunking"), dict) else {},
            documents={source: _document(source, info) for source, info in documents.items()},
            counts=Counts(*(int(counts.get(k, 0)) for k in ("documents", "chunks", "sentences"))),
            built_at=str(data.get("built_at", "")),
            format=data.get("format"),
            dense_index=str(data.get("dense_index", "")),
            store=str(data.get("store", "")),
            files=dict(files),
            refusal=data.get("refusal"),
            extra={k: v for k, v in data.items() if k not in known},
        )


def _document(source: str, info) -> DocumentInfo:
    pages = info.get("pages", []) if isinstance(info, dict) else None
    if not isinstance(info, dict) or not isinstance(info.get("sha256"), str) or not isinstance(pages, list) \
            or not all(type(p) is int for p in pages) or pages != sorted(pages) or (pages and pages[0] != 0):
        raise ValueError(f"bad document entry {source!r}")
    try:
        return DocumentInfo(info["sha256"], int(info.get("size", 0)), str(info.get("title", "")),
                            int(info.get("chunks", 0)), tuple(pages))
    except (TypeError, ValueError):
        raise ValueError(f"bad document entry {source!r}") from None


def check_model(index_dir: Path | str, manifest: Manifest, model_id: str | None, dim: int | None = None,
                where: str | None = None) -> None:
    """Refuse an index built with another embedding model, or whose vectors have another size.
    `where` is the option that names the store in the fixing command (default `--index DIR`)."""
    built_id, built_dim = manifest.model.id, manifest.model.dim
    if (model_id is None or built_id == model_id) and (dim is None or built_dim == dim):
        return
    given = f"{model_id!r}" + (f" ({dim} dimensions)" if dim is not None else "")
    raise IndexMismatch(
        f"index was built with model {built_id!r} ({built_dim} dimensions) but model {given} is "
        f"configured; run `bot index --full {where or f'--index {index_dir}'} --model {model_id}` to rebuild it "
        f"for this model, or use --model {built_id}")
