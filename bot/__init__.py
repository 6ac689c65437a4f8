"""seedbot: ask questions about a folder of articles; every answer is quoted verbatim from them.

    import bot

    settings = bot.Settings.from_env(seeds_dir="seeds", index_dir="index")
    bot.build(settings)  # incremental: unchanged articles keep their vectors
    with bot.Engine(settings) as engine:
        answer = engine.ask("Who is Japan's defense minister?")
        print(answer.text, [(q.source, q.start, q.end) for q in answer.quotes])

The few names below are the library; the packages under it are the stages of the pipeline
(README: the packages). They are imported on first use, so importing one stage (a reader worker,
a Ray worker) does not load the others.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_PUBLIC = {
    "Settings": "bot.core.settings",  # every option: defaults, BOT_* variables, flags
    "BotError": "bot.core.errors",  # what goes wrong, in one line that names the fix
    "build": "bot.answer.building",  # bring the index in line with the seeds folder
    "BuildReport": "bot.index.builder",
    "Engine": "bot.answer.engine",  # one loaded index answering questions
    "Answer": "bot.answer.compose",
    "Quote": "bot.answer.compose",
    "Embedder": "bot.embed.embedding",
}
__all__ = list(_PUBLIC)


def __getattr__(name: str):
    if name not in _PUBLIC:
        raise AttributeError(f"module 'bot' has no attribute {name!r}")
    value = getattr(importlib.import_module(_PUBLIC[name]), name)
    globals()[name] = value
    return value
