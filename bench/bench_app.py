"""The app as gunicorn serves it, plus one benchmark-only route: a bare page.

``/bench-bare`` returns fixed HTML as large as the form's first question page, through the
same Flask app (session cookie, security headers, logging), so journey latency can be read
as a ratio to what the framework and server cost for a page of that size. Never deployed.
"""

from __future__ import annotations

from flask import Response

from intake import create_app

app = create_app()
BARE = {"html": ""}


@app.get("/bench-bare")
def bench_bare():
    return Response(BARE["html"], mimetype="text/html")


with app.test_client() as _client:
    _size = len(_client.get("/questions/filer").data)
BARE["html"] = ("<!DOCTYPE html><html lang='en'><head><title>Bare</title></head><body><main><p>"
                + "x" * max(0, _size - 90) + "</p></main></body></html>")
