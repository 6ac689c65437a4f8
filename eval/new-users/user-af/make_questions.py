"""Write questions.jsonl for the six bakery documents and check every gold answer.

Each gold answer must appear verbatim in its document's text:
- .pdf / .docx: in the HTML source under sources/ with tags removed and whitespace collapsed;
- .html / .htm: in the article with scripts/styles/tags removed, entities decoded, whitespace collapsed;
- .md / .txt: in the file as written (and, for answers spanning a line break, with whitespace collapsed).
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
SOURCES = HERE / "sources"

PDF = "thornbury-invoice-INV-2025-08817.pdf"
DOCX = "lease-renewal-offer-14-tanners-row.docx"
HTML = "food-hygiene-rating-larkspur-bakehouse.html"
MD = "staff-rota-october-2025.md"
TXT = "cake-complaint-penhallow.txt"
HTM = "year-end-tax-email-thread.htm"

SOURCE_OF = {PDF: SOURCES / "invoice.html", DOCX: SOURCES / "lease_offer.html"}


def collapse(text: str) -> str:
    return " ".join(text.split())


def strip_tags(markup: str) -> str:
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", markup)
    markup = re.sub(r"(?s)<!--.*?-->", " ", markup)
    markup = re.sub(r"(?s)<[^>]+>", " ", markup)
    return collapse(html.unescape(markup))


def document_text(name: str) -> str:
    if name in SOURCE_OF:
        return strip_tags(SOURCE_OF[name].read_text(encoding="utf-8"))
    raw = (ARTICLES / name).read_text(encoding="utf-8")
    if name.endswith((".html", ".htm")):
        return strip_tags(raw)
    return raw


def q(question, answers, source, kind, asks):
    return {"question": question, "answers": answers, "source": source, "kind": kind, "asks": asks}


QUESTIONS = [
    # --- PDF: supplier's invoice ---
    q("How much VAT did Thornbury Mill add to the August bill?", ["£26.40"], PDF, "paraphrase", "amount"),
    q(
        "What's the last day I can pay the flour and dairy invoice without it being late?",
        ["14 September 2025"],
        PDF,
        "paraphrase",
        "date",
    ),
    q(
        "What were we paying for a case of butter before Thornbury put the price up?",
        ["£36.20"],
        PDF,
        "paraphrase",
        "amount",
    ),
    q("How many sacks of white bread flour came on that delivery?", ["12"], PDF, "paraphrase", "number"),
    q("What's the total I owe Thornbury Mill on invoice 08817?", ["£818.65"], PDF, "paraphrase", "amount"),
    q("Which sort code do I use to pay Thornbury by bank transfer?", ["40-22-17"], PDF, "paraphrase", "code"),
    q(
        "Who at Thornbury should I ring if something on the invoice looks wrong?",
        ["Lorna Pettifer"],
        PDF,
        "paraphrase",
        "person",
    ),
    q("How much discount does Thornbury give if I pay the invoice early?", [], PDF, "near", "amount"),
    q("What does Thornbury charge for a sack of rye flour?", [], PDF, "near", "amount"),
    q("Until when is the new butter price guaranteed?", [], PDF, "near", "date"),
    q("What time does the Hollinsford leisure centre pool open on Sundays?", [], None, "off", "time"),
    # --- DOCX: lease renewal offer letter ---
    q("What annual rent is the landlord proposing for the new lease?", ["£19,750"], DOCX, "paraphrase", "amount"),
    q("How many years would the renewed lease last?", ["6 years"], DOCX, "paraphrase", "duration"),
    q(
        "What's the deadline for telling the agents I accept the new terms in principle?",
        ["17 October 2025"],
        DOCX,
        "paraphrase",
        "date",
    ),
    q("Which company is my landlord?", ["Halberd Estates Limited"], DOCX, "paraphrase", "organisation"),
    q(
        "If I want to walk away partway through, on what date could I end the new lease early?",
        ["24 March 2029"],
        DOCX,
        "paraphrase",
        "date",
    ),
    q("How much would I have to hand over as a security deposit?", ["£4,937.50"], DOCX, "paraphrase", "amount"),
    q(
        "What's the most I'd pay in a year towards upkeep of the roof and yard?",
        ["£1,150"],
        DOCX,
        "paraphrase",
        "amount",
    ),
    q("What business rates will the shop have to pay under the new lease?", [], DOCX, "near", "amount"),
    q("What is the phone number of the landlord's solicitors, Marchbank Lyle?", [], DOCX, "near", "code"),
    q("How much did the rent go up at the last rent review of the current lease?", [], DOCX, "near", "amount"),
    q("How many goals did Hollinsford Town score last season?", [], None, "off", "number"),
    # --- HTML: council food hygiene rating page ---
    q(
        "What food hygiene score did the council give Larkspur Bakehouse?",
        ["4 – Good", "4"],
        HTML,
        "paraphrase",
        "number",
    ),
    q(
        "On what day did the environmental health officer visit the bakery?",
        ["22 July 2025"],
        HTML,
        "paraphrase",
        "date",
    ),
    q("When was the bakery inspected before this latest visit?", ["9 March 2022"], HTML, "paraphrase", "date"),
    q(
        "How long do I have to challenge the hygiene rating if I think it's unfair?",
        ["21 days"],
        HTML,
        "paraphrase",
        "duration",
    ),
    q("What does it cost to get the council to come back and re-score us?", ["£210"], HTML, "paraphrase", "amount"),
    q("Which part of the inspection came out worst?", ["Management of food safety"], HTML, "paraphrase", "other"),
    q(
        "Which new products were missing from the allergen chart?",
        ["sesame and rye sourdough", "pistachio frangipane tart"],
        HTML,
        "paraphrase",
        "other",
    ),
    q("What was the name of the officer who inspected the bakery?", [], HTML, "near", "person"),
    q("How many food businesses in Hollinsford have the top rating of 5?", [], HTML, "near", "number"),
    q("When is the bakery's next routine hygiene inspection due?", [], HTML, "near", "date"),
    q("How do I renew my UK passport?", [], None, "off", "other"),
    # --- MD: staff rota and holiday notes ---
    q("What time does the head baker start work on a weekday?", ["04:30"], MD, "paraphrase", "time"),
    q("Which day of the week is the apprentice away at college?", ["Wednesday"], MD, "paraphrase", "date"),
    q("Who's standing in as counter supervisor while Priya is off?", ["Eleni Markou"], MD, "paraphrase", "person"),
    q("How many days of annual leave does Declan still have to book?", ["11.5"], MD, "paraphrase", "number"),
    q("When does the staff holiday year begin?", ["1 April"], MD, "paraphrase", "date"),
    q("What time does the shop close on Christmas Eve?", ["14:00"], MD, "paraphrase", "time"),
    q("Who do I tell once I've arranged to swap a shift with someone?", ["Priya Sandhu"], MD, "paraphrase", "person"),
    q("What is Tobias Renshaw's hourly rate of pay?", [], MD, "near", "amount"),
    q("How many sick days has Ffion Aldridge had this year?", [], MD, "near", "number"),
    q("What is the code for the bakery's burglar alarm?", [], MD, "near", "code"),
    q("What's the weather forecast for this weekend?", [], None, "off", "other"),
    # --- TXT: customer complaint email and reply ---
    q("What's the name of the little girl the cake was for?", ["Isla"], TXT, "paraphrase", "person"),
    q("How much did Mr Penhallow pay altogether for the cake?", ["£46.00"], TXT, "paraphrase", "amount"),
    q("What name was actually piped on the cake by mistake?", ["Isa"], TXT, "paraphrase", "other"),
    q("How much money did the bakery give back to the customer?", ["£23.00"], TXT, "paraphrase", "amount"),
    q("How soon should the refund show up on his card?", ["3 to 5 working days"], TXT, "paraphrase", "duration"),
    q("How long was he kept waiting in the shop for the cake?", ["40 minutes"], TXT, "paraphrase", "duration"),
    q("What colour icing had the family asked for?", ["lilac"], TXT, "paraphrase", "other"),
    q("How old is Graham Penhallow?", [], TXT, "near", "number"),
    q("Which member of staff decorated the unicorn cake?", [], TXT, "near", "person"),
    q("What flavour was the sponge in the birthday cake?", [], TXT, "near", "other"),
    q("How do I reset my broadband router?", [], None, "off", "other"),
    # --- HTM: accountant's email thread on the year-end tax bill ---
    q("How big is the corporation tax bill for the year to March 2025?", ["£9,169.40"], HTM, "paraphrase", "amount"),
    q("By when does the company have to pay HMRC?", ["1 January 2026"], HTM, "paraphrase", "date"),
    q("How much did the new deck oven cost?", ["£14,800"], HTM, "paraphrase", "amount"),
    q("What is Dunmore Beck charging to do the accounts?", ["£1,450"], HTM, "paraphrase", "amount"),
    q(
        "How much should Bronwen put aside each month so she can pay the tax on time?",
        ["£800"],
        HTM,
        "paraphrase",
        "amount",
    ),
    q("What's HMRC's scheme for paying tax in instalments called?", ["Time to Pay"], HTM, "paraphrase", "other"),
    q("By how much is Bronwen's director's loan account overdrawn?", ["£2,340"], HTM, "paraphrase", "amount"),
    q("What was the bakery's turnover for the year to 31 March 2025?", [], HTM, "near", "amount"),
    q("How much corporation tax did the company pay for the previous year?", [], HTM, "near", "amount"),
    q("What is Ruth Ashdown's hourly rate for extra work?", [], HTM, "near", "amount"),
    q("Who won the 2019 Rugby World Cup?", [], None, "off", "other"),
]


def main() -> None:
    errors = []
    texts: dict[str, str] = {}
    per_doc: dict[str, dict[str, int]] = {}
    for item in QUESTIONS:
        src = item["source"]
        if item["kind"] == "off":
            if src is not None or item["answers"]:
                errors.append(f"off-topic question must have no source and no answers: {item['question']}")
            continue
        if src is None:
            errors.append(f"missing source: {item['question']}")
            continue
        counts = per_doc.setdefault(src, {"paraphrase": 0, "near": 0})
        counts[item["kind"]] += 1
        if item["kind"] == "near" and item["answers"]:
            errors.append(f"near-topic question has answers: {item['question']}")
        if item["kind"] == "paraphrase" and not item["answers"]:
            errors.append(f"paraphrase question has no answers: {item['question']}")
        if src not in texts:
            texts[src] = document_text(src)
        text = texts[src]
        for answer in item["answers"]:
            if answer not in text and collapse(answer) not in collapse(text):
                errors.append(f"gold answer {answer!r} not found verbatim in {src}: {item['question']}")
    for name in (PDF, DOCX, HTML, MD, TXT, HTM):
        if not (ARTICLES / name).exists():
            errors.append(f"article missing: {name}")
        if per_doc.get(name) != {"paraphrase": 7, "near": 3}:
            errors.append(f"{name}: expected 7 paraphrase + 3 near, got {per_doc.get(name)}")
    if sum(1 for item in QUESTIONS if item["kind"] == "off") != 6:
        errors.append("expected 6 off-topic questions")
    if errors:
        print("\n".join(errors), file=sys.stderr)
        sys.exit(1)
    out = HERE / "questions.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for item in QUESTIONS:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"wrote {len(QUESTIONS)} questions to {out}")


if __name__ == "__main__":
    main()
