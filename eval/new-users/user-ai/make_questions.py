"""Write questions.jsonl and check every gold answer appears verbatim in its document's text."""

import html
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ART = HERE / "articles"
SRC = HERE / "sources"

PDF = "castlebridge_battery_release.pdf"
DOCX = "kettleby_season_review.docx"
HTML = "brightwell_kettle_recall.html"
MD = "corrandale_q3_trading_update.md"
TXT = "alderford_flood_defences.txt"
HTM = "dez_arkwright_obituary.htm"

# where the text to check each article's answers against lives
TEXT_OF = {
    PDF: SRC / "castlebridge_battery_release.html",
    DOCX: SRC / "kettleby_season_review.txt",
    HTML: ART / HTML,
    MD: ART / MD,
    TXT: ART / TXT,
    HTM: ART / HTM,
}


def plain(path: Path) -> str:
    t = path.read_text(encoding="utf-8")
    t = re.sub(r"<(script|style)\b.*?</\1>", " ", t, flags=re.S | re.I)
    t = re.sub(r"<[^>]+>", " ", t)
    t = html.unescape(t)
    return re.sub(r"\s+", " ", t)


def P(q, answers, src, asks):
    return {"question": q, "answers": answers, "source": src, "kind": "paraphrase", "asks": asks}


def N(q, src, asks):
    return {"question": q, "answers": [], "source": src, "kind": "near", "asks": asks}


def off(q, asks):
    return {"question": q, "answers": [], "source": None, "kind": "off", "asks": asks}


QUESTIONS = [
    # --- PDF: university press release, battery cathode ---
    P("Who headed up the Castlebridge sodium battery study?", ["Ingrid Hallworth"], PDF, "person"),
    P(
        "What share of its original storage did the new cathode hold on to after 2,000 cycles?",
        ["94.1%"],
        PDF,
        "number",
    ),
    P("What have the researchers called the new cathode material?", ["CMF-22"], PDF, "code"),
    P("Which company is going to build bigger pouch cells with the material?", ["Veldrax Cells"], PDF, "organisation"),
    P("How big was the grant that paid for the research?", ["£2.4 million"], PDF, "amount"),
    P("How much charge per gram does the titanium-doped cathode store?", ["162"], PDF, "number"),
    P("What metal did they add to stop the layers sliding apart?", ["titanium"], PDF, "other"),
    N("How old is Professor Hallworth?", PDF, "number"),
    N("How much would a home battery made with CMF-22 cost to buy?", PDF, "amount"),
    N("When was the University of Castlebridge founded?", PDF, "date"),
    off("How do I reset the password on my broadband router?", "other"),
    # --- DOCX: football club season review ---
    P("Who was the Kettleby Town manager this season?", ["Dale Pritchard"], DOCX, "person"),
    P("Who was Kettleby's top goalscorer?", ["Reece Okonjo"], DOCX, "person"),
    P("How many points did the league winners end up with?", ["84"], DOCX, "number"),
    P("Which team beat Kettleby in the play-off semi-final?", ["Stainford Rovers"], DOCX, "organisation"),
    P("What was the biggest crowd at Brook Lane this season?", ["1,312"], DOCX, "number"),
    P("Which player did the fans pick as their player of the season?", ["Callum Rudd"], DOCX, "person"),
    P("How much did the new floodlights cost?", ["£68,000"], DOCX, "amount"),
    N("How much is a season ticket at Kettleby Town for next season?", DOCX, "amount"),
    N("What is the capacity of the Brook Lane ground?", DOCX, "number"),
    N("In what year was Kettleby Town FC founded?", DOCX, "date"),
    off("What's the best way to get red wine out of a carpet?", "other"),
    # --- HTML: retailer product recall page ---
    P("Which kettle model number has been recalled?", ["BK-1720"], HTML, "code"),
    P(
        "What's the actual danger with the recalled kettle?",
        ["overheat and pose a risk of fire", "risk of fire"],
        HTML,
        "reason",
    ),
    P("What phone number do I call about the kettle recall?", ["0800 917 4420"], HTML, "number"),
    P("How much money will I get back if I return the kettle?", ["£24.99"], HTML, "amount"),
    P("From what date were the faulty kettles on sale?", ["3 February 2025"], HTML, "date"),
    P(
        "Do I have to show a receipt to get my refund?",
        ["You do not need a receipt", "do not need a receipt"],
        HTML,
        "yes/no",
    ),
    P("What reference should I quote when I email about the recall?", ["RCL-2025-014"], HTML, "code"),
    N("How many of the Brightwell kettles were sold before the recall?", HTML, "number"),
    N("What is the wattage of the Brightwell glass kettle?", HTML, "number"),
    N("How many customers have reported the kettle base catching fire?", HTML, "number"),
    off("Who won the men's singles at Wimbledon in 1987?", "person"),
    # --- MD: listed company quarterly trading update ---
    P("What were Corrandale's total sales for the three months to September?", ["£412.6m"], MD, "amount"),
    P("Who runs Corrandale as chief executive?", ["Harriet Voss"], MD, "person"),
    P("Which part of the business grew fastest in the quarter?", ["Online & Trade Counter Direct"], MD, "other"),
    P("How many branches did the group shut during the quarter?", ["nine"], MD, "number"),
    P("What profit does the board expect for the full year?", ["£61m to £65m"], MD, "amount"),
    P("When will the annual results come out?", ["4 March 2026"], MD, "date"),
    P("How much did the company owe in net debt at the end of September?", ["£88.3m"], MD, "amount"),
    N("What dividend per share is Corrandale paying?", MD, "amount"),
    N("What is Corrandale's share price?", MD, "amount"),
    N("How many people does Corrandale employ?", MD, "number"),
    off("How long should I boil an egg for a runny yolk?", "duration"),
    # --- TXT: local newspaper story, flood defences ---
    P("What's the total price tag of the Alderford flood scheme?", ["£18.7 million"], TXT, "amount"),
    P("How many homes should the new defences protect?", ["640"], TXT, "number"),
    P("When is the flood scheme due to be fully finished?", ["spring 2027"], TXT, "date"),
    P("For how long will the Mill Lane car park be closed?", ["18 months"], TXT, "duration"),
    P("Which councillor is responsible for environment at the county council?", ["Gareth Penhallow"], TXT, "person"),
    P("Which storm flooded Alderford in 2022?", ["Storm Edric"], TXT, "other"),
    P("Where can residents go to look at the designs and ask questions?", ["Alderford Library"], TXT, "place"),
    N("Which construction firm has won the contract to build the flood walls?", TXT, "organisation"),
    N("How many homes were flooded in Alderford during the 2022 storm?", TXT, "number"),
    N("How much will the new pumping station at Tanner's Reach cost?", TXT, "amount"),
    off("What is a good recipe for banana bread?", "other"),
    # --- HTM: newspaper obituary ---
    P("How old was Dez Arkwright when he died?", ["81"], HTM, "number"),
    P("What instrument did Dez Arkwright play?", ["fiddle"], HTM, "other"),
    P("What did Dez Arkwright do for a living?", ["postman"], HTM, "other"),
    P("What was the name of the Moss Lane Ramblers' album?", ["Ironstone Road"], HTM, "other"),
    P("Which festival did Arkwright help to set up?", ["Calder Folk Weekend"], HTM, "other"),
    P("Where is Dez Arkwright's funeral being held?", ["St Aidan's Church"], HTM, "place"),
    P("What time does the funeral start?", ["11am"], HTM, "time"),
    N("What illness did Dez Arkwright die of?", HTM, "reason"),
    N("How many copies did Ironstone Road sell?", HTM, "number"),
    N("What was Brenda Arkwright's maiden name?", HTM, "person"),
    off("What is the boiling point of liquid nitrogen?", "number"),
]


def main():
    texts = {name: plain(p) for name, p in TEXT_OF.items()}
    bad = []
    for q in QUESTIONS:
        if q["source"] is not None and not (ART / q["source"]).exists():
            bad.append(f"missing article {q['source']}")
        for a in q["answers"]:
            if a not in texts[q["source"]]:
                bad.append(f"{q['source']}: {a!r} not in text ({q['question']})")
            if len(a.strip()) < 2:
                bad.append(f"too short: {a!r}")
    counts = {}
    for q in QUESTIONS:
        key = (q["source"], q["kind"])
        counts[key] = counts.get(key, 0) + 1
    for name in TEXT_OF:
        if counts.get((name, "paraphrase")) != 7 or counts.get((name, "near")) != 3:
            bad.append(f"{name}: wrong counts {counts.get((name, 'paraphrase'))}/{counts.get((name, 'near'))}")
    if sum(1 for q in QUESTIONS if q["kind"] == "off") != 6:
        bad.append("need 6 off-topic questions")
    if bad:
        print("\n".join(bad), file=sys.stderr)
        sys.exit(1)
    with open(HERE / "questions.jsonl", "w", encoding="utf-8") as f:
        for q in QUESTIONS:
            f.write(json.dumps(q, ensure_ascii=False) + "\n")
    print(f"wrote {len(QUESTIONS)} questions")


if __name__ == "__main__":
    main()
