"""Writes ../questions.jsonl and checks every answer occurs verbatim in its document's text.

Text checked: .md/.txt the file itself; .pdf the HTML source it was printed from (tags stripped);
.docx the paragraphs and table cells read by python-docx; .html the page with tags, scripts and styles stripped.
"""
import html
import json
import re
from pathlib import Path

SOURCES = Path(__file__).resolve().parent
ROOT = SOURCES.parent
FOLDER = ROOT / "articles"


def html_text(raw: str) -> str:
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S | re.I)
    raw = re.sub(r"<[^>]+>", " ", raw)
    return re.sub(r"\s+", " ", html.unescape(raw))


def docx_text(path: Path) -> str:
    import docx  # python-docx, from /work/main/.venv

    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def doc_text(name: str) -> str:
    path = FOLDER / name
    if name.endswith((".md", ".txt")):
        return path.read_text(encoding="utf-8")
    if name.endswith(".pdf"):
        return html_text((SOURCES / (path.stem + ".html")).read_text(encoding="utf-8"))
    if name.endswith(".docx"):
        return docx_text(path)
    if name.endswith(".html"):
        return html_text(path.read_text(encoding="utf-8"))
    raise ValueError(name)


QUESTIONS = {
    "walter_brackley_obituary.md": {
        "paraphrase": [
            ("How old was Walter Brackley when he died?", ["87"]),
            ("Who did Walter serve his apprenticeship with?", ["Cyril Pask", "Pask"]),
            ("Which firm built the church clock he looked after?", ["Gillett & Bland"]),
            ("In what year was the clockmaker given his MBE?", ["2008"]),
            ("When is Walter's funeral?", ["Friday 7 February"]),
            ("How much money did his booklet about the town's clocks bring in for the church roof?", ["£11,000"]),
            ("What time did the church clock stop during the 1987 storm?", ["4.17am", "4.17"]),
        ],
        "near-topic": [
            "How many grandchildren did Walter Brackley have?",
            "What illness did Walter Brackley die of?",
            "How much did Walter pay for Cyril Pask's shop?",
        ],
        "off-topic": "How many moons does Mars have?",
    },
    "hollingbury_magistrates_report.txt": {
        "paraphrase": [
            ("How much was the drink-driver fined?", ["£846"]),
            ("For how long has Darren Mossop lost his licence?", ["20 months"]),
            ("How much alcohol was in Mossop's breath?", ["61 microgrammes"]),
            ("How many hours of community work does the fly-tipper have to do?", ["80 hours"]),
            ("What were the goods taken from the Co-op worth?", ["£212"]),
            ("What is the name of the postman the dog attacked?", ["Ian Dorsey"]),
            ("Which judge sentenced the shoplifter?", ["Rachel Osei"]),
        ],
        "near-topic": [
            "What breed of dog is Bruno?",
            "How fast was Darren Mossop driving when he hit the bus shelter?",
            "Which solicitor represented Kerry-Anne Lutton?",
        ],
        "off-topic": "What is the capital of Canada?",
    },
    "aurelle_dh12_manual.pdf": {
        "paraphrase": [
            ("How much moisture can the DH-12 pull out of the air in a day?", ["12 litres"]),
            ("What does it mean when FL comes up on the screen?", ["Water tank full"]),
            ("How much does the dehumidifier weigh?", ["10.8 kg"]),
            ("I brought the dehumidifier home lying flat in the car. How long should I leave it before turning it on?", ["2 hours"]),
            ("How quiet is it on the lowest fan setting?", ["39 dB(A)"]),
            ("How often do I need to wash the filter?", ["every two weeks"]),
            ("How long is the guarantee if I register the product?", ["5 years"]),
        ],
        "near-topic": [
            "How much does the Aurelle DH-12 cost?",
            "What is the energy efficiency rating of the DH-12?",
            "In which country is the DH-12 manufactured?",
        ],
        "off-topic": "Who wrote Pride and Prejudice?",
    },
    "ashcombe_sports_day_2025.docx": {
        "paraphrase": [
            ("Who won the 80 m race for Year 6 girls?", ["Isla Warrender"]),
            ("Which house came top overall at sports day?", ["Heron"]),
            ("How many points did the winning house score?", ["214"]),
            ("How far did the winner of the Year 5 boys' long jump go?", ["3.41 m"]),
            ("Who was fastest in the parents' race?", ["Tom Adeyemi"]),
            ("How much did the cake stall and raffle raise?", ["£642"]),
            ("What was the old school record for the Year 6 girls' 80 m?", ["12.2 seconds"]),
        ],
        "near-topic": [
            "What time did sports day start?",
            "How many children took part in sports day?",
            "Who won the Year 4 egg and spoon race?",
        ],
        "off-topic": "What year did the Berlin Wall fall?",
    },
    "church_stretton_forecast.html": {
        "paraphrase": [
            ("How hot will it get in Church Stretton on Thursday?", ["24°C"]),
            ("What hours does the thunderstorm warning cover?", ["1pm to 9pm"]),
            ("How strong will the gusts be on Tuesday?", ["35 mph"]),
            ("How bad will the grass pollen be this week?", ["very high"]),
            ("Who wrote this forecast?", ["Callum Ferrier"]),
            ("How cold will it get on the coldest night?", ["6°C"]),
            ("What is the chance of rain on Tuesday?", ["90%"]),
        ],
        "near-topic": [
            "What time does the sun rise on Saturday?",
            "How much rain fell in Church Stretton last week?",
            "What will the humidity be on Wednesday?",
        ],
        "off-topic": "How do I make a sourdough starter?",
    },
    "ravensworth_q3_results.html": {
        "paraphrase": [
            ("What were Ravensworth's sales in the third quarter?", ["£38.4 million"]),
            ("By how much did revenue grow compared with the same quarter last year?", ["12.6%"]),
            ("What were basic earnings per share for the quarter?", ["4.6p"]),
            ("What revenue does the company now expect for the full year?", ["£150 million to £154 million"]),
            ("Who runs Ravensworth Optics?", ["Helen Marchbank"]),
            ("How much cash did the group hold at the end of September?", ["£12.8 million"]),
            ("When will shareholders receive the dividend?", ["14 November 2025"]),
        ],
        "near-topic": [
            "How many people does Ravensworth Optics employ?",
            "What was Ravensworth's share price after the announcement?",
            "What was Ravensworth's revenue in the second quarter?",
        ],
        "off-topic": "What is the speed of light?",
    },
}


def main() -> None:
    lines = []
    for source, qs in QUESTIONS.items():
        text = doc_text(source)
        words = len(text.split())
        assert 350 <= words <= 1100, (source, words)
        assert len(qs["paraphrase"]) == 7 and len(qs["near-topic"]) == 3
        for q, answers in qs["paraphrase"]:
            for a in answers:
                assert a in text, (source, q, a)
            lines.append({"question": q, "answers": answers, "kind": "paraphrase", "source": source})
        for q in qs["near-topic"]:
            lines.append({"question": q, "answers": [], "kind": "near-topic", "source": source})
        lines.append({"question": qs["off-topic"], "answers": [], "kind": "off-topic", "source": source})
    assert len(lines) == 66
    with open(ROOT / "questions.jsonl", "w", encoding="utf-8") as f:
        for line in lines:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    print("wrote", len(lines), "questions")


if __name__ == "__main__":
    main()
