"""Entry point for the web chat: `python app.py` (the Hugging Face Spaces convention)."""

from bot.web.serve import main

if __name__ == "__main__":
    raise SystemExit(main())
