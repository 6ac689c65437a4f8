"""Write questions.jsonl and check every gold answer appears verbatim in its document's text."""

import html
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ART = HERE / "articles"
SRC = HERE / "sources"


def collapse(text):
    return re.sub(r"\s+", " ", text).strip()


def strip_tags(markup):
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", markup)
    markup = re.sub(r"<[^>]+>", " ", markup)
    return collapse(html.unescape(markup))


def json_strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from json_strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from json_strings(v)


def doc_text(name):
    if name.endswith(".pdf"):
        return strip_tags((SRC / "completion_statement.html").read_text(encoding="utf-8"))
    if name.endswith(".docx"):
        data = json.loads((SRC / "removal_quote.json").read_text(encoding="utf-8"))
        return collapse(" ".join(json_strings(data)))
    raw = (ART / name).read_text(encoding="utf-8")
    if name.endswith((".html", ".htm")):
        return strip_tags(raw)
    return collapse(raw)


PDF = "completion_statement.pdf"
DOCX = "removal_quote.docx"
HTML = "orchard_rise_listing.html"
MD = "moving_day_checklist.md"
TXT = "severnmere_water_letter.txt"
HTM = "lumenfibre_emails.htm"

Q = []


def para(src, question, answers, asks):
    Q.append({"question": question, "answers": answers, "source": src, "kind": "paraphrase", "asks": asks})


def near(src, question, asks):
    Q.append({"question": question, "answers": [], "source": src, "kind": "near", "asks": asks})


def off(question, asks):
    Q.append({"question": question, "answers": [], "source": None, "kind": "off", "asks": asks})


# --- solicitor's completion statement (PDF)
para(PDF, "How much stamp duty do we have to pay on the house we're buying?", ["£10,625.00"], "amount")
para(
    PDF,
    "What's the remaining sum I have to transfer to the solicitors so the purchase can go through?",
    ["£14,608.99"],
    "amount",
)
para(PDF, "What's the deadline for our money to land in the law firm's account?", ["11 March 2025"], "date")
para(PDF, "Which lender is providing the home loan for the new place?", ["Northmoor Building Society"], "organisation")
para(PDF, "How much will it take to pay off our existing home loan?", ["£176,843.19"], "amount")
para(PDF, "Who at the law firm is dealing with our move?", ["Helena Wardrop"], "person")
para(PDF, "What did the agents charge altogether for selling our current house?", ["£4,867.20"], "amount")
near(PDF, "What is the solicitor's hourly charging rate?", "amount")
near(PDF, "How much is the buildings insurance premium on Orchard Rise?", "amount")
near(PDF, "What interest rate is our new Northmoor mortgage on?", "number")
off("How long should I boil an egg for a runny yolk?", "duration")

# --- removal company's quote (DOCX)
para(DOCX, "What's the full cost of the removal once VAT is added?", ["£3,053.40"], "amount")
para(DOCX, "How much do I have to pay now to secure the removal booking?", ["£458.01"], "amount")
para(DOCX, "Who did the video walk-round of our house for the removal firm?", ["Colm Ridley"], "person")
para(DOCX, "If we're stuck waiting for the keys, how much will the movers bill us per hour?", ["£65"], "amount")
para(DOCX, "How long have I got to report anything broken during the move?", ["7 days"], "duration")
para(DOCX, "What's the charge for shifting the piano?", ["£195.00"], "amount")
para(DOCX, "By when must the rest of the removal bill be settled?", ["7 March 2025"], "date")
near(DOCX, "In what year was Hartwell & Daughters set up?", "date")
near(DOCX, "How much would it cost to keep the shed contents in storage for an extra fortnight?", "amount")
near(DOCX, "How much does Hartwell charge to clean the old house after everything is moved out?", "amount")
off("What is the capital city of Australia?", "place")

# --- estate agent's listing (HTML)
para(HTML, "Which council tax band is Orchard Rise in?", ["Band E"], "other")
para(HTML, "How much land does the house sit on?", ["0.21 acres"], "number")
para(HTML, "What price was the house being marketed at?", ["£425,000"], "amount")
para(HTML, "How far is it to the village primary school?", ["0.4 miles"], "number")
para(HTML, "When was the boiler put in?", ["2019"], "date")
para(HTML, "What size is the kitchen?", ["5.48m x 3.62m"], "number")
para(HTML, "Which company originally built the house?", ["Ashcombe Homes"], "organisation")
near(HTML, "How many square metres is the house in total?", "number")
near(HTML, "What is the yearly council tax bill for Orchard Rise?", "amount")
near(HTML, "What did the current owners pay when they bought the house?", "amount")
off("How do I get red wine out of a carpet?", "other")

# --- moving-day checklist (MD)
para(MD, "What did the gas meter say when we left Chandos Road?", ["07719"], "number")
para(MD, "Where do I turn the water off at the new house?", ["in the garage"], "place")
para(MD, "What's the removal foreman's mobile?", ["07700 900312"], "number")
para(MD, "Which morning do the bins need to go out at Orchard Rise?", ["Tuesday"], "date")
para(MD, "Who's looking after Isla while we move?", ["Maureen Tolley", "Grandma Maureen"], "person")
para(MD, "When can we fetch the dog back from the kennels?", ["Monday after 10am"], "time")
para(MD, "What is our gas and electricity supplier account number?", ["88104562"], "code")
near(MD, "How much are the kennels charging for Biscuit's stay?", "amount")
near(MD, "What time does Isla's new school start in the morning?", "time")
near(MD, "What is the electricity unit rate at Orchard Rise?", "amount")
off("Who wrote Pride and Prejudice?", "person")

# --- water company letter (TXT)
para(TXT, "What's my new water account number?", ["6041 2279 83"], "code")
para(TXT, "How much will come out of the bank each month for water?", ["£46.50"], "amount")
para(TXT, "When will the first water payment be taken?", ["1 April 2025"], "date")
para(TXT, "What meter reading was the water account opened with?", ["1288"], "number")
para(TXT, "Who signed the water company's letter?", ["Joanna Keverne"], "person")
para(
    TXT,
    "Who do I contact about closing the water account for our old house?",
    ["Kelsbridge & Dene Water"],
    "organisation",
)
para(TXT, "What's the price per cubic metre for waste water?", ["£2.6390"], "amount")
near(TXT, "How much is the daily standing charge for clean water?", "amount")
near(TXT, "How much was the previous occupiers' final water bill?", "amount")
near(TXT, "What is the discount on the social tariff?", "amount")
off("How many players are on a rugby union team?", "number")

# --- broadband email thread (HTM)
para(HTM, "What's our broadband order reference?", ["LF-7730914"], "code")
para(HTM, "What's the rescheduled date for the fibre to be installed?", ["27 March 2025"], "date")
para(HTM, "What time window should I expect the broadband engineer in?", ["between 8am and 1pm"], "time")
para(HTM, "How much have Lumenfibre credited us for the hassle?", ["£25.00"], "amount")
para(HTM, "Why did the fibre installation get pushed back?", ["drop-cable survey"], "reason")
para(HTM, "How much is the monthly broadband bill?", ["£32.99"], "amount")
para(HTM, "Which courier is bringing the backup 4G router?", ["Parcelwise"], "organisation")
near(HTM, "What upload speed does the Lumen 500 package give?", "number")
near(HTM, "How much is the early exit fee if we cancel the broadband contract?", "amount")
near(HTM, "What is the name of the engineer coming to install the fibre?", "person")
off("When is the next general election in the UK?", "date")


def main():
    texts = {}
    bad = []
    for q in Q:
        if q["kind"] == "off":
            assert q["source"] is None and q["answers"] == []
            continue
        src = q["source"]
        assert (ART / src).exists(), src
        text = texts.setdefault(src, doc_text(src))
        for a in q["answers"]:
            if a not in text:
                bad.append((src, q["question"], a))
    if bad:
        for b in bad:
            print("NOT FOUND:", b, file=sys.stderr)
        sys.exit(1)
    counts = {}
    for q in Q:
        key = (q["source"], q["kind"])
        counts[key] = counts.get(key, 0) + 1
    for src in (PDF, DOCX, HTML, MD, TXT, HTM):
        assert counts.get((src, "paraphrase")) == 7 and counts.get((src, "near")) == 3, src
    assert counts.get((None, "off")) == 6
    with open(HERE / "questions.jsonl", "w", encoding="utf-8") as f:
        for q in Q:
            f.write(json.dumps(q, ensure_ascii=False) + "\n")
    print(f"wrote {len(Q)} questions to {HERE / 'questions.jsonl'}")


if __name__ == "__main__":
    main()
