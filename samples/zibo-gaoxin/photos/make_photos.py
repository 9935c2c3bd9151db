#!/usr/bin/env python3
"""Rebuild meeting.jpg, board.jpg and mark.png from the Debian package
lomiri-wallpapers-16.04 20.04.0-2 (see README.md for provenance and licence).

    d=$(mktemp -d)
    (cd "$d" && apt-get download lomiri-wallpapers-16.04 &&
      dpkg-deb -x lomiri-wallpapers-16.04_20.04.0-2_all.deb lw)
    pip install pillow            # built with Pillow 13.0.0
    python3 make_photos.py "$d/lw/usr/share/backgrounds"

Output is deterministic for a given Pillow/libjpeg version: no EXIF, no ICC,
no XMP, no timestamps are written.
"""
import os
import sys

from PIL import Image, ImageDraw

SRC = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/backgrounds"
OUT = os.path.dirname(os.path.abspath(__file__))
SIZE = (1152, 768)  # 3:2; 1152 px over 97 mm = 301.7 ppi


def load(name):
    im = Image.open(os.path.join(SRC, name))
    im.load()
    return im.convert("RGB")  # drops any metadata; sources carry no ICC profile


def save_jpeg(im, name):
    im.save(
        os.path.join(OUT, name),
        "JPEG",
        quality=85,
        optimize=True,
        progressive=False,  # baseline
        subsampling="4:2:0",
        dpi=(300, 300),
    )


# meeting.jpg: Wine_by_Jakkub_Mede.jpg is 2560x3837 (portrait). Landscape 3:2
# crop of the full width, rows 300..2006: the room (speaker, glass-block wall,
# pallet table); the top of the drum in the foreground is cut by the bottom edge.
im = load("Wine_by_Jakkub_Mede.jpg")
box = (0, 300, 2560, 300 + 1707)
save_jpeg(im.crop(box).resize(SIZE, Image.LANCZOS), "meeting.jpg")

# board.jpg: friends_by_Aitzol_Berasategi.jpg is 2056x3088 (portrait).
# Landscape 3:2 crop of the full width, rows 660..2031: the weathered
# wooden boarding of the house, the window and both dogs.
im = load("friends_by_Aitzol_Berasategi.jpg")
box = (0, 660, 2056, 660 + 1371)
save_jpeg(im.crop(box).resize(SIZE, Image.LANCZOS), "board.jpg")

# mark.png: 200x200 RGBA. Square crop around the upper dog's head in the
# same photo, masked to a disc (anti-aliased edge: alpha 0..255), so the
# corners are fully transparent and the rim has partial alpha.
im = load("friends_by_Aitzol_Berasategi.jpg")
cx, cy, r = 850, 920, 330
sq = im.crop((cx - r, cy - r, cx + r, cy + r)).resize((200, 200), Image.LANCZOS)
big = 800  # draw the mask 4x and scale down for a smooth edge
mask = Image.new("L", (big, big), 0)
ImageDraw.Draw(mask).ellipse((8, 8, big - 9, big - 9), fill=255)
mask = mask.resize((200, 200), Image.LANCZOS)
sq.putalpha(mask)
sq.save(os.path.join(OUT, "mark.png"), "PNG", optimize=True)
