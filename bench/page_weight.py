"""Page weight: every public page with everything it loads, in gzip-compressed bytes.

Walks the web form as a young person would (every question page, check your answers, the
confirmation and the help pages), collects each page's HTML and the stylesheets, scripts,
icons and images it references (and the modules those scripts import), and reports the
gzip size of each. Target: every public page at most 60 KB gzip including its assets.

    .venv/bin/python bench/page_weight.py            # table
    .venv/bin/python bench/page_weight.py --json     # figures as JSON
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_BYTES = 60 * 1024
ANSWERS = {
    "filer": "young_person", "safe_now": "yes", "young_person_status": "in_care",
    "young_person_age": "14", "topics": "social_worker", "event_within_12_months": "yes",
    "ongoing_proceedings": "none", "description": "My social worker never visits me.",
    "desired_outcome": "Regular visits.", "contact_name": "Sam", "contact_method": "text",
    "contact_phone": "07700 900982",
}
ASSET = re.compile(r'<(?:link[^>]+href|script[^>]+src|img[^>]+src)="(/static/[^"]+)"')
IMPORT = re.compile(r"""import\s[^'"]*['"](\./[^'"]+)['"]""")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def assets_of(client, html: str, cache: dict) -> dict[str, int]:
    """Every /static file the page loads, following ES module imports."""
    found: dict[str, int] = {}
    queue = ASSET.findall(html)
    while queue:
        url = queue.pop()
        if url in found:
            continue
        if url not in cache:
            body = client.get(url).get_data()
            cache[url] = body
        body = cache[url]
        found[url] = gz(body)
        if url.endswith(".js"):
            base = url.rsplit("/", 1)[0]
            queue += [f"{base}/{m[2:]}" for m in IMPORT.findall(body.decode("utf-8", "replace"))]
    return found


def measure() -> list[dict]:
    from cryptography.fernet import Fernet

    from intake import create_app
    from intake.extensions import db
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/w.db", "WTF_CSRF_ENABLED": False,
                          "INTAKE_DATA_KEYS": [Fernet.generate_key().decode()], "SECRET_KEY": "bench"},
                         instance_path=tmp)
        with app.app_context():
            db.create_all()
        client = app.test_client()
        cache: dict = {}
        pages: list[tuple[str, str]] = []

        def take(url: str) -> str:
            html = client.get(url).get_data(as_text=True)
            pages.append((url, html))
            return html

        take("/")
        url = "/questions/filer"
        while url.startswith("/questions/"):
            html = take(url)
            names = set(re.findall(r'name="([a-z0-9_]+)"', html)) - {"csrf_token"}
            url = client.post(url, data={n: ANSWERS[n] for n in names if n in ANSWERS}).headers["Location"]
        take("/check")
        client.post("/check")
        for extra in ("/confirmation", "/get-help", "/again", "/start-again", "/equality",
                      "/privacy", "/online-safety", "/cookies", "/accessibility"):
            take(extra)
        # The chat page (its script and styles are the same whether or not Rasa answers) and
        # Easy Read, whose pages carry a picture for every sentence.
        take("/chat")
        take("/easy-read/")
        take("/easy-read/questions/filer")
        results = []
        for url, html in pages:
            assets = assets_of(client, html, cache)
            total = gz(html.encode()) + sum(assets.values())
            results.append({"page": url, "html_gzip": gz(html.encode()), "assets_gzip": sum(assets.values()),
                            "total_gzip": total, "within_target": total <= TARGET_BYTES,
                            "assets": assets})
        return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = measure()
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"{'page':<36} {'HTML':>8} {'assets':>8} {'total':>8}  (gzip bytes; target {TARGET_BYTES})")
        for r in results:
            mark = "" if r["within_target"] else "  OVER"
            print(f"{r['page']:<36} {r['html_gzip']:>8} {r['assets_gzip']:>8} {r['total_gzip']:>8}{mark}")
        print("assets:", ", ".join(f"{k} {v}" for k, v in results[0]["assets"].items()))
    sys.exit(0 if all(r["within_target"] for r in results) else 1)


if __name__ == "__main__":
    main()
