"""One log format for everything the service writes: a JSON object per line on stdout.

uvicorn's own lines, the app's, the access log and the server's limits all go through
`JsonLines`, so a log collector parses one shape (`ts`, `level`, `logger`, `message`, the access
log's fields, and `exception` with the traceback where there is one).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

FIELDS = "fields"
"""The `extra` key of a record whose fields go into the line itself (`extra={"fields": {...}}`)."""


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(getattr(record, FIELDS, None) or {})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def log_config(level: str) -> dict[str, Any]:
    """A `logging.config.dictConfig` for the process: every logger, uvicorn's included, to stdout
    as JSON lines (uvicorn's `log_config` takes it as it is)."""
    handler = {"class": "logging.StreamHandler", "formatter": "json_lines", "stream": "ext://sys.stdout"}
    own = {"handlers": ["stdout"], "level": level.upper(), "propagate": False}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json_lines": {"()": f"{__name__}.JsonLines"}},
        "handlers": {"stdout": handler},
        "loggers": {"uvicorn": own, "uvicorn.error": {"level": level.upper()}, "uvicorn.access": own, "api": own},
        "root": {"handlers": ["stdout"], "level": "WARNING"},
    }
