#!/bin/sh
# Regenerate ../articles from the sources in this folder.
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/../articles}
PY=${PYTHON:-python3}
mkdir -p "$OUT"
# (a) PDF printed from HTML with headless Chromium
/usr/bin/chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf="$OUT/brackenfield_mot_service_report.pdf" "file://$HERE/mot_report.html" 2>/dev/null
# (b) DOCX with python-docx
$PY "$HERE/make_docx.py" "$OUT/harrowgate_mill_wedding_quotation.docx"
# The saved web page, the Markdown newsletter, the email and the plain-text story are written by
# hand: each article is its own source.
ls -l "$OUT"
