"""Writes questions.jsonl for the six documents in articles/.

Every answer string is asserted to appear verbatim in the text of the source I wrote
(the .docx read back with python-docx, the PDF's HTML source, the saved pages with tags stripped,
the .md and .txt as files). Run with /work/main/.venv/bin/python (python-docx needed).
"""
import html
import json
import re
from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent
ART = HERE / "articles"
SRC = HERE / "sources"


def strip_tags(s: str) -> str:
    s = re.sub(r"(?is)<(script|style|head)[^>]*>.*?</\1>", " ", s)
    s = re.sub(r"<[^>]+>", " ", s)
    return re.sub(r"\s+", " ", html.unescape(s))


def docx_text(path: Path) -> str:
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


TEXTS = {
    "vet_report_biscuit.docx": docx_text(ART / "vet_report_biscuit.docx"),
    "energy_bill_feb2025.pdf": strip_tags((SRC / "energy_bill.html").read_text(encoding="utf-8")),
    "hedgehogs_light_at_night.md": (ART / "hedgehogs_light_at_night.md").read_text(encoding="utf-8"),
    "valley_league_matchday18.html": strip_tags(
        (ART / "valley_league_matchday18.html").read_text(encoding="utf-8")
    ),
    "wedding_guest_letter.txt": (ART / "wedding_guest_letter.txt").read_text(encoding="utf-8"),
    "ashcombe_messenger_spring2025.htm": strip_tags(
        (ART / "ashcombe_messenger_spring2025.htm").read_text(encoding="cp1252")
    ),
}

P, N, OFF = "paraphrase", "near-topic", "off-topic"

Q = {
    "vet_report_biscuit.docx": [
        (P, "Which of his legs has my dog been lame on?", ["left hind leg"]),
        (P, "What did the X-rays cost?", ["£142.00"]),
        (P, "How much was the vet bill altogether, with VAT?", ["£401.10"]),
        (P, "When is Biscuit due back for his follow-up check?", ["25 March 2025"]),
        (P, "How heavy was Biscuit at this visit?", ["23.4 kg"]),
        (P, "Where would the dog be sent for specialist surgery if rest doesn't work?", ["Fenwick Referrals"]),
        (P, "What was found when the ear swab was looked at under the microscope?", ["yeast", "Malassezia"]),
        (N, "How old is Biscuit?", []),
        (N, "What is Mrs Pardew's phone number?", []),
        (N, "How many years has Dr Welsby been qualified as a vet?", []),
        (OFF, "What is the capital city of Portugal?", []),
    ],
    "energy_bill_feb2025.pdf": [
        (P, "What did the electricity meter say at the end of January?", ["19,517"]),
        (P, "How many kilowatt hours of gas did I use over the quarter?", ["3,145 kWh", "3,145"]),
        (P, "What is the daily standing charge for electricity?", ["53.21p"]),
        (P, "How much VAT was added to the bill?", ["£27.39"]),
        (P, "On what date will the money be taken from my bank account?", ["18 February 2025"]),
        (P, "Until when are my energy prices fixed?", ["30 September 2025"]),
        (P, "What is my new monthly payment going to be?", ["£165.00"]),
        (N, "How much did I pay for the same quarter last winter?", []),
        (N, "What will the gas unit rate be once the fixed deal finishes?", []),
        (N, "What is the fee for leaving the tariff early?", []),
        (OFF, "Who won the football World Cup in 1966?", []),
    ],
    "hedgehogs_light_at_night.md": [
        (P, "How many hedgehogs were tagged for the study?", ["38"]),
        (P, "Which university does the lead author work at?", ["University of Carrowmoor"]),
        (P, "How far does a male hedgehog typically roam in one night?", ["1.9 km"]),
        (P, "What proportion of the road crossings happened where streets were dark?", ["73%"]),
        (P, "How long did it take the hedgehogs to come back after the lights were changed?", ["nine nights"]),
        (P, "Who paid for the research?", ["Carrowmoor Wildlife Trust"]),
        (P, "Which journal published the paper?", ["Urban Ecology Letters"]),
        (N, "How long does a hedgehog live in the wild?", []),
        (N, "How much did each GPS tag cost?", []),
        (N, "How many of the tagged hedgehogs died during the study?", []),
        (OFF, "What is a good recipe for banana bread?", []),
    ],
    "valley_league_matchday18.html": [
        (P, "Who scored a hat-trick for Harlow Brook?", ["Dion Mabaso", "Mabaso"]),
        (P, "How big was the crowd at Brookside Park?", ["1,214"]),
        (P, "Which Quarry Hill player got sent off?", ["Sam Okonedo"]),
        (P, "Who got the late winning goal for Ferncastle Colliery?", ["Ryan Pask"]),
        (P, "Who is leading the Premier Division?", ["Harlow Brook Athletic"]),
        (P, "How many points have Ashbourne Vale got?", ["38"]),
        (P, "When do Kettleby Town play Ashbourne Vale?", ["Saturday 22 February"]),
        (N, "How much did Harlow Brook pay Millford Rovers for Dion Mabaso?", []),
        (N, "How old is Gareth Illingworth?", []),
        (N, "Who was the referee at Quarry Hill?", []),
        (OFF, "How do I reset the password on my wifi router?", []),
    ],
    "wedding_guest_letter.txt": [
        (P, "What time should guests get to the church?", ["1.10pm"]),
        (P, "What code do I give the hotel to get a wedding room?", ["VOSSHART25"]),
        (P, "What's the deadline for replying to the invitation?", ["30 April"]),
        (P, "How far is it from the church to the reception venue?", ["2.5 miles"]),
        (P, "Which railway station is closest?", ["Kettleby Junction"]),
        (P, "Who can I phone if I don't want to RSVP on the website?", ["Marguerite Voss"]),
        (P, "What kind of shoes should I not wear?", ["stilettos"]),
        (N, "How did Eleanor and Thomas first meet?", []),
        (N, "Who is Thomas's best man?", []),
        (N, "How much does a taxi from the station to the church cost?", []),
        (OFF, "At what temperature does water boil at the top of Everest?", []),
    ],
    "ashcombe_messenger_spring2025.htm": [
        (P, "How much money has the roof fund collected so far?", ["£18,640"]),
        (P, "How much is a ticket for the quiz?", ["£6"]),
        (P, "Where should people meet for the litter pick?", ["war memorial"]),
        (P, "What does it cost a resident to rent the village hall for an hour?", ["£14"]),
        (P, "How often does the mobile library come to the village?", ["every second Tuesday"]),
        (P, "Who is taking the Easter Sunday service?", ["Philippa Marsh"]),
        (P, "Who is the parish council's clerk?", ["Jenny Stroud"]),
        (N, "How much did the new heat pump for the village hall cost?", []),
        (N, "How many volunteers came to last year's litter pick?", []),
        (N, "In what year was St Brigid's church built?", []),
        (OFF, "What is the exchange rate between the euro and the Japanese yen?", []),
    ],
}


def main() -> None:
    lines = []
    for source, qs in Q.items():
        assert (ART / source).exists(), source
        kinds = [k for k, _, _ in qs]
        assert kinds.count(P) == 7 and kinds.count(N) == 3 and kinds.count(OFF) == 1, source
        text = TEXTS[source]
        for kind, question, answers in qs:
            if kind == P:
                assert answers, question
                for a in answers:
                    assert a in text, f"{source}: {a!r} not in the text ({question})"
            else:
                assert answers == [], question
            lines.append({"question": question, "answers": answers, "kind": kind, "source": source})
    assert len(lines) == 66
    out = HERE / "questions.jsonl"
    out.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    print(f"wrote {len(lines)} questions to {out}")


if __name__ == "__main__":
    main()
