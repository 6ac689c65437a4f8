"""Write questions.jsonl for the six articles, checking every gold answer appears verbatim in its document."""

import html
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent
ART = ROOT / "articles"
SRC = ROOT / "sources"

PDF = "brightfield_solar_annual_report.pdf"
DOCX = "marchbanks_piano_terms_2025.docx"
HTML = "hollybrook-greensward-rx42-lawnmower.html"
MD = "thornbury-vale-uniform-price-list.md"
TXT = "calderwick-press-release-ceo-q3.txt"
HTM = "westmere-council-missed-bin-emails.htm"


def strip_tags(s):
    s = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", s)
    s = re.sub(r"<[^>]+>", " ", s)
    return html.unescape(s)


def collapse(s):
    return re.sub(r"\s+", " ", s).strip()


def doc_text(name):
    if name == PDF:
        return collapse(strip_tags((SRC / "solar_report.html").read_text(encoding="utf-8")))
    if name == DOCX:
        raw = (SRC / "piano_letter.txt").read_text(encoding="utf-8")
        raw = re.sub(r"(?m)^(@letterhead |#+ |\| )", "", raw).replace(" | ", " ")
        return collapse(raw)
    raw = (ART / name).read_text(encoding="utf-8")
    if name.endswith((".html", ".htm")):
        raw = strip_tags(raw)
    return collapse(raw)


# (question, answers, asks)
PARA = {
    PDF: [
        ("How much electricity did the panels produce over their first full year?", ["6,412 kWh"], "amount"),
        ("Which month did the system generate the most power?", ["June 2024"], "date"),
        ("Who was the engineer that came out to fix the inverter?", ["Tomasz Wierzbicki"], "person"),
        ("How long was the system out of action after the inverter fault?", ["nine days"], "duration"),
        ("How much money did we make from selling surplus power to the grid?", ["£162.25"], "amount"),
        ("What compensation did the installer give us for the generation we lost?", ["£40"], "amount"),
        ("What is shading the panels on the garage roof in winter afternoons?", ["ash tree"], "other"),
    ],
    DOCX: [
        ("How much does an hour-long lesson cost?", ["£36.00"], "amount"),
        ("What day and time is Anaya's lesson booked for?", ["Thursdays at 4.45 pm"], "time"),
        ("If my daughter can't make a lesson, how much warning do I need to give?", ["24 hours"], "duration"),
        ("How many weeks of lessons are there in the autumn term?", ["13"], "number"),
        ("What does the teacher charge to come along to a pupil's practical exam?", ["£45"], "amount"),
        ("What reduction do families get if more than one child has lessons?", ["10%"], "number"),
        (
            "How much notice do we have to give if we want to stop lessons for good?",
            ["half a term's notice", "half a term"],
            "duration",
        ),
    ],
    HTML: [
        ("How wide a strip of grass does this mower cut?", ["42 cm"], "number"),
        ("How long will it keep going on a single battery charge?", ["Up to 50 minutes", "50 minutes"], "duration"),
        ("What is the mower's sale price at the moment?", ["£329.00"], "amount"),
        ("How heavy is the mower once the battery is fitted?", ["21.4 kg"], "number"),
        ("How long does it take to recharge the battery?", ["85 minutes"], "duration"),
        ("Which customer said their battery stopped holding charge after a season?", ["Aled P."], "person"),
        ("How much would an extra battery cost me?", ["£119"], "amount"),
    ],
    MD: [
        ("How much is a blazer for a child with a 30 inch chest?", ["£32.50"], "amount"),
        (
            "When is the fitting session for children starting in Year 7?",
            ["Thursday 26 June 2025", "26 June 2025"],
            "date",
        ),
        (
            "What's the last day I can order online and still be sure of getting the uniform before school starts?",
            ["Friday 1 August 2025", "1 August 2025"],
            "date",
        ),
        ("What does it cost to have an order delivered to my house?", ["£3.95"], "amount"),
        (
            "Who should I get in touch with about help paying for uniform?",
            ["Mrs Joanne Ferrand", "Joanne Ferrand"],
            "person",
        ),
        ("How long do I have to take back items that haven't been worn?", ["28 days"], "duration"),
        ("Which year groups have to buy the rugby top?", ["Years 7 to 9"], "other"),
    ],
    TXT: [
        ("Who is going to be Calderwick's new boss?", ["Dr Imogen Sayers-Blake", "Imogen Sayers-Blake"], "person"),
        ("When does the incoming chief executive take up the job?", ["2 February 2026"], "date"),
        ("What were Calderwick's sales in the July to September quarter?", ["GBP 61.4m"], "amount"),
        ("Who is the chief executive that is stepping down?", ["Neil Hartigan"], "person"),
        ("Which headhunting firm helped with the recruitment?", ["Harcourt Lisle Partners"], "organisation"),
        ("What salary will the new CEO get?", ["GBP 465,000"], "amount"),
        ("How much is the Scandinavian train coupler deal worth?", ["GBP 38 million"], "amount"),
    ],
    HTM: [
        ("What reference number did the council give the complaint?", ["WBC-CMP-0086314"], "code"),
        ("On what day was the brown bin first missed?", ["Tuesday 14 October"], "date"),
        ("Which council officer is handling the complaint?", ["Siobhan Tierney"], "person"),
        ("How much do you get back for each collection that is missed?", ["£2.10"], "amount"),
        ("How much does the garden waste service cost a year?", ["£52"], "amount"),
        ("How long can the council take to reply once a complaint goes to Stage 2?", ["20 working days"], "duration"),
        ("At what time did the bin crew say the bin wasn't out?", ["7.55am"], "time"),
    ],
}

NEAR = {
    PDF: [
        ("How much did the solar panel system cost to buy and install?", "amount"),
        ("How many years of warranty come with the Solvantis panels?", "duration"),
        ("Who is the managing director of Brightfield Solar Services?", "person"),
    ],
    DOCX: [
        ("How many years has Elspeth Marchbanks been teaching piano?", "duration"),
        ("How much is the ABRSM entry fee for a Grade 4 practical exam?", "amount"),
        ("What did a 45-minute lesson cost in the previous school year?", "amount"),
    ],
    HTML: [
        ("In which country is the Greensward RX42 made?", "place"),
        ("What is the cutting width of the Greensward RX34?", "number"),
        ("How much does the fast charger cost if bought on its own?", "amount"),
    ],
    MD: [
        ("How much does the school winter coat cost?", "amount"),
        ("What is the name of Thornbury Vale Academy's headteacher?", "person"),
        ("How many pupils attend Thornbury Vale Academy?", "number"),
    ],
    TXT: [
        ("How old is Imogen Sayers-Blake?", "number"),
        ("What was Calderwick's share price after the announcement?", "amount"),
        ("Who founded Calderwick Rail Components?", "person"),
    ],
    HTM: [
        ("What is the name of Westmere's Head of Environmental Services?", "person"),
        ("On which day of the week are general rubbish bins emptied on Lindale Road?", "date"),
        ("How much is the fine for putting a bin out on the wrong day in Westmere?", "amount"),
    ],
}

OFF = [
    ("How many moons does Jupiter have?", "number"),
    ("What is the boiling point of water at the top of Mount Everest?", "number"),
    ("What is the population of Iceland?", "number"),
    ("Which planet is closest to the sun?", "other"),
    ("What is the recommended daily intake of vitamin C for adults?", "amount"),
    ("Who wrote the novel Middlemarch?", "person"),
]


def main():
    rows = []
    errors = []
    for i, name in enumerate([PDF, DOCX, HTML, MD, TXT, HTM]):
        text = doc_text(name)
        assert len(PARA[name]) == 7 and len(NEAR[name]) == 3
        for q, answers, asks in PARA[name]:
            for a in answers:
                if a not in text:
                    errors.append(f"{name}: {a!r} not found (question: {q})")
            rows.append({"question": q, "answers": answers, "source": name, "kind": "paraphrase", "asks": asks})
        for q, asks in NEAR[name]:
            rows.append({"question": q, "answers": [], "source": name, "kind": "near", "asks": asks})
        q, asks = OFF[i]
        rows.append({"question": q, "answers": [], "source": None, "kind": "off", "asks": asks})
    if errors:
        print("\n".join(errors), file=sys.stderr)
        sys.exit(1)
    with open(ROOT / "questions.jsonl", "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} questions")


if __name__ == "__main__":
    main()
