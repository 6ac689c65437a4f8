"""Write questions.jsonl and check every gold answer appears verbatim in its document's text."""

import html
import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent
ART = OUT / "articles"
SRC = OUT / "sources"

PDF = "marlcombe_vale_declaration.pdf"
DOCX = "larkspur_lane_inspection.docx"
HTML = "weather_warning_storm_orla.html"
MD = "ashbourne_vale_rfc_agm_minutes.md"
TXT = "court_report_hollinbridge_gazette.txt"
HTM = "review_the_lighthouse_keepers_wife.htm"


def collapse(t):
    return re.sub(r"\s+", " ", t).strip()


def strip_tags(t):
    t = re.sub(r"<(script|style)\b.*?</\1>", " ", t, flags=re.S | re.I)
    t = re.sub(r"<[^>]+>", " ", t)
    return collapse(html.unescape(t))


def doc_text(name):
    if name == PDF:
        return strip_tags((SRC / "election_declaration.html").read_text(encoding="utf-8"))
    if name == DOCX:
        raw = (SRC / "inspection_summary.txt").read_text(encoding="utf-8")
        raw = re.sub(r"^=[TPH] ", "", raw, flags=re.M)
        return collapse(raw.replace("|", " | "))
    raw = (ART / name).read_text(encoding="utf-8")
    if name.endswith((".html", ".htm")):
        return strip_tags(raw)
    if name.endswith(".md"):
        raw = raw.replace("**", "").replace("*", "")
    return collapse(raw)


def P(q, answers, src, asks):
    return {"question": q, "answers": answers, "source": src, "kind": "paraphrase", "asks": asks}


def N(q, src, asks):
    return {"question": q, "answers": [], "source": src, "kind": "near", "asks": asks}


def off(q, asks):
    return {"question": q, "answers": [], "source": None, "kind": "off", "asks": asks}


QUESTIONS = [
    # --- PDF: declaration of result of poll
    P(
        "Who got the most votes in the Marlcombe Vale ward election?",
        ["Hamish Clement Bridgewater", "BRIDGEWATER, Hamish Clement"],
        PDF,
        "person",
    ),
    P("How many votes did the Green Party candidate receive in Marlcombe Vale?", ["1,377"], PDF, "number"),
    P("What was the turnout in Marlcombe Vale?", ["42.7%"], PDF, "number"),
    P(
        "Who was the returning officer for the Brackenmoor district election?",
        ["Gwendolyn Ashcroft-Pryce"],
        PDF,
        "person",
    ),
    P("Where did the counting of the Marlcombe Vale votes happen?", ["Hollinbridge Leisure Centre"], PDF, "place"),
    P("At what time was the Marlcombe Vale result announced?", ["2.47pm"], PDF, "time"),
    P("How many ballot papers were thrown out altogether in Marlcombe Vale?", ["35"], PDF, "number"),
    N("What was the turnout in Marlcombe Vale ward at the previous election in 2021?", PDF, "number"),
    N("How old is the new councillor Priya Okonjo-Fairley?", PDF, "number"),
    N("How much did it cost Brackenmoor District Council to run the Marlcombe Vale election?", PDF, "amount"),
    off("Which film won Best Picture at the 2024 Oscars?", "other"),
    # --- DOCX: school inspection summary
    P("Who is the headteacher at Larkspur Lane?", ["Annabel Coverdale", "Mrs Annabel Coverdale"], DOCX, "person"),
    P("What grade did inspectors give Larkspur Lane for how pupils behave?", ["Outstanding"], DOCX, "other"),
    P("How was the nursery and reception provision at Larkspur Lane rated?", ["Requires improvement"], DOCX, "other"),
    P("How many children are on roll at Larkspur Lane Primary?", ["312"], DOCX, "number"),
    P("Which inspector led the visit to Larkspur Lane?", ["Tobias Wenlock", "Mr Tobias Wenlock"], DOCX, "person"),
    P("What proportion of Year 6 pupils at Larkspur Lane hit the expected standard in 2024?", ["71%"], DOCX, "number"),
    P("When was Larkspur Lane's last inspection before this one?", ["June 2021"], DOCX, "date"),
    N("How many teachers work at Larkspur Lane Primary School?", DOCX, "number"),
    N("What time does the school day start at Larkspur Lane?", DOCX, "time"),
    N("How much does Larkspur Lane's breakfast club cost per session?", DOCX, "amount"),
    off("How long should I boil an egg to get a runny yolk?", "duration"),
    # --- HTML: severe weather warning
    P("When does the amber wind warning for Storm Orla come into force?", ["04:00 Thursday 20 November"], HTML, "time"),
    P("How strong could the gusts get on exposed headlands during Storm Orla?", ["80 to 90 mph"], HTML, "number"),
    P("Which region is in the Storm Orla rain warning but not the wind warning?", ["West Midlands"], HTML, "place"),
    P("What number do I ring to report a power cut?", ["105"], HTML, "code"),
    P("How much rain might fall on Dartmoor and Exmoor?", ["50 to 70 mm"], HTML, "number"),
    P("Which forecaster is quoted in the Storm Orla warning?", ["Imogen Rathbone"], HTML, "person"),
    P("When does the yellow rain warning end?", ["15:00 Thursday 20 November"], HTML, "time"),
    N("What was the strongest gust actually recorded during Storm Orla?", HTML, "number"),
    N("How many homes lost power because of Storm Orla?", HTML, "number"),
    N("Will schools in Cornwall close on Thursday because of Storm Orla?", HTML, "yes/no"),
    off("What is the best way to descale a kettle?", "other"),
    # --- MD: rugby club AGM minutes
    P("Who won the vote for Head of Youth Development at Ashbourne Vale?", ["Kezia Abernethy"], MD, "person"),
    P("What will a senior player's subscription be for 2025/26?", ["£135"], MD, "amount"),
    P("Where did Ashbourne Vale's first team end up in the league table?", ["fourth"], MD, "other"),
    P("How much surplus did Ashbourne Vale RFC make in 2024/25?", ["£8,945"], MD, "amount"),
    P("Which company is the rugby club's new shirt sponsor?", ["Penhallow Building Supplies"], MD, "organisation"),
    P("How long had Wally Brigstock looked after the pitches?", ["31 years"], MD, "duration"),
    P("When do players report back for pre-season training?", ["Tuesday 29 July", "29 July"], MD, "date"),
    N("How much does a spectator's season ticket cost at Ashbourne Vale RFC?", MD, "amount"),
    N("Who coaches the Ashbourne Vale 1st XV?", MD, "person"),
    N("In what year was Ashbourne Vale RFC founded?", MD, "date"),
    off("How do I apply for a blue badge parking permit?", "other"),
    # --- TXT: magistrates' court report
    P("How long is Dylan Ferris-Hughes off the road for?", ["26 months"], TXT, "duration"),
    P("What did the van driver blow at the police station?", ["78 microgrammes"], TXT, "number"),
    P("How much a week must Tamsin Garrow pay back to the pharmacy?", ["£10 a week", "£10"], TXT, "amount"),
    P("What is the name of the dog that bit the postman?", ["Bruno"], TXT, "other"),
    P("Which magistrate chaired the bench in the drink-driving case?", ["Carole Penrose"], TXT, "person"),
    P("How fast was Aaron Whitcombe driving on the bypass?", ["94mph"], TXT, "number"),
    P("Which firm sacked the drink-driving delivery driver?", ["Quickdrop Logistics"], TXT, "organisation"),
    N("How old is the postman Jamal Okafor?", TXT, "number"),
    N("How much damage was done to the parked Vauxhall Corsa?", TXT, "amount"),
    N("At what time of day did Tamsin Garrow steal from the pharmacy?", TXT, "time"),
    off("What temperature should chicken be cooked to?", "number"),
    # --- HTM: theatre review
    P("What star rating did Proscenium give The Lighthouse Keeper's Wife?", ["★★★★☆"], HTM, "other"),
    P("Who is the playwright of The Lighthouse Keeper's Wife?", ["Rosalind Ebbery"], HTM, "person"),
    P("Which actor plays the relief keeper?", ["Femi Adeyemo-Grant"], HTM, "person"),
    P(
        "How long does The Lighthouse Keeper's Wife last with the interval?",
        ["two hours and forty minutes", "2hrs 40mins"],
        HTM,
        "duration",
    ),
    P("Where does the production move to after Hollinbridge?", ["Theatre Royal, Plymstock"], HTM, "place"),
    P("How old is the girl who plays Wenna?", ["twelve"], HTM, "number"),
    P("When is the final performance at the Corn Exchange?", ["11 October"], HTM, "date"),
    N("How much are tickets for The Lighthouse Keeper's Wife?", HTM, "amount"),
    N("What time does The Lighthouse Keeper's Wife start in the evening?", HTM, "time"),
    N("Which actor plays Agnes's long-lost brother?", HTM, "person"),
    off("What tyre pressure should a Ford Fiesta have?", "number"),
]


def main():
    texts = {}
    bad = []
    for q in QUESTIONS:
        src = q["source"]
        if src is None:
            continue
        if not (ART / src).exists():
            bad.append(f"missing article {src}")
            continue
        text = texts.setdefault(src, doc_text(src))
        for a in q["answers"]:
            if len(a) < 2:
                bad.append(f"single-character answer {a!r}")
            if collapse(a) not in text:
                bad.append(f"{src}: answer {a!r} not verbatim for {q['question']!r}")
    counts = {}
    for q in QUESTIONS:
        key = (q["source"], q["kind"])
        counts[key] = counts.get(key, 0) + 1
    for name in (PDF, DOCX, HTML, MD, TXT, HTM):
        if counts.get((name, "paraphrase")) != 7 or counts.get((name, "near")) != 3:
            bad.append(f"{name}: wrong question counts")
    if counts.get((None, "off")) != 6:
        bad.append("need six off-topic questions")
    if bad:
        print("\n".join(bad), file=sys.stderr)
        sys.exit(1)
    with open(OUT / "questions.jsonl", "w", encoding="utf-8") as f:
        for q in QUESTIONS:
            f.write(json.dumps(q, ensure_ascii=False) + "\n")
    print(f"wrote {len(QUESTIONS)} questions")


if __name__ == "__main__":
    main()
