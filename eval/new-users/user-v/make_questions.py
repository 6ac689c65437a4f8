"""Write questions.jsonl for my six documents, checking each answer against the document's text.

Text is taken from the sources: the HTML printed to PDF, python-docx for the .docx, the HTML /
.htm with tags stripped, the .md and .txt as they are. Whitespace is collapsed before checking.
"""
import html
import json
import re
from pathlib import Path

from docx import Document

HERE = Path(__file__).resolve().parent
SRC = HERE / "sources"
ART = HERE / "articles"


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def html_text(path):
    s = Path(path).read_text(encoding="utf-8")
    s = re.sub(r"(?is)<(script|style|head)\b.*?</\1>", " ", s)
    s = re.sub(r"<[^>]+>", " ", s)
    return norm(html.unescape(s))


def docx_text(path):
    d = Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for r in t.rows:
            parts.append(" | ".join(c.text for c in r.cells))
    return norm("\n".join(parts))


PDF = "brackenfield_mot_service_report.pdf"
DOCX = "harrowgate_mill_wedding_quotation.docx"
HTML = "the-salt-wife-corn-exchange-theatre.html"
MD = "willowbrook_newsletter_spring_2025.md"
HTM = "RE_Lake_Garda_trip_final_itinerary.htm"
TXT = "ashby_green_fridge_news.txt"

TEXTS = {
    PDF: html_text(SRC / "mot_report.html"),
    DOCX: docx_text(ART / DOCX),
    HTML: html_text(ART / "the-salt-wife-corn-exchange-theatre.html"),
    MD: norm((ART / "willowbrook_newsletter_spring_2025.md").read_text(encoding="utf-8").replace("**", "").replace("*", "")),
    HTM: html_text(ART / "RE_Lake_Garda_trip_final_itinerary.htm"),
    TXT: norm((ART / "ashby_green_fridge_news.txt").read_text(encoding="utf-8")),
}

P, N, OFF = "paraphrase", "near-topic", "off-topic"

Q = {
    PDF: [
        (P, "When does the Astra's new MOT certificate run out?", ["10 March 2026"]),
        (P, "What was the final bill for the MOT and service altogether?", ["£425.53"]),
        (P, "Which person actually did the MOT test on my car?", ["Priya Dhaliwal"]),
        (P, "Roughly what will it cost to have the front brakes done?", ["£289.00"]),
        (P, "How much tread is left on the back tyre on the passenger side?", ["2.1 mm"]),
        (P, "When had the car last been serviced before this visit?", ["June 2023"]),
        (P, "How far ahead do I need to ask for the loan car?", ["48 hours"]),
        (N, "How much would the garage charge to replace the battery?", []),
        (N, "How many years has Gareth Ollerenshaw been a mechanic at the garage?", []),
        (N, "What did I pay for last year's MOT?", []),
        (OFF, "How do I renew my passport online?", []),
    ],
    DOCX: [
        (P, "How many guests will there be at the evening do in total?", ["130"]),
        (P, "What's the grand total on the venue's quote?", ["£18,216.00"]),
        (P, "How much do we have to pay up front to reserve the date?", ["£2,000"]),
        (P, "What time does the music have to stop at the mill?", ["11.45pm"]),
        (P, "What's the charge if we supply our own wine?", ["£12 per bottle"]),
        (P, "Who will be coordinating things on the wedding day itself?", ["Dominic Asante"]),
        (P, "By when must we pay the rest of the money?", ["8 August 2026"]),
        (N, "How much does the wedding cake cost?", []),
        (N, "How much cheaper would it be to get married on a Friday instead?", []),
        (N, "What dishes are on the three-course wedding breakfast menu?", []),
        (OFF, "What's the best way to get rid of moss in my lawn?", []),
    ],
    HTML: [
        (P, "Who is the playwright behind The Salt Wife?", ["Morwenna Tresize"]),
        (P, "Which actress is playing Nan?", ["Siobhan Trevarthen"]),
        (P, "How much is a full-price ticket in the stalls?", ["£28"]),
        (P, "How long is the play, including the interval?", ["2 hours 10 minutes"]),
        (P, "Which night is the sign-language performance?", ["Friday 16 May"]),
        (P, "Who is directing the production?", ["Callum Heathcote"]),
        (P, "From what age is the show recommended?", ["12 and over"]),
        (N, "How much does it cost to park at the theatre?", []),
        (N, "How old is Siobhan Trevarthen?", []),
        (N, "How much is a programme for The Salt Wife?", []),
        (OFF, "How many moons does Jupiter have?", []),
    ],
    MD: [
        (P, "When does the surgery switch over to its new phones?", ["Monday 12 May 2025"]),
        (P, "Which days of the week does Dr Qureshi work?", ["Tuesdays, Wednesdays and Fridays"]),
        (P, "How long should I allow for a repeat prescription to be ready?", ["three working days"]),
        (P, "How many appointments did people fail to turn up to without cancelling?", ["412"]),
        (P, "How long has Dr Penrice been at Willowbrook?", ["33 years"]),
        (P, "How much money did the Christmas raffle bring in?", ["£640"]),
        (P, "How many car parking spaces are there at the surgery?", ["22"]),
        (N, "How old is Dr Penrice?", []),
        (N, "Who is taking over from Dr Penrice when he retires?", []),
        (N, "What time do the Saturday booster clinics start?", []),
        (OFF, "What's a good recipe for banana bread?", []),
    ],
    HTM: [
        (P, "What time is our flight out of Bristol?", ["06:55"]),
        (P, "Which hotel are we staying at in Bardolino?", ["Hotel Villa Oleandri"]),
        (P, "What time does the opera start in Verona?", ["21:15"]),
        (P, "What is the total cost of the trip for both of us?", ["£3,486"]),
        (P, "Where do we have to drop off the hire car?", ["Bergamo Orio al Serio airport"]),
        (P, "Who will pick us up at Verona airport?", ["Matteo"]),
        (P, "How much is the local tourist tax in Bardolino?", ["€2.50 per person per night"]),
        (N, "What time do we have to check out of the hotel in Bardolino?", []),
        (N, "How much does the Valpolicella wine tour cost per person?", []),
        (N, "Which seats have we got on the flight home?", []),
        (OFF, "How do I reset my broadband router?", []),
    ],
    TXT: [
        (P, "How much food did the fridge keep from being thrown away in its first year?", ["4,318 kilograms", "four tonnes"]),
        (P, "Who is in charge of the community fridge group?", ["Lorna Whitcombe"]),
        (P, "How big was the grant from the lottery?", ["£7,450"]),
        (P, "How many volunteers help run the fridge?", ["Thirty-four"]),
        (P, "What temperature does the fridge have to stay under?", ["5 degrees Celsius"]),
        (P, "When is the first birthday party for the fridge?", ["Saturday 15 March"]),
        (P, "How many people signed the petition?", ["640"]),
        (N, "How old is Dev Raghunathan?", []),
        (N, "How much did the solar panel on the roof cost?", []),
        (N, "Which supermarkets give food to the fridge?", []),
        (OFF, "In what year did the Berlin Wall come down?", []),
    ],
}

rows = []
for source, qs in Q.items():
    text = TEXTS[source]
    kinds = [k for k, _, _ in qs]
    assert kinds.count(P) == 7 and kinds.count(N) == 3 and kinds.count(OFF) == 1, source
    for kind, question, answers in qs:
        for a in answers:
            assert norm(a) in text, (source, question, a)
        rows.append({"question": question, "answers": answers, "source": source, "kind": kind})

out = HERE / "questions.jsonl"
with out.open("w", encoding="utf-8") as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print(f"wrote {len(rows)} questions to {out}")
