"""``python -m bot``: the command line (ingest, ask, entities, articles, chat, eval, run)."""

from bot.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
