"""Writes ../questions.jsonl and checks every answer occurs in its document."""
import json
import re
from html.parser import HTMLParser
from pathlib import Path

SRC = Path(__file__).resolve().parent
ART = SRC.parent / "articles"


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        self.parts.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(path):
    p = _Text()
    p.feed(Path(path).read_text(encoding="utf-8"))
    return "".join(p.parts)


def docx_text(path):
    import docx
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for r in t.rows:
            parts.extend(c.text for c in r.cells)
    return "\n".join(parts)


def md_text(path):
    return re.sub(r"[*_`]", "", Path(path).read_text(encoding="utf-8"))


def norm(s):
    return re.sub(r"\s+", " ", s).strip().lower()


TEXTS = {
    "coastal-geography-handbook.pdf": html_text(SRC / "coastal-geography-handbook.html"),
    "lanterns-of-moray-review.html": html_text(ART / "lanterns-of-moray-review.html"),
    "colonoscopy-appointment-letter.docx": docx_text(ART / "colonoscopy-appointment-letter.docx"),
    "corriebrae-ridge-circuit.md": md_text(ART / "corriebrae-ridge-circuit.md"),
    "fenwick-bakery-agm-minutes-2025.txt": (ART / "fenwick-bakery-agm-minutes-2025.txt").read_text(encoding="utf-8"),
    "tarnmouth-water-supply-interruption.htm": html_text(ART / "tarnmouth-water-supply-interruption.htm"),
}

Q = {
    "coastal-geography-handbook.pdf": {
        "paraphrase": [
            ("How much of my overall degree result is decided by second-year marks?", ["30 per cent"]),
            ("Who is in charge of the week-long trip to the island?", ["Dr Imogen Tresize", "Imogen Tresize"]),
            ("What do students have to chip in for food on the Skerrin trip?", ["£145"]),
            ("What's the code for the module on estuaries?", ["CGE2104"]),
            ("When is the statistics research proposal due in?", ["7 May 2026"]),
            ("What penalty do I get for each day I hand coursework in after the deadline?", ["5 marks"]),
            ("How many places are there on the marine planning option?", ["35 students", "35"]),
        ],
        "near-topic": [
            "What is the pass mark for a second-year module?",
            "How much are the annual tuition fees for the coastal geography degree?",
            "Which modules do students take in the third year?",
        ],
        "off-topic": ["How do I renew my passport online?"],
    },
    "lanterns-of-moray-review.html": {
        "paraphrase": [
            ("Who reviewed the Lanterns of Moray gig for the paper?", ["Saffron Delacourt-Byrne"]),
            ("What rating did the critic give the Corn Exchange show?", ["Four stars"]),
            ("How fast did the hall's tickets go?", ["eleven minutes"]),
            ("What is the band's newest album called?", ["Salt in the Hinges"]),
            ("Who plays pedal steel in the group now?", ["Tobias Wren"]),
            ("Which song did the band finish the night with?", ["Northbound Sleeper"]),
            ("How much will a ticket for the added March concert cost?", ["£32.50"]),
        ],
        "near-topic": [
            "Who produced the album Salt in the Hinges?",
            "When does Lanterns of Moray's European tour start?",
            "How many copies has the band's new album sold?",
        ],
        "off-topic": ["What is the capital of Australia?"],
    },
    "colonoscopy-appointment-letter.docx": {
        "paraphrase": [
            ("What time do I need to turn up at the hospital for my colonoscopy?", ["08:15"]),
            ("Which consultant will be doing the test?", ["Mr Anand Kulkarni-Reeve", "Anand Kulkarni-Reeve"]),
            ("Where am I supposed to leave my car?", ["Car park C"]),
            ("At what time should I drink the first sachet of the bowel prep?", ["17:00"]),
            ("How long does someone have to stay with me after sedation?", ["12 hours"]),
            ("Who do I phone if my bowel prep pack never turns up?", ["01632 960 433", "pre-assessment nurses"]),
            ("How much warning should I give if I need to cancel?", ["48 hours"]),
        ],
        "near-topic": [
            "What is the risk of a bowel perforation during a colonoscopy?",
            "Which bus route goes to St Aldhelm's Community Hospital?",
            "What are the visiting hours for inpatients at St Aldhelm's?",
        ],
        "off-topic": ["How many moons does Jupiter have?"],
    },
    "corriebrae-ridge-circuit.md": {
        "paraphrase": [
            ("How long is the full Corriebrae walk in kilometres?", ["14.2 km"]),
            ("How high is the summit of Sgurr na Corrie?", ["781 metres"]),
            ("What does it cost to park at Loch Veyne for the day?", ["£4"]),
            ("How tall is the rocky bit you have to scramble up on Creag an Eoin?", ["6-metre"]),
            ("On which day is the café at Balnagall Farm shut?", ["Tuesdays"]),
            ("When do dogs have to be kept on a short lead?", ["15 April to 31 July"]),
            ("What number should I ring before walking during deer stalking season?", ["01764 555 319"]),
        ],
        "near-topic": [
            "Is wild camping allowed on the Corriebrae Ridge?",
            "How high is Creag an Eoin?",
            "How much is the bus fare on service 47 to Glen Astley?",
        ],
        "off-topic": ["What's a good recipe for banana bread?"],
    },
    "fenwick-bakery-agm-minutes-2025.txt": {
        "paraphrase": [
            ("What were the bakery's total sales for the year?", ["£3.62 million"]),
            ("How big a dividend per share did shareholders approve?", ["9p"]),
            ("What percentage of votes did the proposal for partly online meetings get?", ["72.1 per cent"]),
            ("Which bank lent the money for the new production kitchen?", ["Weald Mutual Bank"]),
            ("Who is the bakery's head baker?", ["Tomasz Wieczorek"]),
            ("Who has to present the gluten-free feasibility study?", ["Odalys Fenwick-Rao"]),
            ("When will next year's annual general meeting take place?", ["8 September 2026"]),
        ],
        "near-topic": [
            "How much were the directors of Fenwick & Daughters paid last year?",
            "How much rent does the Ellsworth shop pay?",
            "What are the opening hours of the Cobham Yard kiosk?",
        ],
        "off-topic": ["Who won the 2018 football World Cup?"],
    },
    "tarnmouth-water-supply-interruption.htm": {
        "paraphrase": [
            ("What time is the water being shut off in Hollins Vale?", ["22:00"]),
            ("By what time should the supply be back on?", ["06:00"]),
            ("How much compensation will a household get if the water is not back on time?", ["£30"]),
            ("Roughly how many properties does the new main supply?", ["3,200"]),
            ("Where can I pick up bottled water during the shutdown?", ["Hollins Vale Community Centre"]),
            ("What number do I call to sign up to the priority services register?", ["0800 316 4455"]),
            ("Who is the project manager for the main replacement?", ["Yewande Thorsby"]),
        ],
        "near-topic": [
            "Will my Tarnmouth Water bill be reduced because of the interruption?",
            "How hard is the tap water in Tarnmouth?",
            "When is the next planned interruption on the Fellside Industrial Estate?",
        ],
        "off-topic": ["Who painted the Mona Lisa?"],
    },
}

lines = []
for source, qs in Q.items():
    text = norm(TEXTS[source])
    assert len(qs["paraphrase"]) == 7 and len(qs["near-topic"]) == 3 and len(qs["off-topic"]) == 1, source
    for q, answers in qs["paraphrase"]:
        for a in answers:
            assert norm(a) in text, (source, q, a)
        lines.append({"question": q, "answers": answers, "source": source, "kind": "paraphrase"})
    for kind in ("near-topic", "off-topic"):
        for q in qs[kind]:
            lines.append({"question": q, "answers": [], "source": source, "kind": kind})

assert len(lines) == 66, len(lines)
with open(SRC.parent / "questions.jsonl", "w", encoding="utf-8") as f:
    for line in lines:
        f.write(json.dumps(line, ensure_ascii=False) + "\n")
print(f"wrote {len(lines)} questions")
