"""Render aidviewer.svg into the PNG sizes of the hicolor icon theme.

Run it once after changing the SVG, from anywhere:

    QT_QPA_PLATFORM=offscreen .venv/bin/python resources/icons/render.py

It writes hicolor/<N>x<N>/apps/aidviewer.png beside itself for every size in SIZES; the
PNG files are kept in the repository, so neither installing nor the tests need Qt's SVG
renderer.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "aidviewer.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(source: Path, size: int, target: Path) -> None:
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"{source} is not an SVG file Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target), "PNG"):
        raise SystemExit(f"{target} could not be written")


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for size in SIZES:
        target = HERE / "hicolor" / f"{size}x{size}" / "apps" / "aidviewer.png"
        render(SOURCE, size, target)
        print(target.relative_to(HERE))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
