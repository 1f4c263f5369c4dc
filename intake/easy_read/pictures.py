"""Copying the Easy Read pictures from the OpenMoji package (pure: no Flask).

Only the pictures named in ``easy_read/pictures/pictures.toml`` are shipped. They are
copied from ``node_modules/openmoji`` (an npm devDependency) and committed, so running
the service needs no Node; a council adds a picture by adding an entry and running
``intake easy-read pictures``.
"""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from intake.easy_read.content import PICTURES, read_pictures

SVG = "{http://www.w3.org/2000/svg}"


def words_in(svg: Path) -> list[str]:
    """Any text drawn as text in a picture (Easy Read pictures must have none)."""
    root = ET.parse(svg).getroot()
    return ["".join(e.itertext()).strip() for e in root.iter()
            if e.tag in (f"{SVG}text", "text", f"{SVG}textPath")]


def copy_from_openmoji(content_dir: Path, openmoji_dir: Path) -> tuple[list[str], list[str]]:
    """Copy every listed picture; return (copied, shipped files no longer listed)."""
    folder = content_dir / PICTURES
    listed = read_pictures(folder / "pictures.toml")
    copied = []
    for name, picture in listed.items():
        source = openmoji_dir / "color" / "svg" / f"{picture.openmoji}.svg"
        if not source.is_file():
            raise FileNotFoundError(f"{name}: OpenMoji has no {source.name} (npm ci?)")
        if words_in(source):
            raise ValueError(f"{name}: {source.name} has text in it; choose another picture")
        shutil.copyfile(source, folder / f"{name}.svg")
        copied.append(name)
    unlisted = sorted(p.stem for p in folder.glob("*.svg") if p.stem not in listed)
    return copied, unlisted
