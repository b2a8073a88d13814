"""Settings and defaults for article-bot."""

from config.settings import Settings, get_settings

__all__ = ["Settings", "get_settings"]
