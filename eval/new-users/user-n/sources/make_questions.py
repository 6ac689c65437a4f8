"""Writes ../questions.jsonl and checks every answer occurs in its document's text."""
import html
import json
import re
from pathlib import Path

import docx

SRC = Path(__file__).resolve().parent
ART = SRC.parent / "articles"


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def html_text(path):
    t = Path(path).read_text(encoding="utf-8")
    t = re.sub(r"<(script|style)\b.*?</\1>", " ", t, flags=re.S | re.I)
    t = re.sub(r"<[^>]+>", " ", t)
    return norm(html.unescape(t))


def docx_text(path):
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for tb in d.tables:
        for row in tb.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return norm(" ".join(parts))


TEXTS = {
    "fixing-shed-interview.txt": norm((ART / "fixing-shed-interview.txt").read_text(encoding="utf-8")),
    "corvane-aero-14-review.html": html_text(ART / "corvane-aero-14-review.html"),
    "mortgage-offer.pdf": html_text(SRC / "mortgage-offer.html"),
    "marrowfield-spring-programme.docx": docx_text(ART / "marrowfield-spring-programme.docx"),
    "tessaly-rings-press-release.md": norm((ART / "tessaly-rings-press-release.md").read_text(encoding="utf-8")),
    "greywater-museum-booking.htm": html_text(ART / "greywater-museum-booking.htm"),
}

Q = {
    "fixing-shed-interview.txt": {
        "paraphrase": [
            ("Which broken household gadget gave Delphine the idea of starting a repair café?", ["kettle"]),
            ("When did the repair café hold its very first session?", ["April 2019"]),
            ("How many people are on the volunteer rota these days?", ["thirty-four"]),
            ("What sort of appliance do people bring in to be mended more than anything else?", ["Toasters"]),
            ("How much money did the town council hand over to the repair café?", ["£4,800"]),
            ("Why won't the volunteers take apart microwaves?", ["the capacitors inside can hold a dangerous charge"]),
            ("Where is the repair café moving to when it leaves the bus depot?", ["St Cuthbert's church hall"]),
        ],
        "near-topic": [
            "How old is Delphine Harrow?",
            "Who has been appointed as volunteer coordinator for the Carrow Vale site?",
            "What phone number should I ring to reach The Fixing Shed?",
        ],
        "off-topic": "Who won the men's singles at Wimbledon in 1987?",
    },
    "corvane-aero-14-review.html": {
        "paraphrase": [
            ("How heavy is the Corvane Aero 14?", ["1.19 kg"]),
            ("How long did the battery keep going in the reviewer's video playback test?", ["13 hours and 40 minutes"]),
            ("What chip was inside the laptop that was reviewed?", ["Talvex T7"]),
            ("What's the cheapest version of the Aero 14 going to cost me?", ["£999"]),
            ("How noisy did the fans get while exporting video?", ["41 decibels"]),
            ("Who wrote the GadgetLedger review of the Aero 14?", ["Imogen Falk"]),
            ("How quickly does the charger get the laptop from flat to half full?", ["32 minutes"]),
        ],
        "near-topic": [
            "How long is the warranty on the Corvane Aero 14?",
            "What does the Aero 14 cost in US dollars?",
            "How many speakers does the Corvane Aero 14 have?",
        ],
        "off-topic": "How often should I water a potted orchid?",
    },
    "mortgage-offer.pdf": {
        "paraphrase": [
            ("How much is the building society lending Ms Brandvold?", ["£186,500"]),
            ("What will she pay each month while the fixed rate lasts?", ["£1,024.37"]),
            ("When does the fixed interest rate come to an end?", ["31 July 2030"]),
            ("What did the surveyor say the house was worth?", ["£252,000"]),
            ("What penalty applies if she pays the mortgage off in the third year?", ["2%"]),
            ("Which law firm will the building society send the money to on completion?", ["Greaves Ordish LLP"]),
            ("Who signed the mortgage offer letter?", ["Gregory Amberley"]),
        ],
        "near-topic": [
            "What is Annika Brandvold's yearly salary?",
            "How much deposit in pounds is Ms Brandvold putting down on the house?",
            "What is the APRC on the Thornbury & Vale mortgage?",
        ],
        "off-topic": "What is the capital city of Mongolia?",
    },
    "marrowfield-spring-programme.docx": {
        "paraphrase": [
            ("How much did supporters raise to fix the roof?", ["£18,350"]),
            ("Who is the arts centre's artistic director?", ["Rosalind Quaye"]),
            ("What time does the folk band from Shetland come on?", ["7.30pm"]),
            ("How much is a ticket to the jazz brunch?", ["£22 including brunch", "£22"]),
            ("Who wrote the play the youth theatre is putting on?", ["Freya Lindqvist"]),
            ("What does it cost per year to become a Friend of the Tannery?", ["£30 a year", "£30"]),
            ("Is there an extra charge if I book tickets over the phone, and how much?", ["75p per ticket", "75p"]),
        ],
        "near-topic": [
            "How much does it cost to park in the Foundry Row car park during the day?",
            "What time does the comedy night at the Old Tannery finish?",
            "Who is the lead singer of The Glass Orchard?",
        ],
        "off-topic": "What's a good recipe for banana bread?",
    },
    "tessaly-rings-press-release.md": {
        "paraphrase": [
            ("On what date did the telescopes watch Tessaly pass in front of the star?", ["12 February 2025"]),
            ("How many telescopes took part in watching the occultation?", ["eleven"]),
            ("How wide is the ring around Tessaly?", ["7 kilometres"]),
            ("Who headed the research team?", ["Dr Ines Marwick", "Ines Marwick"]),
            ("How long does Tessaly take to travel once round the Sun?", ["312 years"]),
            ("From where will the next occultation be visible?", ["southern Africa"]),
            ("In which journal did the team publish the discovery?", ["Journal of Outer Solar System Studies"]),
        ],
        "near-topic": [
            "What is the mass of Tessaly?",
            "What is the name of the moon that shepherds Tessaly's ring?",
            "How much money did the Northmoor Science Council give for the research?",
        ],
        "off-topic": "How do I fix a puncture in a bicycle inner tube?",
    },
    "greywater-museum-booking.htm": {
        "paraphrase": [
            ("What time should the class get to the museum?", ["9.45am"]),
            ("Who will run the workshop for the children?", ["Hannah Prewitt"]),
            ("How much is still owed once the deposit has been taken off?", ["£302.00"]),
            ("Where can our coach park during the visit?", ["Ferrier's Yard"]),
            ("How many children are booked on the trip?", ["58"]),
            ("How many pupils can one adult look after under the museum's rules?", ["eight"]),
            ("How much will an extra parent helper beyond the ratio have to pay to get in?", ["£9"]),
        ],
        "near-topic": [
            "How much does it cost to park a coach at Ferrier's Yard?",
            "Who is the headteacher of St Aldhelm's Primary School?",
            "What time does the Greywater Museum close on Thursdays?",
        ],
        "off-topic": "What is the population of Brazil?",
    },
}

rows = []
for source, qs in Q.items():
    text = TEXTS[source].lower()
    assert len(qs["paraphrase"]) == 7 and len(qs["near-topic"]) == 3, source
    for question, answers in qs["paraphrase"]:
        for a in answers:
            assert norm(a).lower() in text, (source, question, a)
        rows.append({"question": question, "answers": answers, "source": source, "kind": "paraphrase"})
    for question in qs["near-topic"]:
        rows.append({"question": question, "answers": [], "source": source, "kind": "near-topic"})
    rows.append({"question": qs["off-topic"], "answers": [], "source": source, "kind": "off-topic"})

assert len(rows) == 66, len(rows)
with open(SRC.parent / "questions.jsonl", "w", encoding="utf-8") as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print("wrote", len(rows), "questions")
