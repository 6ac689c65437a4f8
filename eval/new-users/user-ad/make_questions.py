"""Write questions.jsonl for the six articles and check every gold answer is verbatim in its document.

PDF and DOCX answers are checked against their sources (tags / markup removed, whitespace
collapsed); the HTML, HTM, MD and TXT articles are their own sources.
"""

import html
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ART = HERE / "articles"
SRC = HERE / "sources"

PDF = "wgn-accounts-summary-2024-25.pdf"
DOCX = "wgn-volunteer-handbook.docx"
HTML = "riverside-fun-run-2025.html"
MD = "trustees-minutes-2025-06-03.md"
TXT = "brackenbury-trust-award-letter.txt"
HTM = "st-aldhelms-hall-booking-thread.htm"


def collapse(text):
    return re.sub(r"\s+", " ", text).strip()


def html_text(raw):
    raw = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", raw)
    return collapse(html.unescape(re.sub(r"<[^>]+>", " ", raw)))


def doc_text(name):
    if name == PDF:
        return html_text((SRC / "accounts_summary_2024-25.html").read_text(encoding="utf-8"))
    if name == DOCX:
        lines = []
        for line in (SRC / "volunteer_handbook.txt").read_text(encoding="utf-8").splitlines():
            line = re.sub(r"^(TITLE: |#+ )", "", line.strip())
            lines.append(line.replace("|", " "))
        return collapse("\n".join(lines))
    raw = (ART / name).read_text(encoding="utf-8")
    if name.endswith((".html", ".htm")):
        return html_text(raw)
    if name.endswith(".md"):
        return collapse(raw.replace("**", "").replace("*", "").replace("|", " "))
    return collapse(raw)


def P(question, answers, asks):
    return {"question": question, "answers": answers, "kind": "paraphrase", "asks": asks}


def N(question, asks):
    return {"question": question, "answers": [], "kind": "near", "asks": asks}


def off(question, asks="other"):
    return {"question": question, "answers": [], "kind": "off", "asks": asks, "off": True}


SETS = {
    PDF: [
        P("How much grant money did Wexcombe Good Neighbours bring in during 2024-25?", ["24,500"], "amount"),
        P("What did the charity spend on insurance in 2023-24?", ["1,080"], "amount"),
        P("Who did the independent examination of the charity's accounts?", ["Colin Farrant"], "person"),
        P("What was the total spent by the charity in the year to March 2025?", ["45,062"], "amount"),
        P("How much money did Good Neighbours have left at the end of the financial year?", ["28,013"], "amount"),
        P("How much of the charity's money is ring-fenced for the Rural Lifts scheme?", ["£5,150", "5,150"], "amount"),
        P(
            "Why did the charity's training bill go up last year?",
            ["fourteen new volunteers joined during the year"],
            "reason",
        ),
        N("How many volunteers does Wexcombe Good Neighbours have altogether?", "number"),
        N("What was the charity's total income in 2022-23?", "amount"),
        N("How much does the charity pay its volunteer coordinator per hour?", "amount"),
        off("What is the capital of Australia?", "place"),
    ],
    DOCX: [
        P("What's the mileage rate for volunteers who use their own car?", ["45p a mile", "45p"], "amount"),
        P(
            "Who should I tell if I'm worried that a client is being abused?",
            ["Ruth Ellacott", "Safeguarding Lead"],
            "person",
        ),
        P("What number do I ring to reach the volunteer coordinator?", ["01632 960418"], "number"),
        P(
            "How long have I got to claim back my travel expenses?",
            ["60 days", "within 60 days of the journey"],
            "duration",
        ),
        P("How often do volunteers' DBS checks have to be redone?", ["every three years"], "duration"),
        P("What's the maximum value of a present a volunteer can accept from a client?", ["£10"], "amount"),
        P("How many accompanied visits does a new befriender make before going alone?", ["two"], "number"),
        N("What is the minimum age to volunteer with Wexcombe Good Neighbours?", "number"),
        N("How much does the charity pay for each volunteer's DBS check?", "amount"),
        N("How many hours a week does the volunteer coordinator work?", "number"),
        off("How do I reset the password on my broadband router?"),
    ],
    HTML: [
        P("How much is it for an adult to enter the 5K on the morning of the race?", ["£22"], "amount"),
        P("What date is the Wexcombe fun run this year?", ["14 September 2025", "Sunday 14 September 2025"], "date"),
        P("Where does the fun run start from?", ["Pitt Meadow"], "place"),
        P(
            "When does online registration for the fun run close?",
            ["Friday 12 September", "midnight on Friday 12 September"],
            "date",
        ),
        P("Which firm is sponsoring the fun run?", ["Tanner and Voss Solicitors", "Tanner and Voss"], "organisation"),
        P("How much money is the charity hoping the fun run will raise?", ["£8,000"], "amount"),
        P("What time do the 5K runners set off?", ["10.00am"], "time"),
        N("What was the winning time in last year's 5K?", "time"),
        N("How many people took part in the fun run last year?", "number"),
        N("What is the minimum age for running the 5K?", "number"),
        off("What's a good recipe for banana bread?"),
    ],
    MD: [
        P("Which trustee sent apologies for the June board meeting?", ["Ruth Ellacott"], "person"),
        P("Who was in the chair at the June trustees' meeting?", ["Margaret Lisle"], "person"),
        P("When will the trustees next meet?", ["Tuesday 2 September 2025", "2 September 2025"], "date"),
        P("Who has to send back the signed acceptance form for the Brackenbury grant?", ["Kwame Ashdown"], "person"),
        P("What's the deadline for finishing the fun run risk assessment?", ["15 August 2025"], "date"),
        P("How much money was in the bank when the trustees met in June?", ["£31,460"], "amount"),
        P("How much can be spent on the volunteers' thank-you party?", ["up to £400", "£400"], "amount"),
        N("What time did the trustees' meeting finish?", "time"),
        N("Who seconded the adoption of the revised safeguarding policy?", "person"),
        N("How many entries did the fun run get in the end?", "number"),
        off("Who won the 2022 football World Cup?", "organisation"),
    ],
    TXT: [
        P("How much is the Brackenbury Trust giving the charity?", ["£7,500"], "amount"),
        P("What reference should we put on letters to the Brackenbury Trust?", ["BT/CG/2025/0417"], "code"),
        P("How big is the first payment of the Brackenbury grant?", ["£5,000"], "amount"),
        P("By when does the halfway progress report have to reach the trust?", ["30 November 2025"], "date"),
        P("What's the deadline for using up the grant money?", ["31 May 2026"], "date"),
        P("Who signed the grant offer letter?", ["Sian Morrow-Hale"], "person"),
        P(
            "How long does the charity have to return the acceptance form?",
            ["28 days", "within 28 days of the date of this letter"],
            "duration",
        ),
        N("How many applications did the Brackenbury Trust receive in this grant round?", "number"),
        N("When was the Brackenbury Trust set up?", "date"),
        N("How much does the Brackenbury Trust give away in grants each year?", "amount"),
        off("When do the clocks go back in the UK this year?", "date"),
    ],
    HTM: [
        P("What does the main hall at St Aldhelm's cost per hour?", ["£18 per hour", "£18"], "amount"),
        P("How much deposit did the charity pay for the hall in the end?", ["£25"], "amount"),
        P("Who looks after bookings for the church hall?", ["Gillian Trask"], "person"),
        P("When is the rest of the hall hire fee due?", ["8 November"], "date"),
        P("How long will it take for the hall deposit to be refunded?", ["within 14 days", "14 days"], "duration"),
        P("What payment reference was used for the hall deposit transfer?", ["GN-2211"], "code"),
        P("Who is going to unlock the church hall for the party?", ["Dennis Rowe"], "person"),
        N("How many people can St Aldhelm's Church Hall hold?", "number"),
        N("What's the sort code for paying the church hall?", "code"),
        N("Are we allowed to serve alcohol at the party in the church hall?", "yes/no"),
        off("What is the speed limit on a UK motorway?", "number"),
    ],
}


def main():
    failures = []
    rows = []
    for name, items in SETS.items():
        assert (ART / name).exists(), f"missing article {name}"
        text = doc_text(name)
        kinds = [it["kind"] for it in items]
        assert kinds.count("paraphrase") == 7 and kinds.count("near") == 3 and kinds.count("off") == 1, name
        for it in items:
            off = it.pop("off", False)
            row = {
                "question": it["question"],
                "answers": it["answers"],
                "source": None if off else name,
                "kind": it["kind"],
                "asks": it["asks"],
            }
            for ans in row["answers"]:
                if collapse(ans) not in text:
                    failures.append(f"{name}: {ans!r} not verbatim (question: {row['question']})")
            rows.append(row)
    if failures:
        print("\n".join(failures), file=sys.stderr)
        sys.exit(1)
    out = HERE / "questions.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} questions to {out}")


if __name__ == "__main__":
    main()
