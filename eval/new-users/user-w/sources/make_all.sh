#!/bin/sh
# Regenerate every article in ../articles from the sources in this folder.
set -e
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="$HERE/../articles"
PY="${PYTHON:-python3}"
mkdir -p "$OUT"
# (a) PDF printed from HTML with headless Chromium
/usr/bin/chromium --headless --no-sandbox --print-to-pdf="$OUT/westmarsh_pcc_annual_report_2024-25.pdf" "file://$HERE/pcc_report.html" 2>/dev/null
# (b) DOCX written with python-docx
"$PY" "$HERE/make_docx.py" "$OUT/brackenmoor_primary_inspection.docx"
# The news page saved as HTML, the Markdown press release and the radio transcript are written by
# hand: each article is its own source.
# (e) .htm saved in windows-1252
"$PY" -c "import sys; s=open(sys.argv[1],encoding='utf-8').read(); open(sys.argv[2],'wb').write(s.encode('cp1252'))" \
    "$HERE/dunmere_match_report.src.html" "$OUT/dunmere_match_report.htm"
ls -l "$OUT"
