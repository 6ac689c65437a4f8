"""Write questions.jsonl: per document 7 answerable, 3 near-topic unanswerable, 1 off-topic.

Every answer is asserted to occur in the document's own text (doctext.py reads the .docx with
python-docx, the .pdf's source HTML, the .htm decoded as cp1252), before the bot is ever asked.
"""
import json
from pathlib import Path

from doctext import text_of

ROOT = Path(__file__).resolve().parent

QUESTIONS = {
    "tenancy-agreement-14b-marlowe-court.pdf": {
        "answerable": [
            ("How much do I have to pay every month to live in the flat?", ["£1,145"]),
            ("Who owns the flat I'm renting?", ["Desmond Okonjo-Pryce"]),
            ("When does my fixed term come to an end?", ["31 August 2026"]),
            ("What animal am I allowed to keep without asking the landlord first?", ["one cat"]),
            ("What number should I ring if a pipe bursts in the middle of the night?", ["01632 960 448"]),
            ("How much warning must the landlord give before coming round to look at the place?", ["24 hours"]),
            ("What is the earliest date I could get out of the tenancy using the break option?", ["28 February 2026"]),
        ],
        "near": [
            "How much does the letting agent charge for the check-out inventory?",
            "Which parking bay comes with the flat?",
            "When was the flat's last gas safety certificate issued?",
        ],
        "off": "Who won the 1998 football World Cup?",
    },
    "calder-fenn-savings-rate-letter.docx": {
        "answerable": [
            ("From what date does my savings rate go down?", ["14 November 2025"]),
            ("What will I earn on a balance under ten thousand pounds after the cut?", ["2.65%"]),
            ("Who signed the letter from the bank?", ["Moira Castellane"]),
            ("Why is the bank cutting the rate on my easy access account?", ["lowered Bank Rate"]),
            ("Until when can I close the account without being penalised?", ["13 January 2026"]),
            ("How much less interest would I get over a year if my balance doesn't change?", ["£56.16"]),
            ("How many branch offices does Calder & Fenn have?", ["34"]),
        ],
        "near": [
            "What rate did my account pay before the previous change in 2024?",
            "What is the new interest rate on my Cash ISA?",
            "What is the penalty for taking money out of the 1 Year Fixed Rate Bond early?",
        ],
        "off": "How many moons does Jupiter have?",
    },
    "lumenwave-broadband-help.html": {
        "answerable": [
            ("What's the monthly cost of the 900 Mbps package?", ["£39.00"]),
            ("How much do I pay to have the connection put in?", ["£35"]),
            ("How long am I tied in for on the normal deal?", ["18 months"]),
            ("Which router will they send me?", ["LumenHub 3"]),
            ("What does it cost to cancel before the minimum term is up?", ["£4.50 for each remaining month", "£4.50"]),
            ("How far ahead do I need to warn them that I'm moving house?", ["21 days"]),
            ("How much do they pay me per day when my internet has been broken for a while?", ["£9.76"]),
        ],
        "near": [
            "How much extra is the TV add-on each month?",
            "What is the monthly data allowance in gigabytes?",
            "Who is the chief executive of Lumenwave?",
        ],
        "off": "What's a good recipe for pancakes?",
    },
    "ledger-and-loaf-ep47-transcript.txt": {
        "answerable": [
            ("Who owns the Three Hares bakery?", ["Colm Eastwood"]),
            ("When did the bakery first start trading?", ["March 2019"]),
            ("How many people work at the bakery altogether?", ["eleven"]),
            ("What does a big sourdough loaf cost there now?", ["four pounds eighty"]),
            ("Where does the bakery buy its flour from?", ["Hollins Mill"]),
            ("How much did repairing the roof of the second shop cost?", ["eighteen thousand pounds"]),
            ("Why did the price of the bread go up?", ["Flour and energy"]),
        ],
        "near": [
            "What is the name of the bakery's delivery driver?",
            "How much will the Sunday bread-making classes cost?",
            "What was the monthly rent on the Carrow Street shop?",
        ],
        "off": "What is the capital of Australia?",
    },
    "oakhollow-summer-crops-care-guide.md": {
        "answerable": [
            ("When is it safe to put tomato plants outside in Brackenby?", ["the third week of May", "third week of May"]),
            ("How often should I give my tomatoes fertiliser?", ["every 10 days"]),
            ("What makes basil leaves go bitter?", ["flower buds"]),
            ("What's the point of leaving sweet pea seeds in water overnight?", ["soften their hard coats"]),
            ("What does a bag of the multi-purpose compost cost?", ["£7.99"]),
            ("Who is leading the salad-growing workshop?", ["Marguerite Ilesanmi"]),
            ("In which months can I sow basil?", ["March to June"]),
        ],
        "near": [
            "How much does a tomato plant cost at Oakhollow?",
            "What time does the garden centre close on Sundays?",
            "How many seeds are in a packet of 'Ellen's Blush'?",
        ],
        "off": "How do I reset my iPhone to factory settings?",
    },
    "kingfisher-status-week-41.htm": {
        "answerable": [
            ("Who sent the Kingfisher update?", ["Hannelore Quist"]),
            ("When will the new system be switched on at the Ellerby site?", ["19 January 2026"]),
            ("How many of the test scripts passed during acceptance testing?", ["212"]),
            ("How much money has the project used up so far?", ["£612,400"]),
            ("Who is in charge of sorting out the data migration risk?", ["Priscilla Nwachukwu"]),
            ("Why was Ellerby's launch scheduled later than Sandcross's?", ["after the Christmas peak", "Christmas peak"]),
            ("Which company provides the software?", ["Corvane"]),
        ],
        "near": [
            "How much is Corvane being paid for the software licence?",
            "How many staff work the night shift at Sandcross?",
            "How much does each handheld scanner cost?",
        ],
        "off": "What is the tallest mountain in Africa?",
    },
}


def main() -> None:
    rows = []
    for source, qs in QUESTIONS.items():
        text = text_of(source)
        assert len(qs["answerable"]) == 7 and len(qs["near"]) == 3, source
        for question, answers in qs["answerable"]:
            for a in answers:
                assert a in text, f"{source}: {a!r} not in the document text"
            rows.append({"question": question, "answers": answers, "source": source, "kind": "paraphrase"})
        for question in qs["near"]:
            rows.append({"question": question, "answers": [], "source": source, "kind": "near-topic"})
        rows.append({"question": qs["off"], "answers": [], "source": source, "kind": "off-topic"})
    assert len(rows) == 66, len(rows)
    out = ROOT / "questions.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} questions to {out}")


if __name__ == "__main__":
    main()
