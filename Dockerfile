# syntax=docker/dockerfile:1
# clinic-content-api: the JSON API with the shipped content and catalogues baked in.
# Mount other content/locales over /app/content and /app/locales to serve those instead.
# The documentation page's Swagger UI, from npm at the version and integrity of its lock file.
FROM node:22-slim AS docs
WORKDIR /docs
COPY api/docs/package.json api/docs/package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM python:3.11-slim AS build
WORKDIR /src
COPY requirements/serve.txt ./requirements/
# Every dependency at its locked version and hash; the build backend from the same lock.
RUN pip wheel --no-cache-dir --wheel-dir /wheels --require-hashes -r requirements/serve.txt \
 && pip install --no-cache-dir --no-index --find-links /wheels --require-hashes -r requirements/serve.txt
COPY pyproject.toml README.md ./
COPY api ./api
COPY --from=docs /docs/node_modules/swagger-ui-dist ./api/docs/node_modules/swagger-ui-dist
RUN pip wheel --no-cache-dir --no-deps --no-build-isolation --wheel-dir /wheels .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    CLINIC_CONTENT_HOST=0.0.0.0 \
    CLINIC_CONTENT_PORT=8000 \
    CLINIC_CONTENT_WORKERS=2 \
    CLINIC_CONTENT_CONTENT_DIR=/app/content \
    CLINIC_CONTENT_LOCALES_DIR=/app/locales \
    CLINIC_CONTENT_STATE_DIR=/app/state
RUN groupadd --system --gid 10001 clinic \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin clinic
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir --no-index --find-links /wheels /wheels/clinic_content_api-*.whl && rm -rf /wheels
WORKDIR /app
COPY --chown=10001:10001 content ./content
COPY --chown=10001:10001 locales ./locales
RUN mkdir -p /app/state && chown 10001:10001 /app/state
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f\"http://127.0.0.1:{os.environ['CLINIC_CONTENT_PORT']}/healthz\", timeout=2)"]
CMD ["clinic-content", "serve"]
