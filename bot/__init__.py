"""article-bot: the Discord side and the command line."""
