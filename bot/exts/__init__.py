"""One extension per feature; each has a ``setup(bot)``."""
