"""The few exceptions the bot raises on purpose.

Each message says what went wrong *and* the command that fixes it, because the CLI and the web app
show the message as it is, on one line, instead of a traceback.
"""


class BotError(Exception):
    """Base class: anything the user can act on. The CLI prints ``str(error)`` and exits non-zero."""

    exit_code = 1


class IndexMissing(BotError):
    """No index has been built in the folder yet."""


class IndexDamaged(BotError):
    """A file of the index is missing, truncated or does not match its recorded sha256."""


class IndexMismatch(BotError):
    """The index was built with another embedding model, dimension or format version."""


class IndexBusy(BotError):
    """Another rebuild holds the lock on this index folder."""

    exit_code = 3


class NothingToIndex(BotError):
    """The seeds folder has no readable article: the previous index is left as it was."""

    exit_code = 2


class BadQuestion(BotError):
    """An empty or over-long question, or a malformed line on standard input."""


ARTICLE_KINDS = ("txt", "md", "pdf", "html", "htm", "docx")  # a folder holding these is articles


def missing_hint(index_dir) -> str:
    """Why there is no index in `index_dir`, and the command that builds one. It never suggests
    building inside a folder of articles or inside an index's own build folders."""
    from pathlib import Path

    folder = Path(index_dir)
    if folder.name == "current" or folder.parent.name == "builds":
        parent = folder.parent if folder.name == "current" else folder.parent.parent
        return f"{folder} is a build inside the index folder {parent}: pass `--index {parent}`"
    if folder.is_file():
        return f"{folder} is a file, not an index folder: pass the folder `bot index` built (`--index`, default: index)"
    articles = [p for kind in ARTICLE_KINDS for p in folder.glob(f"*.{kind}") if p.name.lower() != "readme.md"]
    if articles:  # (a fresh clone's index/ holds only its README.md)
        return (f"{folder} holds articles, not an index: pass it as `--seeds {folder}`, with `--index` "
                f"naming another folder for the index (default: index)")
    return (f"no index in {folder}: pass `--index` the folder `bot index` built, or build one with "
            f"`bot index --seeds FOLDER --index {folder}` (FOLDER: your articles)")


def fix_hint(index_dir) -> str:
    """The one command that rebuilds a broken or mismatched index from scratch."""
    return f"run `bot index --full --index {index_dir}` to rebuild it"
