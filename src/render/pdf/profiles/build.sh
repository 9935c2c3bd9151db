#!/usr/bin/env bash
# Rebuild the ICC profiles in this directory from installed Debian packages.
#
#   argyll             2.3.1+repack-1.1+b1  (colprof: characterization data -> ICC profile)
#   icc-profiles-free  2.0.1+dfsg-1.1       (TR002.ti3 measurement data, sRGB.icc)
#
# Usage:  src/render/pdf/profiles/build.sh   (from anywhere; it works in its own directory)
#
# Output is deterministic: colprof stamps the ICC header with the current time, so
# the script overwrites that date with a fixed one; everything else colprof writes
# depends only on its input. See README.md for what is built and why.
set -euo pipefail

cd "$(dirname "$(readlink -f "$0")")"
export LC_ALL=C

ICC_DIR=/usr/share/color/icc
for f in "$ICC_DIR/TR002.ti3" "$ICC_DIR/sRGB.icc"; do
    [ -f "$f" ] || { echo "missing $f: apt-get install icc-profiles-free" >&2; exit 1; }
done
command -v colprof >/dev/null || { echo "missing colprof: apt-get install argyll" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$ICC_DIR/TR002.ti3" "$work/TR002.ti3"

# -ql: low-resolution lookup tables. The profile travels inside every PDF as the
#      output intent; readers use it for soft proofing, where its device -> Lab
#      table matters (profcheck: 0.41 dE average, 1.73 dE peak against the 928
#      measured patches). -qm makes it 2.2x larger for 0.1 dE.
# -kr: black generation ramp (Argyll's default); -l 260: total area coverage of
#      TR 002 (260 %). Neither changes the device -> Lab direction.
colprof -ql -kr -l 260 \
    -A "banmian" \
    -M "CGATS TR 002 newsprint" \
    -D "banmian CGATS TR 002 (SNAP 2007) coldset newsprint, TAC 260%" \
    -C "No copyright, CC0 1.0. Data: ANSI CGATS/SNAP TR 002-2007, NPES" \
    -O "$work/newsprint.icc" "$work/TR002" >/dev/null

# Header bytes 24..35: creation date as six big-endian u16 (year, month, day,
# hour, minute, second). Pin it to the date of the TR 002 data set release.
python3 - "$work/newsprint.icc" <<'EOF'
import struct, sys
path = sys.argv[1]
data = bytearray(open(path, "rb").read())
data[24:36] = struct.pack(">6H", 2007, 1, 1, 0, 0, 0)
open(path, "wb").write(bytes(data))
EOF

cp "$work/newsprint.icc" newsprint-tr002.icc
cp "$ICC_DIR/sRGB.icc" sRGB-v2.icc
sha256sum newsprint-tr002.icc sRGB-v2.icc
