"""Draws the program icon (resources/icons/towncentre.ico and .png) with Pillow; the files are committed.

A white town hall (roof, columns, steps) on the program's accent blue, drawn at 1024 px and scaled
down, so it stays legible at 16 px in the taskbar. Run again only to change the design:
    python installer/make_icon.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "resources" / "icons"
ACCENT = (31, 95, 168, 255)  # desktop/views/icons.ACCENT
WHITE = (255, 255, 255, 255)
ICO_SIZES = [16, 20, 24, 32, 40, 48, 64, 128, 256]
BIG = 1024


def draw() -> Image.Image:
    image = Image.new("RGBA", (BIG, BIG), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((32, 32, BIG - 32, BIG - 32), radius=190, fill=ACCENT)
    pen.polygon([(512, 170), (850, 390), (174, 390)], fill=WHITE)  # roof
    pen.rectangle((210, 420, 814, 470), fill=WHITE)  # architrave
    for left in (250, 420, 590):  # three columns
        pen.rectangle((left, 500, left + 110, 740), fill=WHITE)
    pen.rectangle((190, 770, 834, 820), fill=WHITE)  # steps
    pen.rectangle((150, 840, 874, 880), fill=WHITE)
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw()
    big.resize((256, 256), Image.Resampling.LANCZOS).save(OUT / "towncentre.png", optimize=True)
    big.save(OUT / "towncentre.ico", sizes=[(s, s) for s in ICO_SIZES])
    print(f"wrote {OUT / 'towncentre.ico'} and {OUT / 'towncentre.png'}")


if __name__ == "__main__":
    main()
