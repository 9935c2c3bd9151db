"""Draws graphics/points-race.png: the points of 山东泰山 and 北京国安 after each of
the 28 rounds (data made up for the sample, consistent with standings.csv).
Run from this folder: python3 graphics/make_chart.py (Pillow, Noto Sans CJK)."""
from PIL import Image, ImageDraw, ImageFont

# Results round by round: W win, D draw, L loss. 山东泰山 14-8-6 (50 pts), 北京国安
# 15-8-5 (53 pts); round 28 is their meeting, 泰山 2:1.
TAISHAN = "WDWLWWDWLDWWLWDDWLWWDLWDWLDW"
GUOAN = "WWDWLWDWWDLWWDWLWDWWDWLDWDWL"
POINTS = {"W": 3, "D": 1, "L": 0}
assert TAISHAN.count("W") == 14 and TAISHAN.count("D") == 8 and len(TAISHAN) == 28
assert GUOAN.count("W") == 15 and GUOAN.count("D") == 8 and len(GUOAN) == 28

def running(s):
    out, total = [0], 0
    for r in s:
        total += POINTS[r]
        out.append(total)
    return out

W, H = 1600, 1430
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
img = Image.new("RGB", (W, H), "white")
d = ImageDraw.Draw(img)
small = ImageFont.truetype(FONT, 36, index=2)
label = ImageFont.truetype(BOLD, 42, index=2)
title = ImageFont.truetype(BOLD, 54, index=2)
left, right, top, bottom = 130, W - 370, 140, H - 100
d.text((left, 28), "本赛季积分走势（第1至28轮）", font=title, fill=(30, 30, 30))

def xy(rnd, pts):
    return (left + (right - left) * rnd / 28, bottom - (bottom - top) * pts / 60)

for p in range(0, 61, 10):
    y = xy(0, p)[1]
    d.line([(left, y), (right, y)], fill=(210, 210, 210), width=2)
    d.text((left - 20, y), str(p), font=small, fill=(90, 90, 90), anchor="rm")
for r in (1, 7, 14, 21, 28):
    x = xy(r, 0)[0]
    d.line([(x, bottom), (x, bottom + 12)], fill=(90, 90, 90), width=3)
    d.text((x, bottom + 20), f"第{r}轮", font=small, fill=(90, 90, 90), anchor="mt")
d.line([(left, bottom), (right, bottom)], fill=(60, 60, 60), width=3)
for seq, color, name, dy in ((GUOAN, (0, 120, 60), "北京国安", -26), (TAISHAN, (230, 110, 0), "山东泰山", 26)):
    pts = [xy(i, p) for i, p in enumerate(running(seq))]
    d.line(pts, fill=color, width=7, joint="curve")
    x, y = pts[-1]
    d.ellipse([x - 11, y - 11, x + 11, y + 11], fill=color)
    d.text((x + 24, y + dy), f"{name} {running(seq)[-1]}分", font=label, fill=color, anchor="lm")
img.save("graphics/points-race.png", optimize=True)
print("wrote graphics/points-race.png", img.size)
