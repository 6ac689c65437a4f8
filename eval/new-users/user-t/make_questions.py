"""Writes questions.jsonl next to this script: 11 questions per article (7 answerable, 3 near-topic
unanswerable, 1 off-topic), and asserts every answer occurs verbatim in its document's text."""
import html
import json
import re
from pathlib import Path

from docx import Document

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
SOURCES = HERE / "sources"


def html_text(raw: str) -> str:
    raw = re.sub(r"(?is)<(script|style|head)\b[^>]*>.*?</\1>", " ", raw)
    raw = re.sub(r"<[^>]+>", " ", raw)
    return re.sub(r"\s+", " ", html.unescape(raw))


def doc_text(name: str) -> str:
    path = ARTICLES / name
    if path.suffix == ".html":
        return html_text(path.read_text(encoding="utf-8"))
    if path.suffix == ".htm":
        return html_text(path.read_bytes().decode("cp1252"))
    if path.suffix == ".pdf":
        return html_text((SOURCES / (path.stem + ".html")).read_text(encoding="utf-8"))
    if path.suffix == ".docx":
        d = Document(path)
        parts = [p.text for p in d.paragraphs]
        parts += [c.text for t in d.tables for r in t.rows for c in r.cells]
        return re.sub(r"\s+", " ", "\n".join(parts))
    return re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))


Q = {
    "callowmere-by-election.html": [
        ("Which candidate won the Callowmere and Tresham seat?", ["Imogen Rackstraw"]),
        ("How many votes did the Green Renewal candidate receive?", ["2,318"]),
        ("What proportion of voters actually turned out?", ["41.4%"]),
        ("Whose departure from Parliament forced the by-election?", ["Sir Geoffrey Alderton", "Geoffrey Alderton"]),
        ("Where were the ballots counted?", ["Tresham Leisure Centre"]),
        ("Why was the count held up?", ["postal votes from the Fenby ward", "found in the wrong ballot box"]),
        ("By how many votes did the winner beat the runner-up?", ["3,653"]),
        ("How old is Imogen Rackstraw?", []),
        ("How much did the Civic Democrats spend on their campaign?", []),
        ("When will the next general election take place?", []),
        ("Who won the Eurovision Song Contest last year?", []),
    ],
    "rail-strike.pdf": [
        ("On which days will the train crews walk out?", ["Friday 14 and Saturday 15 June"]),
        ("How many staff does the union represent at the train company?", ["4,300"]),
        ("What pay rise is the union holding out for?", ["7%"]),
        ("Who is the head of the rail union?", ["Brendan Oyelaran"]),
        ("How much income has the operator lost since the dispute started?", ["£11 million"]),
        ("Which routes will have no trains at all during the strike?", ["Skelwith Valley line", "Port Ancrum"]),
        ("What share of union members voted in favour of striking?", ["88%"]),
        ("How much does a Western Pennine train driver currently earn?", []),
        ("When was Clarissa Wendover appointed managing director?", []),
        ("How many passengers travel on Western Pennine Railways each day?", []),
        ("At what temperature does water boil at the top of a mountain?", []),
    ],
    "valdrin-transfer.txt": [
        ("Which club did Valdrin leave?", ["Halvergate Athletic"]),
        ("What is the guaranteed part of the fee, before any bonuses?", ["£38 million"]),
        ("How many league goals did the striker score last season?", ["24 league goals"]),
        ("How long has he signed for?", ["five-year"]),
        ("What number will Valdrin have on his shirt?", ["number nine"]),
        ("Who is in charge of the Northbury team?", ["Lars Oberholt"]),
        ("What percentage of any future sale will his old club receive?", ["15%"]),
        ("How old is Mateus Valdrin?", []),
        ("How much will Valdrin be paid each week at Northbury?", []),
        ("Which player will Halvergate sign to replace Valdrin?", []),
        ("How do I fix a puncture on a bicycle tyre?", []),
    ],
    "pterosaur-fossil.md": [
        ("Who found the fossil?", ["Penelope Staithes"]),
        ("How far did the animal's wings stretch from tip to tip?", ["2.4 metres"]),
        ("How long ago was the creature alive?", ["168 million years"]),
        ("At which spot on the island did the find turn up?", ["Gullet Bay"]),
        ("How long did museum staff take to get the skull out of the stone?", ["14 months"]),
        ("What does the new genus name mean?", ["sky dragon"]),
        ("From what date can visitors see the skull?", ["19 October"]),
        ("How much is the fossil worth?", []),
        ("How heavy was Caelodraco marrowensis?", []),
        ("How many other fossils has Penelope Staithes found?", []),
        ("What is a good recipe for banana bread?", []),
    ],
    "brackenfield-takeover.docx": [
        ("Who is buying Brackenfield Foods?", ["Sterling Oak Capital", "Sterling Oak"]),
        ("How much will investors receive for each share they own?", ["415p"]),
        ("How many people does Brackenfield employ?", ["6,200"]),
        ("What pre-tax profit did Brackenfield make in its last financial year?", ["£71m"]),
        ("Who started the business?", ["Arthur Hollin"]),
        ("When is the acquisition expected to be finalised?", ["first quarter of 2025", "First quarter of 2025"]),
        ("What were the earlier offers that the board turned down?", ["360p and 390p"]),
        ("How much will Harriet Lowell be paid after the takeover?", []),
        ("What was Brackenfield's revenue in 2019?", []),
        ("Who is the chief executive of Sterling Oak Capital?", []),
        ("How often should I water a cactus?", []),
    ],
    "merriweather-sentenced.htm": [
        ("How long was the builder sent to prison for?", ["six years and four months"]),
        ("How much money did the widow from Upper Dalby hand over?", ["£96,500"]),
        ("Which judge passed sentence?", ["Philippa Aske", "Judge Philippa Aske"]),
        ("What was the name of Merriweather's roofing business?", ["Heritage Roofing & Restoration"]),
        ("Who first raised the alarm about the scam?", ["bank cashier"]),
        ("For how long is he barred from running a company?", ["ten years"]),
        ("Which barrister spoke on Merriweather's behalf?", ["Shona Kilbride"]),
        ("Which prison will Merriweather be sent to?", []),
        ("How much money has been recovered for the victims so far?", []),
        ("How many children does Craig Merriweather have?", []),
        ("What is the quickest way to learn Spanish?", []),
    ],
}


def main() -> None:
    lines = []
    for source, items in Q.items():
        text = doc_text(source)
        assert len(items) == 11, source
        assert sum(1 for _, a in items if a) == 7, source
        for n, (question, answers) in enumerate(items):  # 7 answerable, 3 near-topic, then 1 off-topic
            for a in answers:
                assert a in text, f"{source}: answer {a!r} not found"
            kind = "paraphrase" if answers else "off-topic" if n == 10 else "near-topic"
            lines.append(json.dumps({"question": question, "answers": answers, "source": source, "kind": kind},
                                    ensure_ascii=False))
    assert len(lines) == 66
    (HERE / "questions.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} questions to {HERE / 'questions.jsonl'}")


if __name__ == "__main__":
    main()
