#!/usr/bin/env bash
# Build the one-folder program for Linux: build/dist/fieldapp/ with `fieldapp` (the window)
# and `fieldapp-cli` (the commands). Run from anywhere; uses the project's .venv (made if absent).
#
#   bash build/build.sh            # build
#   bash build/build.sh --smoke    # build, then run the built program (build/smoke.sh)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q -e '.[build]'
start=$(date +%s)
.venv/bin/pyinstaller build/fieldapp.spec --noconfirm --clean --log-level WARN \
    --distpath build/dist --workpath build/work
echo "built build/dist/fieldapp/ in $(( $(date +%s) - start )) s ($(du -sh build/dist/fieldapp | cut -f1))"
if [ "${1:-}" = "--smoke" ]; then
    bash build/smoke.sh build/dist/fieldapp
fi
