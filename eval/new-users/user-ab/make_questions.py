"""Write questions.jsonl for the six articles and check every gold answer is verbatim in its text."""

import html
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ART = HERE / "articles"
SRC = HERE / "sources"

PDF = "brightwater-driving-agreement.pdf"
DOCX = "voltaway-charger-quote.docx"
HTML = "harwood-street-library.html"
MD = "muddy-paws-prices.md"
TXT = "fenmoor-marathon.txt"
HTM = "gable-house-room-block.htm"


def collapse(s):
    return re.sub(r"\s+", " ", s).strip()


def strip_tags(s):
    s = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", s)
    s = re.sub(r"(?s)<[^>]+>", " ", s)
    return collapse(html.unescape(s))


def doc_text(name):
    if name == PDF:
        return strip_tags((SRC / "driving_agreement.html").read_text(encoding="utf-8"))
    if name == DOCX:
        lines = (SRC / "charger_quote.txt").read_text(encoding="utf-8").splitlines()
        return collapse(" ".join(re.sub(r"^[A-Z]+:\s?", "", ln).replace(" | ", " ") for ln in lines))
    raw = (ART / name).read_text(encoding="utf-8")
    if name.endswith((".html", ".htm")):
        return strip_tags(raw)
    return collapse(raw)


def P(q, answers, asks):
    return {"kind": "paraphrase", "question": q, "answers": answers, "asks": asks}


def N(q, asks):
    return {"kind": "near", "question": q, "answers": [], "asks": asks}


QUESTIONS = {
    PDF: [
        P("What does the 20-hour intensive package cost?", ["£690"], "amount"),
        P("How far ahead do I have to cancel a driving lesson to avoid paying for it?", ["48 hours"], "duration"),
        P("What's the name of the woman teaching Tomasz to drive?", ["Delia Fairbrook"], "person"),
        P("How much more per hour is it to learn in an automatic?", ["£4"], "amount"),
        P("Who do I write to if I'm unhappy and the instructor can't sort it out?", ["Gareth Mulvany"], "person"),
        P("How long have I got to use up hours I've paid for in a block?", ["12 months"], "duration"),
        P("What is the instructor's ADI certificate number?", ["418277"], "code"),
        N("What percentage of Brightwater's pupils pass their test first time?", "number"),
        N("How old is Delia Fairbrook?", "number"),
        N("How much is the DVSA fee for the practical driving test?", "amount"),
    ],
    DOCX: [
        P("What's the full price of the charger job once VAT is added?", ["£1,436.40"], "amount"),
        P(
            "Which day has been pencilled in for fitting the charger?",
            ["Thursday 12 June 2025", "12 June 2025"],
            "date",
        ),
        P("How many years is Voltaway's own workmanship guaranteed for?", ["five years"], "duration"),
        P("How much do I have to pay up front to go ahead with the quote?", ["£359.10"], "amount"),
        P("Which electrician is doing the installation?", ["Callum Ostrowski"], "person"),
        P("What phone number should I ring if the charger goes wrong under warranty?", ["0330 058 2241"], "number"),
        P("Who came out to do the home survey?", ["Ruth Aldgate"], "person"),
        N("How many miles of range does the Lumen charger add in an hour?", "number"),
        N("How long has Voltaway been in business?", "duration"),
        N("What make of electric car does Mrs Halloran drive?", "other"),
    ],
    HTML: [
        P("What time does Harwood Street Library close on a Tuesday?", ["7pm"], "time"),
        P("Which weekday is the library shut all day?", ["Wednesday"], "other"),
        P("Who leads the coding sessions for children at the library?", ["Nadia Okonkwo-Reeve"], "person"),
        P("How much does it cost to go to Elspeth Varney's talk?", ["£4"], "amount"),
        P("What do black and white copies cost at the library?", ["15p per page", "15p"], "amount"),
        P("Which street do wheelchair users come in from?", ["Cooper Lane"], "place"),
        P("When is the children's section closing for refurbishment?", ["21 to 25 July 2025"], "date"),
        N("How much does it cost to park at Harwood Street Library?", "amount"),
        N("What year did Harwood Street Library first open?", "date"),
        N("How many books does Harwood Street Library have on its shelves?", "number"),
    ],
    MD: [
        P("How much would a full groom cost for my Labrador?", ["£65"], "amount"),
        P(
            "What's the charge if I'm late picking up my dog from the groomer?",
            ["£5 for every 15 minutes", "£5"],
            "amount",
        ),
        P("How much notice does the grooming salon want if I need to cancel?", ["24 hours"], "duration"),
        P("Up to what age can a puppy have the introduction session?", ["under 6 months", "6 months"], "duration"),
        P("Who runs Muddy Paws?", ["Harriet Penhaligon"], "person"),
        P("What deposit does a first-time grooming customer pay?", ["£15"], "amount"),
        P("How much will I be charged if the groomer finds fleas on my dog?", ["£18"], "amount"),
        N("How much does Muddy Paws charge to groom a cat?", "amount"),
        N("How many groomers work at Muddy Paws?", "number"),
        N("Which shampoo brand does the Muddy Paws salon use?", "organisation"),
    ],
    TXT: [
        P("Who was the fastest woman in the Fenmoor Marathon?", ["Aisling Mercer"], "person"),
        P("What was Reddaway's finishing time?", ["2:24:51", "2 hours 24 minutes 51 seconds"], "time"),
        P("How many people completed the marathon?", ["3,112"], "number"),
        P("How much did the marathon raise for charity?", ["£186,000"], "amount"),
        P("Which organisation was the race's official charity?", ["St Wilfrid's Hospice"], "organisation"),
        P("Who finished runner-up in the men's race?", ["Marek Sobczak"], "person"),
        P("What was the women's course record before this year's race?", ["2:43:30"], "time"),
        N("How much was the entry fee for the Fenmoor Marathon?", "amount"),
        N("How much prize money did Callum Reddaway win?", "amount"),
        N("What is the men's course record for the Fenmoor Marathon?", "time"),
    ],
    HTM: [
        P("How much is the deposit to hold the wedding rooms?", ["£500"], "amount"),
        P("What's the deadline for paying the hotel deposit?", ["30 May 2025"], "date"),
        P("What code should guests give when they ring the hotel to book?", ["ASHLIND25"], "code"),
        P("What does a standard double cost per night at the wedding rate?", ["£139"], "amount"),
        P("After what date do unbooked rooms go back on general sale?", ["8 August 2025"], "date"),
        P("How many rooms is the hotel holding for the wedding guests?", ["18"], "number"),
        P("What receipt reference did the hotel give for the deposit?", ["GH-DEP-7714"], "code"),
        N("How much does the wedding reception at Thornby Barn cost?", "amount"),
        N("How much does parking cost at the Gable House Hotel?", "amount"),
        N("How many guests are invited to the Ashworth-Lindqvist wedding?", "number"),
    ],
}

OFF = {
    PDF: ("What is the best soil for growing blueberries?", "other"),
    DOCX: ("How do I reset a forgotten Windows password?", "other"),
    HTML: ("Who painted the ceiling of the Sistine Chapel?", "person"),
    MD: ("What's a good recipe for sourdough bread?", "other"),
    TXT: ("How many moons does Jupiter have?", "number"),
    HTM: ("What is the deadline for filing a self-assessment tax return?", "date"),
}


def main():
    rows, errors = [], []
    for name, qs in QUESTIONS.items():
        text = doc_text(name)
        assert (ART / name).exists(), name
        kinds = [q["kind"] for q in qs]
        assert kinds.count("paraphrase") == 7 and kinds.count("near") == 3, name
        for q in qs:
            for a in q["answers"]:
                if a not in text:
                    errors.append(f"{name}: {a!r} not in text ({q['question']})")
            rows.append(
                {
                    "question": q["question"],
                    "answers": q["answers"],
                    "source": name,
                    "kind": q["kind"],
                    "asks": q["asks"],
                }
            )
        oq, asks = OFF[name]
        rows.append({"question": oq, "answers": [], "source": None, "kind": "off", "asks": asks})
    if errors:
        sys.exit("\n".join(errors))
    with open(HERE / "questions.jsonl", "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} questions")


if __name__ == "__main__":
    main()
