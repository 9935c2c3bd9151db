#!/usr/bin/env bash
# Rebuild every font in this directory from the installed Debian packages.
#
#   fonts-noto-cjk     1:20220127+repack1-1   (Noto Serif/Sans CJK .ttc)
#   fonts-lxgw-wenkai  1.250+repack-1         (LXGW WenKai .ttf)
#   unicode-data       15.0.0-1               (Unihan: kTGH, kGB0)
#   fonttools (pyftsubset) 4.68 with brotli, from pip
#
# Usage:  fonts/build.sh        (from anywhere; it works in its own directory)
#
# Output is deterministic: running it twice gives byte-identical files.
# See README.md for what is built and why.
set -euo pipefail

cd "$(dirname "$(readlink -f "$0")")"

# Determinism.  pyftsubset keeps head.created/head.modified from the source
# font (it does not recalculate the timestamp unless asked), and the
# post-processing step below saves with recalcTimestamp=False.  In case some
# fontTools code path does take "now", pin it: fontTools honours
# SOURCE_DATE_EPOCH.  1643241600 = 2022-01-27T00:00:00Z (Noto CJK release).
export SOURCE_DATE_EPOCH=1643241600
export PYTHONHASHSEED=0
export LC_ALL=C.UTF-8

NOTO_DIR=/usr/share/fonts/opentype/noto
LXGW_TTF=$(dpkg -L fonts-lxgw-wenkai | grep -E '/LXGWWenKai-Regular\.ttf$' | head -n1)
UNICODE_DIR=/usr/share/unicode

# Layout features kept (see README.md for the reasons).
FEATURES='vert,vrt2,halt,vhal,palt,vpal,fwid,hwid,pwid,kern,locl'
# Language systems kept: the default one and Simplified Chinese (ZHS) of each
# script.  Dropping JAN/KOR/ZHT/ZHH matters: their 'locl' lookups would pull
# ~6,500 Japanese/Korean/Traditional glyph variants into the subset and make
# each Noto face ~2.4 MB bigger.
SCRIPTS=$(for s in DFLT hani latn grek cyrl kana hang; do printf '%s.dflt,%s.ZHS,' "$s" "$s"; done)
SCRIPTS=${SCRIPTS%,}

# ---------------------------------------------------------------------------
# 0. Tool and package check (versions are informative; a mismatch is only a
#    warning, but the sha256 sums in README.md will then differ).
# ---------------------------------------------------------------------------
command -v pyftsubset >/dev/null || { echo "pyftsubset not found (pip install 'fonttools[woff]')" >&2; exit 1; }
echo "fontTools $(python3 -c 'import fontTools; print(fontTools.version)')"
check_pkg() {
    local pkg=$1 want=$2 have
    have=$(dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null || true)
    if [[ -z $have ]]; then
        echo "ERROR: Debian package $pkg is not installed" >&2; exit 1
    elif [[ $have != "$want" ]]; then
        echo "WARNING: $pkg is $have, README.md documents $want" >&2
    else
        echo "$pkg $have"
    fi
}
check_pkg fonts-noto-cjk    '1:20220127+repack1-1'
check_pkg fonts-lxgw-wenkai '1.250+repack-1'
check_pkg unicode-data      '15.0.0-1'

# ---------------------------------------------------------------------------
# 1. Character set -> charset.txt  (pyftsubset --unicodes-file format)
# ---------------------------------------------------------------------------
python3 - "$UNICODE_DIR" charset.txt <<'PY'
import bz2, gzip, lzma, io, os, sys, zipfile

unicode_dir, out_path = sys.argv[1], sys.argv[2]
WANT = "Unihan_OtherMappings.txt"

def open_unihan():
    """Find Unihan_OtherMappings.txt, plain, compressed, or inside a zip."""
    openers = {"": open, ".bz2": bz2.open, ".gz": gzip.open, ".xz": lzma.open}
    for root, _dirs, files in sorted(os.walk(unicode_dir)):
        for suffix, opener in openers.items():
            if WANT + suffix in files:
                path = os.path.join(root, WANT + suffix)
                return path, opener(path, "rt", encoding="utf-8")
    for root, _dirs, files in sorted(os.walk(unicode_dir)):
        for f in sorted(files):
            if f.lower().endswith(".zip"):
                path = os.path.join(root, f)
                z = zipfile.ZipFile(path)
                for member in z.namelist():
                    if os.path.basename(member) == WANT:
                        return (f"{path}!{member}",
                                io.TextIOWrapper(z.open(member), encoding="utf-8"))
    sys.exit(f"ERROR: {WANT} not found under {unicode_dir}")

src, fh = open_unihan()
tgh, gb0 = set(), set()
with fh:
    for line in fh:
        if line.startswith("#") or not line.strip():
            continue
        cp, field, _value = line.rstrip("\n").split("\t", 2)
        if field == "kTGH":
            tgh.add(int(cp[2:], 16))
        elif field == "kGB0":
            gb0.add(int(cp[2:], 16))
if len(tgh) != 8105:
    sys.exit(f"ERROR: expected 8105 kTGH characters, found {len(tgh)}")
if len(gb0) != 6763:
    sys.exit(f"ERROR: expected 6763 kGB0 characters, found {len(gb0)}")

# Assigned code points (UnicodeData.txt) so the blocks below do not list holes.
assigned = set()
with open(os.path.join(unicode_dir, "UnicodeData.txt"), encoding="utf-8") as f:
    for line in f:
        assigned.add(int(line.split(";", 1)[0], 16))

blocks = [
    (0x0020, 0x007E),  # ASCII printable
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x2000, 0x206F),  # General Punctuation
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
    (0x2160, 0x216B),  # Roman numerals Ⅰ..Ⅻ
    (0x2460, 0x2473),  # circled numbers ①..⑳
    (0x25A0, 0x25FF),  # Geometric Shapes ■□▲●○◆
    (0x0391, 0x03C9),  # Greek letters (units, science news)
    (0x2190, 0x2193),  # arrows ←↑→↓
    (0x2474, 0x249B),  # parenthesized and full-stop numbers ⑴..⒇ ⒈..⒛
    (0x3220, 0x3229),  # parenthesized ideographic numbers ㈠..㈩
]
# The rest of GB2312's non-hanzi that news text uses: pinyin with tone marks, ∶ (ratio
# and score colon, 3∶1), ≤ ≥ ≠ ±, ‰ is already in General Punctuation.
singles = [0x2103, 0x2116, 0x2605, 0x2606, 0x2E3A, 0x22EF, 0xFE4F, 0x00B7, 0x2212,
           0x2236, 0x2264, 0x2265, 0x2260, 0x221E, 0x2234, 0x2235, 0x221A,
           0x0101, 0x00E1, 0x01CE, 0x00E0, 0x0113, 0x00E9, 0x011B, 0x00E8,
           0x012B, 0x00ED, 0x01D0, 0x00EC, 0x014D, 0x00F3, 0x01D2, 0x00F2,
           0x016B, 0x00FA, 0x01D4, 0x00F9, 0x01D6, 0x01D8, 0x01DA, 0x01DC, 0x00FC]
extra = {cp for lo, hi in blocks for cp in range(lo, hi + 1) if cp in assigned}
extra |= set(singles)

hanzi = tgh | gb0
allcps = sorted(hanzi | extra)
with open(out_path, "w", encoding="utf-8", newline="\n") as out:
    out.write("# Generated by fonts/build.sh -- do not edit.\n")
    out.write("# Source: Debian unicode-data, Unihan_OtherMappings.txt (kTGH, kGB0)\n")
    out.write(f"# kTGH (Tongyong Guifan Hanzi Biao) = {len(tgh)}\n")
    out.write(f"# kGB0 (GB 2312 hanzi) = {len(gb0)}\n")
    out.write(f"# kTGH | kGB0 = {len(hanzi)} (kGB0 not in kTGH: {len(gb0 - tgh)})\n")
    out.write(f"# non-hanzi (blocks + singles, assigned only) = {len(extra)}\n")
    out.write(f"# total = {len(allcps)}\n")
    for cp in allcps:
        out.write(f"U+{cp:04X}\n")
print(f"charset: {src}")
print(f"charset: kTGH={len(tgh)} kGB0={len(gb0)} union={len(hanzi)} "
      f"gb0-only={len(gb0 - tgh)} non-hanzi={len(extra)} total={len(allcps)}")
PY

# ---------------------------------------------------------------------------
# 2. Find a face in a .ttc by its name table (family = name ID 1, style =
#    name ID 2, Windows/English records).  Prints the index.
# ---------------------------------------------------------------------------
face_index() {
    python3 - "$1" "$2" "$3" <<'PY'
import sys
from fontTools.ttLib import TTCollection
path, family, style = sys.argv[1:4]
hits = []
for i, font in enumerate(TTCollection(path, lazy=True).fonts):
    name = font["name"]
    fam = name.getName(16, 3, 1, 0x409) or name.getName(1, 3, 1, 0x409)
    sub = name.getName(17, 3, 1, 0x409) or name.getName(2, 3, 1, 0x409)
    if fam and sub and fam.toUnicode() == family and sub.toUnicode() == style:
        hits.append(i)
if len(hits) != 1:
    sys.exit(f"ERROR: {len(hits)} faces named '{family}' / '{style}' in {path}")
print(hits[0])
PY
}

subset() {  # subset <input> <output> [extra pyftsubset args...]
    local in=$1 out=$2; shift 2
    local tmp="$out.tmp"
    pyftsubset "$in" "$@" \
        --unicodes-file=charset.txt \
        --layout-features="$FEATURES" \
        --layout-scripts="$SCRIPTS" \
        --no-glyph-names \
        --name-IDs='*' \
        --name-languages='*' \
        --notdef-outline \
        --output-file="$tmp"
    mv -f "$tmp" "$out"
}

# ---------------------------------------------------------------------------
# 3. Noto CJK SC (no Reserved Font Name; names kept as is)
# ---------------------------------------------------------------------------
build_noto() {  # build_noto <ttc basename> <family> <style> <output>
    local ttc="$NOTO_DIR/$1" idx
    idx=$(face_index "$ttc" "$2" "$3")
    echo "$4: '$2' '$3' is face $idx of $ttc"
    subset "$ttc" "$4" --font-number="$idx"
}
build_noto NotoSerifCJK-Regular.ttc 'Noto Serif CJK SC' Regular NotoSerifCJKsc-Regular.otf
build_noto NotoSerifCJK-Bold.ttc    'Noto Serif CJK SC' Bold    NotoSerifCJKsc-Bold.otf
build_noto NotoSansCJK-Regular.ttc  'Noto Sans CJK SC'  Regular NotoSansCJKsc-Regular.otf
build_noto NotoSansCJK-Bold.ttc     'Noto Sans CJK SC'  Bold    NotoSansCJKsc-Bold.otf

# ---------------------------------------------------------------------------
# 4. LXGW WenKai.  "LXGW" and "霞鹜" are Reserved Font Names (see
#    /usr/share/doc/fonts-lxgw-wenkai/copyright), and a subset is a Modified
#    Version under the OFL, so the subset is renamed to "Banmian Kai".
# ---------------------------------------------------------------------------
echo "BanmianKai-Regular.ttf (LXGW WenKai renamed): from $LXGW_TTF"
subset "$LXGW_TTF" BanmianKai-Regular.ttf
python3 - BanmianKai-Regular.ttf <<'PY'
import sys
from fontTools.ttLib import TTFont
path = sys.argv[1]
font = TTFont(path, recalcTimestamp=False, recalcBBoxes=False)
name = font["name"]
family, style = "Banmian Kai", "Regular"
version = name.getDebugName(5)  # e.g. "Version 1.250;January 17, 2023"
# Drop every naming record that carries the font name, in every language
# (including the zh-CN "霞鹜文楷"), then write fresh English ones.
name.names = [r for r in name.names if r.nameID not in (1, 2, 3, 4, 6, 10, 16, 17, 18, 21, 22)]
new = {
    1: family,
    2: style,
    3: f"{version.split(';')[0].replace('Version ', '')};BANMIAN;BanmianKai-{style}",
    4: family if style == "Regular" else f"{family} {style}",
    6: f"BanmianKai-{style}",
    10: ("Subset of LXGW WenKai 1.250 (Debian fonts-lxgw-wenkai 1.250+repack-1) "
         "made for the banmian layout engine. Renamed because \"LXGW\" and "
         "\"\u971e\u9e5c\" are Reserved Font Names under the SIL OFL 1.1."),
}
for nid, text in new.items():
    name.setName(text, nid, 3, 1, 0x409)
# Only the copyright (0), trademark (7) and description (10) may mention the
# original name (acknowledgement); nothing else may.
for r in name.names:
    if r.nameID in (0, 7, 10):
        continue
    s = r.toUnicode()
    if "lxgw" in s.lower() or "\u971e\u9e5c" in s:
        sys.exit(f"ERROR: reserved name left in name ID {r.nameID}: {s!r}")
font.save(path + ".tmp")
import os; os.replace(path + ".tmp", path)
print(f"{path}: renamed to '{family}' / 'BanmianKai-{style}'")
PY

# ---------------------------------------------------------------------------
# 5. Licence files, generated from the Debian copyright files and the
#    copyright strings (name ID 0) inside the source fonts.
# ---------------------------------------------------------------------------
python3 - "$NOTO_DIR" "$LXGW_TTF" <<'PY'
import sys
from fontTools.ttLib import TTCollection, TTFont

noto_dir, lxgw_ttf = sys.argv[1:3]

def deb822(path):
    """Paragraphs of a Debian copyright file as lists of (field, value-lines)."""
    paras, cur, field = [], [], None
    for line in open(path, encoding="utf-8").read().splitlines():
        if not line.strip():
            if cur: paras.append(cur); cur = []
            continue
        if line[0] in " \t":
            cur[-1][1].append("" if line.strip() == "." else line[1:])
        else:
            k, _, v = line.partition(":")
            cur.append((k, [v.strip()] if v.strip() else []))
    if cur: paras.append(cur)
    return paras

def licence_text(paras, name):
    for p in paras:
        if p[0][0] == "License" and p[0][1][0] == name and len(p) == 1:
            return "\n".join(p[0][1][1:]).strip("\n") + "\n"
    sys.exit(f"ERROR: licence {name} not in copyright file")

def files_star(paras):
    for p in paras:
        d = {k: v for k, v in p}
        if d.get("Files") == ["*"]:
            return d
    sys.exit("ERROR: no 'Files: *' paragraph")

def name0(font):
    return font["name"].getDebugName(0).replace("\r\n", "\n")

def face(ttc, family):
    for f in TTCollection(ttc, lazy=True).fonts:
        if f["name"].getDebugName(1) == family:
            return f

# --- Noto CJK -------------------------------------------------------------
cp = "/usr/share/doc/fonts-noto-cjk/copyright"
paras = deb822(cp); star = files_star(paras)
serif = name0(face(f"{noto_dir}/NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC"))
sans = name0(face(f"{noto_dir}/NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"))
with open("LICENSE-NotoCJK.txt", "w", encoding="utf-8", newline="\n") as out:
    out.write(f"""\
Noto Serif CJK SC and Noto Sans CJK SC
(NotoSerifCJKsc-Regular.otf, NotoSerifCJKsc-Bold.otf,
 NotoSansCJKsc-Regular.otf, NotoSansCJKsc-Bold.otf in this directory)

Noto Serif CJK:  {serif}
Noto Sans CJK:   {sans}
Noto is a trademark of Google Inc.

Debian package fonts-noto-cjk 1:20220127+repack1-1, {cp}:
  Copyright: {' '.join(star['Copyright'])}
  License: {' '.join(star['License'])}
No Reserved Font Name is declared.

The files in this directory are Modified Versions (subsets) of the fonts
above, made with fonts/build.sh.  They are distributed under the same
licence:

""")
    out.write(licence_text(paras, "SIL-1.1"))

# --- LXGW WenKai ----------------------------------------------------------
cp = "/usr/share/doc/fonts-lxgw-wenkai/copyright"
paras = deb822(cp); star = files_star(paras)
comment = " ".join(l.strip() for l in star.get("Comment", []))
if "Reserved Font Name" not in comment:
    sys.exit("ERROR: LXGW Reserved Font Name statement not found; re-check the licence")
with open("LICENSE-LXGWWenKai.txt", "w", encoding="utf-8", newline="\n") as out:
    out.write(f"""\
LXGW WenKai (source of BanmianKai-Regular.ttf in this directory)

{name0(TTFont(lxgw_ttf, lazy=True))}

Debian package fonts-lxgw-wenkai 1.250+repack-1, {cp}:
  Copyright: {' '.join(l.strip() for l in star['Copyright'])}
  License: {' '.join(star['License'])}
  {comment}

BanmianKai-Regular.ttf in this directory is a Modified Version (a subset,
made with fonts/build.sh) of LXGW WenKai Regular 1.250.  Because "LXGW" and
"霞鹜" are Reserved Font Names, its font names have been changed to
"Banmian Kai" (PostScript name "BanmianKai-Regular").  It is distributed
under the same licence:

""")
    out.write(licence_text(paras, "OFL-1.1"))
print("licences: LICENSE-NotoCJK.txt LICENSE-LXGWWenKai.txt")
PY

# ---------------------------------------------------------------------------
# 6. Sanity check and summary
# ---------------------------------------------------------------------------
python3 - NotoSerifCJKsc-Regular.otf NotoSerifCJKsc-Bold.otf \
          NotoSansCJKsc-Regular.otf NotoSansCJKsc-Bold.otf BanmianKai-Regular.ttf <<'PY'
import sys
from fontTools.ttLib import TTFont
want = [int(l[2:], 16) for l in open("charset.txt") if l.startswith("U+")]
must = "淄博魏，“”★℃％A。、《》…—·"
for path in sys.argv[1:]:
    f = TTFont(path, lazy=True)
    cmap = f.getBestCmap()
    lost = [c for c in must if ord(c) not in cmap]
    if lost:
        sys.exit(f"ERROR: {path} lacks {''.join(lost)}")
    missing = [cp for cp in want if cp not in cmap]
    print(f"{path}: {f['maxp'].numGlyphs} glyphs, {len(want) - len(missing)}/{len(want)} "
          f"charset code points mapped ({len(missing)} not in source font)")
PY
for f in NotoSerifCJKsc-Regular.otf NotoSerifCJKsc-Bold.otf NotoSansCJKsc-Regular.otf \
         NotoSansCJKsc-Bold.otf BanmianKai-Regular.ttf; do
    printf '%9d  %s\n' "$(stat -c %s "$f")" "$(sha256sum "$f")"
done

# ---------------------------------------------------------------------------
# 7. The Traditional Chinese body face (明體, built-in `ming`): its own script.
# ---------------------------------------------------------------------------
./build-tc.sh
