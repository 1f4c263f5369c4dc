"""Logs as JSON lines, one event per line, for a council's log collector.

What goes in: time, level, logger, message, and for requests the method and the path
without its query string. What never goes in: anything a person typed, names, contact
details, or tokens. Code logs ids and counts only; this formatter adds nothing else.
"""

from __future__ import annotations

import json
import logging
import sys

from flask import has_request_context, request


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if has_request_context():
            entry["method"] = request.method
            entry["path"] = request.path  # never the query string
        if record.exc_info:
            entry["error"] = record.exc_info[0].__name__ if record.exc_info[0] else "error"
        return json.dumps(entry, ensure_ascii=False)


def configure(app) -> None:
    """JSON to stderr when INTAKE_LOG_FORMAT=json (the default in production)."""
    if app.config.get("INTAKE_LOG_FORMAT") != "json":
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    app.logger.handlers[:] = []
    app.logger.propagate = True
