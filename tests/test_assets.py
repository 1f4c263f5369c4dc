"""What a phone downloads: every static file is served under a content-hashed name, from a
file compressed at build time (brotli or gzip, as the browser accepts), cached for a year
as immutable; pages and API answers are compressed by the app; and the CSS holds every
GOV.UK class the templates use (it is built from the components we use, not all of them)."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import brotli
import pytest

from intake import assets

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "intake" / "templates"


@pytest.fixture(scope="module")
def manifest() -> dict[str, str]:
    return json.loads(assets.MANIFEST.read_text())


def test_every_source_has_a_hashed_copy_whose_twins_hold_the_same_bytes(manifest):
    assert sorted(manifest) == sorted(assets.SOURCES)
    for source, hashed in manifest.items():
        path = assets.STATIC / hashed
        content = path.read_bytes()
        assert assets.HASHED.search(hashed), hashed
        assert gzip.decompress((path.parent / (path.name + ".gz")).read_bytes()) == content
        assert brotli.decompress((path.parent / (path.name + ".br")).read_bytes()) == content


def test_a_build_repeats_exactly(tmp_path, manifest):
    for source in assets.SOURCES:
        (tmp_path / source).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / source).write_bytes((assets.STATIC / source).read_bytes())
    first = assets.build(tmp_path)
    gz = (tmp_path / (first["app.js"] + ".gz")).read_bytes()
    assert assets.build(tmp_path) == first == manifest
    assert (tmp_path / (first["app.js"] + ".gz")).read_bytes() == gz


def test_a_module_imports_the_hashed_name_of_what_it_imports(manifest):
    app_js = (assets.STATIC / manifest["app.js"]).read_text()
    assert f"'/static/{manifest['build/govuk-frontend.min.js']}'" in app_js
    assert "./build/" not in app_js


@pytest.mark.parametrize("accepts, encoding, suffix", [
    ("br, gzip, deflate", "br", ".br"), ("gzip", "gzip", ".gz"), ("", None, "")])
def test_every_static_file_is_served_precompressed_with_a_years_immutable_cache(
        client, manifest, accepts, encoding, suffix):
    for hashed in manifest.values():
        response = client.get(f"/static/{hashed}", headers={"Accept-Encoding": accepts})
        assert response.status_code == 200, hashed
        assert response.headers.get("Content-Encoding") == encoding, hashed
        assert response.data == (assets.STATIC / (hashed + suffix)).read_bytes(), hashed
        cache = response.headers["Cache-Control"]
        assert "immutable" in cache and int(re.search(r"max-age=(\d+)", cache).group(1)) >= 31536000
        assert "Accept-Encoding" in response.headers["Vary"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/", "/easy-read/", "/chat", "/staff/sign-in", "/questions/filer"])
def test_pages_load_only_hashed_static_files(client, path, manifest):
    page = client.get(path, follow_redirects=True).get_data(as_text=True)
    loaded = re.findall(r'(?:src|href)="(/static/[^"]+)"', page)
    assert loaded, path
    assert all(url.removeprefix("/static/") in manifest.values() for url in loaded), loaded


def test_pages_and_api_answers_are_compressed_by_the_app(client):
    page = client.get("/", headers={"Accept-Encoding": "br, gzip"})
    assert page.headers["Content-Encoding"] == "br" and "Accept-Encoding" in page.headers["Vary"]
    assert "<html" in brotli.decompress(page.data).decode()
    assert client.get("/", headers={"Accept-Encoding": "gzip"}).headers["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in client.get("/").headers
    assert client.get("/api/v1/openapi.json",
                      headers={"Accept-Encoding": "br"}).headers["Content-Encoding"] == "br"


def _template_classes() -> set[str]:
    found = set()
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for value in re.findall(r"""class(?:es)?['"]?\s*[:=]\s*['"]([^'"{]+)""", text):
            found.update(c for c in value.split() if c.startswith("govuk-"))
    return found


def _styles(css: str, name: str) -> bool:
    return re.search(re.escape("." + name.replace("!", "\\!")) + r"[\s{,:.\[)>+~]", css) is not None


def test_the_css_has_every_govuk_class_the_templates_use(manifest):
    """Every class a template uses that GOV.UK Frontend styles is styled by our trimmed CSS
    (a few, like govuk-table__row, have no styles of their own anywhere)."""
    css = (assets.STATIC / manifest["build/app.css"]).read_text()
    everything = (ROOT / "node_modules" / "govuk-frontend" / "dist" / "govuk" /
                  "govuk-frontend.min.css").read_text()
    classes = _template_classes()
    assert len(classes) > 30
    missing = [c for c in sorted(classes)
               if (_styles(everything, c) or c.startswith("govuk-!")) and not _styles(css, c)]
    assert missing == [], f"add these to intake/static/src/ (app.scss or _overrides.scss): {missing}"
