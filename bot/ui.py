"""Web chat (placeholder until the Gradio app lands): prints how to ask from the command line."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    print("The web chat is not built yet. Ask from the command line:\n"
          '  .venv/bin/bot ask "Who is Japan\'s defense minister?"', file=sys.stderr)
    return 0
