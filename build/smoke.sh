#!/usr/bin/env bash
# Run the built one-folder program as a technician would get it: from a temporary folder, with
# an empty HOME, no Python environment on PATH, through the commands a field week needs, and the
# window under Xvfb to the home screen (a screenshot is kept in build/smoke/).
#
#   bash build/smoke.sh [build/dist/fieldapp]
#
# Needs Xvfb and xdotool (the window step) and pdffonts (poppler-utils); a Python with Pillow (the project's .venv) takes
# the screenshot. Exit 0 when every step passed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PROGRAM="$(cd "${1:-$ROOT/build/dist/fieldapp}" && pwd)"
OUT="$ROOT/build/smoke"
SHOT_PY="${SHOT_PY:-$ROOT/.venv/bin/python}"
rm -rf "$OUT" && mkdir -p "$OUT"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/home"
cd "$WORK"

# The program alone: an empty HOME and a PATH with system tools only.
run() {
    env -i HOME="$WORK/home" PATH=/usr/bin:/bin LANG=C.UTF-8 LANGUAGE=es ${DISPLAY:+DISPLAY=$DISPLAY} "$@"
}
cli() { run "$PROGRAM/fieldapp-cli" "$@"; }
step() { printf '== %s\n' "$*"; }

touch "$OUT/.start"  # anything newer inside the program folder was written by it

step "--version"
cli --version | tee "$OUT/version.txt"
grep -q "fieldapp" "$OUT/version.txt"

step "demo into a new database"
cli --db "$WORK/laptop.db" --lang es demo | tee "$OUT/demo.txt"
test -s "$WORK/laptop.db"

step "scores"
cli --db "$WORK/laptop.db" --lang es scores --org CACAO-DO --round R2024 | tee "$OUT/scores.txt"
grep -q "A1" "$OUT/scores.txt"

step "indicators"
cli --db "$WORK/laptop.db" --lang es indicators --round R2024 | tee "$OUT/indicators.txt"
grep -q "i1.1" "$OUT/indicators.txt"

step "report coop (a PDF with its fonts embedded)"
cli --db "$WORK/laptop.db" --lang es report coop --org CACAO-DO --round R2024 \
    --out "$WORK/CACAO-DO.pdf"
cp "$WORK/CACAO-DO.pdf" "$OUT/"
pdffonts "$WORK/CACAO-DO.pdf" | tee "$OUT/pdffonts.txt"
# at least one font, and every font embedded: the 'emb' column is 'yes' on each font line
test "$(awk 'NR > 2' "$OUT/pdffonts.txt" | wc -l)" -gt 0
! awk 'NR > 2 && $(NF-4) != "yes"' "$OUT/pdffonts.txt" | grep -q .

step "bundle export / import into a second database"
mkdir -p "$WORK/stick"
cli --db "$WORK/laptop.db" --lang es bundle export "$WORK/stick" --all | tee "$OUT/bundle-export.txt"
ls "$WORK"/stick/*.zip >/dev/null
cli --db "$WORK/coordinator.db" --lang es bundle import "$WORK/stick" --trust \
    | tee "$OUT/bundle-import.txt"
cli --db "$WORK/coordinator.db" --lang es submissions list --status final --json \
    > "$OUT/coordinator-submissions.json"
grep -q '"uuid"' "$OUT/coordinator-submissions.json"

step "exports: CSV tables and the analysis copy (its linking columns indexed)"
cli --db "$WORK/laptop.db" --lang es export csv --form medios_de_vida --out "$WORK/csv" \
    | tee "$OUT/export-csv.txt"
ls "$WORK"/csv/*.csv >/dev/null
cli --db "$WORK/laptop.db" --lang es export sqlite "$WORK/analysis.db" \
    | tee "$OUT/export-sqlite.txt"
test -s "$WORK/analysis.db"

step "nothing was written inside the program folder"
if [ -n "$(find "$PROGRAM" -newer "$OUT/.start" | head -1)" ]; then
    find "$PROGRAM" -newer "$OUT/.start"
    exit 1
fi

step "no path of the build machine in the program's own files"
if grep -rlF "$ROOT" "$PROGRAM" | head -1 | grep -q .; then
    grep -rlF "$ROOT" "$PROGRAM" | head
    echo "build path $ROOT leaks into the program"; exit 1
fi

step "the window, under Xvfb, to the home screen"
number=$((200 + RANDOM % 200))
Xvfb ":$number" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$WORK"' EXIT
export DISPLAY=":$number"
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$number" ] && break; sleep 0.1; done
run FIELDAPP_DB="$WORK/laptop.db" "$PROGRAM/fieldapp" >"$OUT/gui.log" 2>&1 &
app=$!
# The demo database has a technician already, so home opens without the first-run dialog.
for _ in $(seq 100); do
    if xdotool search --onlyvisible --name "fieldapp" >/dev/null 2>&1; then break; fi
    if ! kill -0 $app 2>/dev/null; then cat "$OUT/gui.log"; echo "the window did not open"; exit 1; fi
    sleep 0.2
done
sleep 3
kill -0 $app 2>/dev/null || { cat "$OUT/gui.log"; echo "the program ended"; exit 1; }
"$SHOT_PY" -c "from PIL import ImageGrab; ImageGrab.grab(xdisplay='$DISPLAY').save('$OUT/home.png')"
kill $app
wait $app 2>/dev/null || true
if grep -q "Traceback" "$OUT/gui.log"; then cat "$OUT/gui.log"; exit 1; fi
echo "screenshot: $OUT/home.png"
echo "smoke: all steps passed"
