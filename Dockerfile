# The intake service: one image for the web server, the relay and the one-off commands, and
# a second (target "bot") for the chat's Rasa server and action server, which need Python 3.10.
# Build: docker build -t intake .  and  docker build --target bot -t intake-bot .
# Run: see docker-compose.yml.

# 1. The front end: GOV.UK Frontend compiled with the council's look.
FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY intake/static/src intake/static/src
RUN mkdir -p intake/static/build \
 && npx --no-install sass --load-path=node_modules --pkg-importer=node --style=compressed \
      --no-source-map --quiet-deps intake/static/src/app.scss intake/static/build/app.css \
 && cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js intake/static/build/

# 2. The chat bot: Rasa 3.6 and the action server (which imports the pure journey), with the
#    model trained into the image so every replica answers the same way.
FROM python:3.10-slim-bookworm AS bot
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PYTHONPATH=/app \
    RASA_TELEMETRY_ENABLED=false SQLALCHEMY_SILENCE_UBER_WARNING=1 TF_CPP_MIN_LOG_LEVEL=2
WORKDIR /app
COPY intake/bot/requirements.txt /tmp/bot-requirements.txt
RUN pip install -r /tmp/bot-requirements.txt
COPY intake intake
COPY translations translations
RUN pybabel compile -d translations \
 && rasa train --config intake/bot/config.yml --domain intake/bot/domain --data intake/bot/data \
      --out /app/models --fixed-model-name intake \
 && useradd --system --home /var/lib/rasa --create-home rasa
USER rasa
EXPOSE 5005 5055

# 3. The application.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    INTAKE_INSTANCE_PATH=/var/lib/intake INTAKE_ENV=production
WORKDIR /app
COPY pyproject.toml README.md ./
COPY intake intake
COPY translations translations
COPY easy_read easy_read
COPY --from=assets /build/intake/static/build intake/static/build
# Content-hashed names and brotli/gzip twins of every static file (intake/assets.py).
RUN pip install . \
 && python -m intake.assets \
 && pybabel compile -d translations \
 && useradd --system --home /var/lib/intake --create-home intake
USER intake
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"
# gunicorn stops gracefully on SIGTERM: workers finish the request in hand.
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "--workers", "3", "--graceful-timeout", "30", \
     "--access-logfile", "-", "--access-logformat", "%(m)s %(U)s %(s)s %(L)ss", \
     "intake:create_app()"]
