"""Write questions.jsonl beside this script and check every gold answer against the source text."""
import html
import json
import re
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parent
ART = ROOT / "articles"
SRC = ROOT / "sources"


def strip_html(raw):
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", raw))


def docx_text(path):
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def text_of(name):
    p = ART / name
    if name.endswith(".docx"):
        return docx_text(p)
    if name.endswith(".pdf"):
        return strip_html((SRC / (p.stem + ".html")).read_text(encoding="utf-8"))
    if name.endswith(".htm"):
        return strip_html(p.read_bytes().decode("cp1252"))
    if name.endswith(".html"):
        return strip_html(p.read_text(encoding="utf-8"))
    return p.read_text(encoding="utf-8")


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


P, N, O = "paraphrase", "near-topic", "off-topic" # noqa: E741
Q = {
    "penalty_charge_notice_KV70418825.docx": [
        (P, "How much do I have to pay if I settle this parking fine quickly?", ["£35.00", "£35"]),
        (P, "What's the last day I can pay the reduced amount?", ["7 April 2025"]),
        (P, "Which street was my car on when the camera caught it?", ["Upper Quarry Lane", "St Aldhelm's Primary School"]),
        (P, "What will the fine go up to if I ignore it and they send a charge certificate?", ["£105.00", "£105"]),
        (P, "What number can I ring to pay the fine by card?", ["0300 555 0192"]),
        (P, "What time of day was the car recorded stopping?", ["08:41"]),
        (P, "Who can I appeal to if the council turns down my challenge?", ["Traffic Penalty Tribunal"]),
        (N, "How many penalty points will this put on my driving licence?", []),
        (N, "What is the council's sort code for paying the fine by bank transfer?", []),
        (N, "What was the name of the traffic warden who wrote out the ticket?", []),
        (O, "What is the boiling point of ethanol?", []),
    ],
    "carrow_ferry_bus_timetable.txt": [
        (P, "When is the earliest boat from Portmellick on a weekday morning?", ["07:15"]),
        (P, "How much is a day return on the ferry for a grown-up?", ["£8.50"]),
        (P, "Which boat runs every crossing while the other one is being refitted in May?", ["MV Kittiwake", "Kittiwake"]),
        (P, "On a Sunday, what time does the last boat leave the island for the mainland?", ["17:15"]),
        (P, "How much is the combined boat-and-bus day ticket for an adult?", ["£11.00"]),
        (P, "How windy does it have to be before crossings get called off?", ["Force 6"]),
        (P, "When are the school summer holidays that stop the school-day runs?", ["23 July to 2 September 2025"]),
        (N, "How long does the crossing take on the winter timetable?", []),
        (N, "How much does it cost to take a car across on the ferry?", []),
        (N, "What is the name of the skipper of MV Kittiwake?", []),
        (O, "Who painted the Mona Lisa?", []),
    ],
    "robot_vacuum_comparison.md": [
        (P, "Which of the robots makes the least noise?", ["Hoovio Navi 4", "Navi 4"]),
        (P, "How much does the cheapest robot vacuum cost?", ["£219"]),
        (P, "How long is the Dustra supposed to run on one charge?", ["180 min"]),
        (P, "How often did the Kleenbot get stuck during the test month?", ["9", "nine times"]),
        (P, "Who did the testing for this review?", ["Priya Marchetti"]),
        (P, "How long is the guarantee on the Hoovio?", ["3 years"]),
        (P, "What does the Dustra cost a year in filters, brushes, bags and pads?", ["£67"]),
        (N, "How much does the Hoovio Navi 4 weigh?", []),
        (N, "How long does the Kleenbot Q50 take to recharge fully?", []),
        (N, "How high a door threshold can the Dustra S7 Pro climb over?", []),
        (O, "What is the capital of Australia?", []),
    ],
    "ashcombe_tide_mill.html": [
        (P, "Who had the tide mill built?", ["Josiah Penwarden"]),
        (P, "In what year did the mill stop grinding?", ["1938"]),
        (P, "How much did it cost to restore the mill?", ["£1.4 million"]),
        (P, "How big across is the water wheel?", ["18 ft", "18 feet", "5.5 m"]),
        (P, "Who headed the group of locals that set up the trust to save the mill?", ["Margaret Tolley"]),
        (P, "Where are visitors supposed to leave their cars?", ["Wenbury Quay car park"]),
        (P, "What did the Navy keep in the mill during the war?", ["mines and netting"]),
        (N, "How much is the entrance fee for the mill museum?", []),
        (N, "In what year was the steam engine taken out of the mill?", []),
        (N, "How many visitors does the mill get each year?", []),
        (O, "How do I reset my broadband router?", []),
    ],
    "soil_forum_programme.pdf": [
        (P, "Who is giving the opening keynote talk?", ["Aled Pryce-Morgan"]),
        (P, "Which room is the grassland and upland stream in?", ["Rowan Lecture Theatre"]),
        (P, "How much does a ticket cost for someone who works on a farm?", ["£45"]),
        (P, "What time does the soil management plan workshop begin?", ["15:20"]),
        (P, "How many BASIS points is the day worth?", ["6 BASIS"]),
        (P, "Where do we go to eat at lunchtime?", ["Refectory"]),
        (P, "What's the deadline for booking a place?", ["11 September 2025"]),
        (N, "How much does the conference dinner cost?", []),
        (N, "Who is speaking about agroforestry at the forum?", []),
        (N, "Where will the 2026 forum be held?", []),
        (O, "What's a good recipe for banana bread?", []),
    ],
    "paramed_500_leaflet.htm": [
        (P, "What is the most tablets an adult can take in a day?", ["8 tablets"]),
        (P, "What's the warmest I can keep these tablets?", ["25°C"]),
        (P, "How many tablets can a 13-year-old take in one go?", ["1 tablet"]),
        (P, "How long should I leave between doses?", ["at least 4 hours", "4 hours"]),
        (P, "Which company makes this medicine?", ["Halden Pharma Ltd"]),
        (P, "What colour are the pills?", ["White"]),
        (P, "How common are allergic reactions to this medicine?", ["Rare", "up to 1 in 1,000"]),
        (N, "How quickly does Paramed start working after I swallow it?", []),
        (N, "How much does a pack of 32 Paramed tablets cost?", []),
        (N, "What is the half-life of paracetamol in the body?", []),
        (O, "When did the Titanic sink?", []),
    ],
}

lines = []
for name, qs in Q.items():
    text = norm(text_of(name))
    kinds = [k for k, _, _ in qs]
    assert kinds.count(P) == 7 and kinds.count(N) == 3 and kinds.count(O) == 1, name
    for kind, q, answers in qs:
        for a in answers:
            assert norm(a) in text, (name, q, a)
        assert (kind == P) == bool(answers), (name, q)
        lines.append({"question": q, "answers": answers, "kind": kind, "source": name})

with open(ROOT / "questions.jsonl", "w", encoding="utf-8") as f:
    for row in lines:
        f.write(json.dumps(row, ensure_ascii=False) + "\n")
print(f"wrote {len(lines)} questions; all gold answers found verbatim")
