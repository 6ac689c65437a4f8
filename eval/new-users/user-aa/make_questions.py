"""Write questions.jsonl for the six articles and check every gold answer is verbatim in its text."""

import html
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ART = HERE / "articles"
SRC = HERE / "sources"

PDF = "bramblewood_nursery_fees_2025.pdf"
DOCX = "shingles_vaccination_appointment.docx"
HTML = "camera_listing.html"
MD = "wrexford_open_day.md"
TXT = "dunmere_cycling_race.txt"
HTM = "fence_repair_emails.htm"


def strip_tags(text: str) -> str:
    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return html.unescape(text)


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def doc_text(name: str) -> str:
    if name == PDF:
        return collapse(strip_tags((SRC / "nursery_fees.html").read_text(encoding="utf-8")))
    if name == DOCX:
        lines = (SRC / "vaccination_letter.txt").read_text(encoding="utf-8").splitlines()
        kept = [re.sub(r"^@\w+\s?", "", ln) for ln in lines]
        return collapse("\n".join(kept))
    raw = (ART / name).read_text(encoding="utf-8")
    if name.endswith((".html", ".htm")):
        return collapse(strip_tags(raw))
    return collapse(raw)


Q = []


def para(src, question, answers, asks):
    Q.append({"question": question, "answers": answers, "source": src, "kind": "paraphrase", "asks": asks})


def near(src, question, asks):
    Q.append({"question": question, "answers": [], "source": src, "kind": "near", "asks": asks})


def off(question, asks):
    Q.append({"question": question, "answers": [], "source": None, "kind": "off", "asks": asks})


# --- PDF: nursery fees letter
para(PDF, "From April, what will a whole day cost for my two-year-old?", ["£68.50"], "amount")
para(PDF, "What's the extra daily charge for funded kids to cover food and nappies?", ["£6.00"], "amount")
para(PDF, "How much will I be charged if I pick my son up a bit after closing time?", ["£15"], "amount")
para(PDF, "By when do I have to have the monthly bill paid?", ["the 5th of the following month", "5th"], "date")
para(PDF, "How much warning do I need to give if we want to leave the nursery?", ["eight weeks"], "duration")
para(PDF, "Who is the manager at Bramblewood?", ["Harriet Colebrook"], "person")
para(PDF, "Why are the nursery prices going up this year?", ["National Living Wage"], "reason")
near(PDF, "How many children does Bramblewood have places for?", "number")
near(PDF, "What Ofsted grade did Bramblewood get at its last inspection?", "other")
near(PDF, "What year did Bramblewood Day Nursery open?", "date")
off("How long should I boil an egg to get a runny yolk?", "duration")

# --- DOCX: shingles vaccination appointment letter
para(DOCX, "What reference number do I need to bring back for the second jab?", ["VAX/SHG/20931"], "code")
para(DOCX, "What time is my shingles injection?", ["10.40am"], "time")
para(DOCX, "Where is the vaccination clinic being held?", ["Hollins Road Community Hall"], "place")
para(DOCX, "Which nurse is giving the vaccine?", ["Bethan Illingworth"], "person")
para(DOCX, "How long after the first dose do I need the second one?", ["six and twelve months"], "duration")
para(DOCX, "Where can I leave my car without paying?", ["Kingsmead car park"], "place")
para(DOCX, "How much notice do they need if I want an interpreter?", ["48 hours"], "duration")
near(DOCX, "How much does the shingles vaccine cost if you pay privately?", "amount")
near(DOCX, "What date is my second shingles injection?", "date")
near(DOCX, "From what age can you get the shingles vaccine?", "number")
off("What is the best month to prune apple trees?", "date")

# --- HTML: secondhand camera listing
para(HTML, "What's the asking price for the Olympus?", ["£385"], "amount")
para(HTML, "How many pictures has the camera taken so far?", ["12,430"], "number")
para(HTML, "Which shop cleaned the sensor?", ["Kernow Camera Repairs"], "organisation")
para(HTML, "What's the cheapest the seller will let it go for?", ["£360"], "amount")
para(HTML, "What part has been replaced on the camera?", ["eyecup"], "other")
para(HTML, "What is the seller's actual name?", ["Callum Treharne"], "person")
para(HTML, "Why is the owner getting rid of this camera?", ["full-frame system"], "reason")
near(HTML, "What year did the seller buy the camera new?", "date")
near(HTML, "How many shots do you get from one battery charge?", "number")
near(HTML, "Can this camera record 4K video?", "yes/no")
off("What tyre pressure should a Ford Fiesta run at?", "number")

# --- MD: university open day programme
para(MD, "What time can visitors start arriving at the open day?", ["9.30am"], "time")
para(MD, "Who is giving the welcome speech?", ["Professor Imelda Strachan"], "person")
para(MD, "Where do the guided campus walks set off from?", ["Students' Union steps"], "place")
para(MD, "How often does the free bus from the railway station go?", ["every 15 minutes"], "duration")
para(MD, "Where is the session on student loans and bursaries?", ["Room G.14, Okafor Building", "Room G.14"], "place")
para(MD, "Which car parks can visitors use for free?", ["P4 and P5"], "place")
para(MD, "If I can't make June, when is the next open day?", ["Saturday 11 October 2025"], "date")
near(MD, "How much does a room in Marsh Court cost per week?", "amount")
near(MD, "What grades do I need to get into Computer Science at Wrexford?", "other")
near(MD, "How many students are at the University of Wrexford?", "number")
off("How do I renew a UK passport online?", "other")

# --- TXT: local newspaper cycling race story
para(TXT, "Who came first in the women's Grand Prix?", ["Rhiannon Askew"], "person")
para(TXT, "What was the winning time in the women's race?", ["2 hours 51 minutes and 14 seconds"], "duration")
para(TXT, "How many riders made it to the end of the women's race?", ["61"], "number")
para(TXT, "What made the riders crash on the way down Penhallow Hill?", ["loose gravel"], "reason")
para(TXT, "How much did the race raise for charity?", ["£4,200"], "amount")
para(TXT, "Which club does the runner-up in the men's race ride for?", ["Carrick Wheelers"], "organisation")
para(TXT, "When will next year's race probably be held?", ["Sunday 14 June 2026"], "date")
near(TXT, "How old is Tomasz Wierzbicki?", "number")
near(TXT, "What was the men's winning time?", "duration")
near(TXT, "Who won the Dunmere Valley Grand Prix in 2019?", "person")
off("How do I keep a sourdough starter alive?", "other")

# --- HTM: neighbours' email thread about the fence
para(HTM, "Which storm knocked down the fence?", ["Storm Edwin"], "other")
para(HTM, "What will each neighbour end up paying for the fence?", ["£618"], "amount")
para(HTM, "What day are the fence fitters coming?", ["Tuesday 11 March"], "date")
para(HTM, "How big a deposit does the fencing company want?", ["£200"], "amount")
para(HTM, "What was the total of the second quote?", ["£1,385"], "amount")
para(HTM, "Which fencing firm did the neighbours choose?", ["Thornbury"], "organisation")
para(HTM, "Why can't Priya claim the fence on her insurance?", ["they won't pay out for fences"], "reason")
near(HTM, "How much did the Okonkwos pay for their new fence?", "amount")
near(HTM, "What is Dale the fitter's surname?", "person")
near(HTM, "How long have Priya and Geoff lived next door to each other?", "duration")
off("How many calories are there in a banana?", "number")


def main() -> None:
    texts = {}
    errors = []
    for q in Q:
        src = q["source"]
        if src is None:
            continue
        if src not in texts:
            if not (ART / src).exists():
                errors.append(f"missing article {src}")
                continue
            texts[src] = doc_text(src)
        for a in q["answers"]:
            if len(a) < 2:
                errors.append(f"too short answer {a!r}")
            if collapse(a) not in texts[src]:
                errors.append(f"{src}: gold {a!r} not verbatim (q: {q['question']})")
    counts = {}
    for q in Q:
        key = (q["source"], q["kind"])
        counts[key] = counts.get(key, 0) + 1
    for src in (PDF, DOCX, HTML, MD, TXT, HTM):
        if counts.get((src, "paraphrase")) != 7 or counts.get((src, "near")) != 3:
            errors.append(f"{src}: wrong question counts")
    if counts.get((None, "off")) != 6:
        errors.append("need 6 off-topic questions")
    if errors:
        sys.exit("\n".join(errors))
    with open(HERE / "questions.jsonl", "w", encoding="utf-8") as fh:
        for q in Q:
            fh.write(json.dumps(q, ensure_ascii=False) + "\n")
    print(f"wrote {len(Q)} questions to {HERE / 'questions.jsonl'}")


if __name__ == "__main__":
    main()
