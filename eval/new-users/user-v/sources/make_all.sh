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
# (c) saved web page
cp "$HERE/theatre_show.html" "$OUT/the-salt-wife-corn-exchange-theatre.html"
# (d) Markdown newsletter
cp "$HERE/surgery_newsletter.md" "$OUT/willowbrook_newsletter_spring_2025.md"
# (e) email saved from a mail client
cp "$HERE/itinerary_email.htm" "$OUT/RE_Lake_Garda_trip_final_itinerary.htm"
# (f) plain-text news story
cp "$HERE/community_fridge.txt" "$OUT/ashby_green_fridge_news.txt"
ls -l "$OUT"
