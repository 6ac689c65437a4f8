"""Write questions.jsonl for my six documents; check every answer is verbatim in its source."""
import html
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "sources"))
import make_lease  # noqa: E402

A = f"{HERE}/articles/"
S = f"{HERE}/sources/"


def page_text(path):
    t = open(path, encoding="utf-8").read()
    t = re.sub(r"<(script|style|head)\b.*?</\1>", " ", t, flags=re.S | re.I)
    t = re.sub(r"<[^>]+>", " ", t)
    return re.sub(r"\s+", " ", html.unescape(t))


SOURCES = {
    "larkspur-vale-festival-faq.md": open(A + "larkspur-vale-festival-faq.md", encoding="utf-8").read(),
    "allotment-hour-ep42-transcript.txt": open(A + "allotment-hour-ep42-transcript.txt", encoding="utf-8").read(),
    "corvid-aq7-spec-sheet.pdf": page_text(S + "corvid-aq7-spec.html"),
    "lease-14b-tanners-row.docx": make_lease.plain_text(),
    "millbrook-by-election-result.html": page_text(A + "millbrook-by-election-result.html"),
    "council-tax-bill-2025-26.htm": page_text(A + "council-tax-bill-2025-26.htm"),
}

Q = {
    "larkspur-vale-festival-faq.md": {
        "paraphrase": [
            ("What does a grown-up pay for the full weekend if they want to pitch a tent?", ["£145"]),
            ("How often does the free bus from the train station run?", ["every 20 minutes"]),
            ("What's the last date I can sign up to pay for my ticket monthly?", ["28 February 2025"]),
            ("If my wristband goes missing, how much will a new one set me back?", ["£15"]),
            ("Who is the main act on the Saturday?", ["Isolde Fairweather"]),
            ("How much beer am I allowed to bring to my tent?", ["12 cans"]),
            ("Until what date can I cancel and get my money back?", ["1 May 2025"]),
        ],
        "near-topic": [
            "How many people went to the festival last year?",
            "How old is Isolde Fairweather?",
            "How much does a pint cost at the festival bars?",
        ],
        "off-topic": ["What is the boiling point of mercury?"],
    },
    "allotment-hour-ep42-transcript.txt": {
        "paraphrase": [
            ("How many apple trees are there in the heritage orchard?", ["212"]),
            ("Which rootstock would he suggest if my garden is tiny?", ["M26"]),
            ("On what date is the trust holding its apple open day?", ["12 October"]),
            ("Who founded the fruit trust?", ["Margaret Dunlevy"]),
            ("How much does the trust charge for a young bare-root tree?", ["£18"]),
            ("What does the orchard use instead of spraying against codling moth?", ["pheromone traps"]),
            ("Which supposedly extinct apple was found in a hedge behind a chapel?", ["Pennock Russet"]),
        ],
        "near-topic": [
            "How long has Nell Ambrose been presenting the podcast?",
            "How many kilograms of fruit does a Pennock Russet tree produce in a year?",
            "What is the name of the farmer who leased the field to the trust?",
        ],
        "off-topic": ["Who won the 1966 football World Cup?"],
    },
    "corvid-aq7-spec-sheet.pdf": {
        "paraphrase": [
            ("How long does the AQ-7 run on one charge at the slowest sampling rate?", ["18 months"]),
            ("How much does the air monitor weigh?", ["210 g"]),
            ("What sort of screen is on the Corvid monitor?", ["e-ink"]),
            ("Which company makes the Corvid AQ-7?", ["Halewood Instruments"]),
            ("What is the highest CO2 level the monitor can measure?", ["5,000 ppm"]),
            ("How long is the guarantee on the AQ-7?", ["3 years"]),
            ("How much should the AQ-7 cost in the shops?", ["£179"]),
        ],
        "near-topic": [
            "How much does a replacement particle sensor for the AQ-7 cost?",
            "In what year was the Corvid AQ-7 first launched?",
            "How many decibels does the AQ-7's alarm buzzer produce?",
        ],
        "off-topic": ["What is the capital city of Mongolia?"],
    },
    "lease-14b-tanners-row.docx": {
        "paraphrase": [
            ("How much will Dmitri pay each month to live in the flat?", ["£1,150"]),
            ("On what date does the fixed term of the tenancy finish?", ["31 August 2026"]),
            ("Which scheme will look after the tenant's deposit?", ["Safeguard Deposit Scheme"]),
            ("What pet is the tenant allowed to have?", ["one cat"]),
            ("Who has agreed to guarantee the rent?", ["Adaeze Osei"]),
            ("How quickly does the tenant have to tell the landlord about a leak?", ["48 hours"]),
            ("How much was paid to hold the flat?", ["£265"]),
        ],
        "near-topic": [
            "What is Dmitri Osei's date of birth?",
            "How large is the flat at 14B Tanner's Row in square metres?",
            "What is the landlord's bank sort code for the rent payments?",
        ],
        "off-topic": ["How do you make a sourdough starter?"],
    },
    "millbrook-by-election-result.html": {
        "paraphrase": [
            ("Who won the Millbrook seat on the council?", ["Fatima Okonjo"]),
            ("How many votes did Labour's candidate get?", ["1,106"]),
            ("By how many votes did the winner beat the runner-up?", ["376"]),
            ("What proportion of voters turned out?", ["31.4%"]),
            ("Whose death led to the by-election?", ["Arthur Benning"]),
            ("Where did the count take place?", ["Harrowgate Leisure Centre"]),
            ("What time was the result announced?", ["1.15am"]),
        ],
        "near-topic": [
            "How old is Fatima Okonjo?",
            "How much did it cost the council to run the Millbrook by-election?",
            "How many ballot papers were rejected at the Millbrook count?",
        ],
        "off-topic": ["How do I reset my iPhone to factory settings?"],
    },
    "council-tax-bill-2025-26.htm": {
        "paraphrase": [
            ("What council tax band is 9 Saltmarsh Close in?", ["Band C"]),
            ("How much of my council tax goes to the county council?", ["£1,512.40"]),
            ("How much am I knocked off for living on my own?", ["£544.50", "25%"]),
            ("When do I have to make my first council tax payment?", ["1 April 2025"]),
            ("How big is the first instalment?", ["£163.44"]),
            ("What number can I phone to pay by card?", ["0300 555 0192"]),
            ("What is Mr Tilbury's council tax account number?", ["40018837"]),
        ],
        "near-topic": [
            "What was Mr Tilbury's total council tax bill last year?",
            "How much of the council tax goes to running the libraries?",
            "How many homes in Dunmere are in Band C?",
        ],
        "off-topic": ["What is a good recipe for lasagne?"],
    },
}


def main():
    lines = []
    for source, kinds in Q.items():
        text = SOURCES[source]
        assert 350 <= len(text.split()) <= 900, (source, len(text.split()))
        for q, answers in kinds["paraphrase"]:
            for a in answers:
                assert a in text, (source, q, a)
            lines.append({"question": q, "answers": answers, "kind": "paraphrase", "source": source})
        for q in kinds["near-topic"]:
            lines.append({"question": q, "answers": [], "kind": "near-topic", "source": source})
        for q in kinds["off-topic"]:
            lines.append({"question": q, "answers": [], "kind": "off-topic", "source": source})
    assert len(lines) == 66, len(lines)
    with open(HERE / "questions.jsonl", "w", encoding="utf-8") as f:
        for line in lines:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(len(lines), "questions written")


if __name__ == "__main__":
    main()
