"""Static files as a phone should receive them: built once with their content's hash in
the name, precompressed (brotli and gzip), and served with a year's ``immutable`` cache.

``intake assets`` (run by ``make assets`` after Sass) copies each file in ``SOURCES`` to
``static/build/<name>.<hash>.<ext>``, writes ``<that>.br`` and ``<that>.gz`` beside it, and
records the names in ``static/build/manifest.json``. Templates ask for ``asset("app.js")``
and get the hashed URL. WhiteNoise serves the files ahead of Flask, choosing the ``.br`` or
``.gz`` twin the browser accepts (with ``Vary: Accept-Encoding``), so no request pays for
compression. A changed file gets a new name, so caching it for a year is safe.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path

import brotli
from flask import Flask, url_for
from whitenoise import WhiteNoise

STATIC = Path(__file__).parent / "static"
BUILD = STATIC / "build"
MANIFEST = BUILD / "manifest.json"
#: What pages load, relative to ``static/`` (Sass has already written build/app.css).
SOURCES = ("build/app.css", "build/govuk-frontend.min.js", "app.js", "chat.js",
           "easy-read-listen.js", "public-idle.js", "staff.js", "favicon.svg")
HASHED = re.compile(r"\.[0-9a-f]{12}\.\w+$")
YEAR = 365 * 24 * 3600
# `import ... from './x.js'` in our modules: rewritten to the hashed name of x.js.
IMPORT = re.compile(r"""(\bfrom\s*["'])\./([\w./-]+)(["'])""")


def _hashed_name(name: str, content: bytes) -> str:
    path = Path(name)
    digest = hashlib.sha256(content).hexdigest()[:12]
    return f"build/{path.stem}.{digest}{path.suffix}"


def _write(target: Path, content: bytes) -> None:
    """The file and its compressed twins; gzip with no timestamp, so builds repeat exactly."""
    target.write_bytes(content)
    (target.parent / (target.name + ".gz")).write_bytes(gzip.compress(content, 9, mtime=0))
    (target.parent / (target.name + ".br")).write_bytes(brotli.compress(content, quality=11))


def build(static: Path = STATIC) -> dict[str, str]:
    """Write the hashed, compressed copies and the manifest; return the manifest.

    Files are done in ``SOURCES`` order, and a module's imports are rewritten to names
    already hashed (govuk-frontend.min.js before app.js), so the hash covers the rewrite.
    """
    build_dir = static / "build"
    for old in build_dir.glob("*"):
        if HASHED.search(old.name.removesuffix(".gz").removesuffix(".br")):
            old.unlink()
    manifest: dict[str, str] = {}
    for name in SOURCES:
        content = (static / name).read_bytes()
        if name.endswith(".js"):
            base = str(Path(name).parent)

            def rewrite(match, base=base):
                wanted = str(Path(base, match.group(2))).removeprefix("./")
                hashed = manifest.get(wanted)
                if hashed is None:
                    return match.group(0)
                return f"{match.group(1)}/static/{hashed}{match.group(3)}"

            content = IMPORT.sub(rewrite, content.decode("utf-8")).encode("utf-8")
        manifest[name] = _hashed_name(name, content)
        _write(static / manifest[name], content)
    (build_dir / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def _immutable(path: str, url: str) -> bool:
    return bool(HASHED.search(url))


def _nosniff(headers, path: str, url: str) -> None:
    headers["X-Content-Type-Options"] = "nosniff"


def install(app: Flask) -> None:
    """Serve ``static/`` through WhiteNoise and give templates ``asset(name)``."""
    manifest = json.loads(MANIFEST.read_text()) if MANIFEST.is_file() else {}
    app.extensions["intake_assets"] = manifest
    app.wsgi_app = WhiteNoise(app.wsgi_app, root=str(STATIC), prefix="static/",
                              max_age=3600, immutable_file_test=_immutable,
                              add_headers_function=_nosniff, allow_all_origins=False)

    def asset(name: str) -> str:
        hashed = manifest.get(name)
        return f"/static/{hashed}" if hashed else url_for("static", filename=name)

    app.jinja_env.globals["asset"] = asset


if __name__ == "__main__":  # `python -m intake.assets`, from `make assets` and the Dockerfile
    for source, hashed in build().items():
        print(f"{source} -> static/{hashed} (+ .br, .gz)")
