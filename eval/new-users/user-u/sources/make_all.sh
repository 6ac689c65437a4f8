#!/bin/sh
# Regenerate every document in ../articles from the scripts beside this file.
cd "$(dirname "$0")" || exit 1
PY=${PYTHON:-python3}  # one with python-docx: the project's .venv/bin/python
for s in make_lease_pdf.py make_bank_letter.py make_broadband_faq.py make_podcast_transcript.py make_plant_guide.py make_status_email.py; do
  "$PY" "$s" || exit 1
done
