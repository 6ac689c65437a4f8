"""Write questions.jsonl (next to this script): 11 questions per document, written before asking the bot.

Each gold answer must appear verbatim in the text of the document it comes from (its source in
sources/, with HTML tags removed and whitespace collapsed).
"""

import html
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"

# article file name -> the source text it was made from (a hand-written article is its own)
SOURCE_OF = {
    "year5_residential_letter.pdf": "trip_consent.html",
    "car_claim_acknowledgement.docx": "claim_acknowledgement.txt",
    "hadbury_fete_2025.html": "../articles/hadbury_fete_2025.html",
    "ramblers_hebble_moor_march2025.md": "../articles/ramblers_hebble_moor_march2025.md",
    "brookfield_surgery_news.txt": "../articles/brookfield_surgery_news.txt",
    "boiler_quote_emails.htm": "../articles/boiler_quote_emails.htm",
}

TRIP = "year5_residential_letter.pdf"
CLAIM = "car_claim_acknowledgement.docx"
FETE = "hadbury_fete_2025.html"
WALK = "ramblers_hebble_moor_march2025.md"
SURGERY = "brookfield_surgery_news.txt"
BOILER = "boiler_quote_emails.htm"

# (source, kind, asks, question, answers)
QUESTIONS = [
    # 1. school trip letter (PDF)
    (TRIP, "paraphrase", "amount", "How much does the Year 5 residential cost in total?", ["£186"]),
    (TRIP, "paraphrase", "time", "What time should I have my daughter at school on the morning they leave?", ["8.15am"]),
    (TRIP, "paraphrase", "person", "Who is the first aider going on the residential?", ["Miss Rhona Tait", "Rhona Tait"]),
    (TRIP, "paraphrase", "date", "By what date does the rest of the trip money have to be paid?", ["Friday 11 April", "11 April"]),
    (TRIP, "paraphrase", "quantity", "How many pairs of walking boots or trainers should he pack?", ["2 pairs"]),
    (TRIP, "paraphrase", "amount", "How much spending money are the children allowed to take?", ["Up to £10", "£10"]),
    (TRIP, "paraphrase", "reason", "Why do the kids need a warm fleece on the trip?", ["For the night walk"]),
    (TRIP, "near-topic", "number", "How many children are going on the Year 5 residential?", []),
    (TRIP, "near-topic", "phone", "What is the phone number of Hollin Bank Outdoor Centre?", []),
    (TRIP, "near-topic", "company", "Which coach company is taking the children to Hollin Bank?", []),
    (TRIP, "off-topic", "place", "What is the capital city of Australia?", []),
    # 2. car insurance claim acknowledgement (DOCX)
    (CLAIM, "paraphrase", "code", "What's the reference number for my car insurance claim?", ["HMI-CL-4471829"]),
    (CLAIM, "paraphrase", "amount", "How much is the excess I might have to pay on the claim?", ["£350"]),
    (CLAIM, "paraphrase", "organisation", "Which garage is going to repair my car?", ["Severnside Body Repairs"]),
    (CLAIM, "paraphrase", "duration", "How long can I have the courtesy car for?", ["up to 14 days", "14 days"]),
    (CLAIM, "paraphrase", "person", "Who was driving the van that went into the back of me?", ["Mr Alan Brierley", "Alan Brierley"]),
    (CLAIM, "paraphrase", "code", "What registration number does the insurer have for my Skoda?", ["FN19 KXB"]),
    (CLAIM, "paraphrase", "date", "By when do I need to send my photos and dashcam video to the insurer?", ["Friday 21 February 2025", "21 February 2025"]),
    (CLAIM, "near-topic", "amount", "How much will the repairs to my Skoda cost?", []),
    (CLAIM, "near-topic", "code", "What is the other driver's policy number with Castlegate?", []),
    (CLAIM, "near-topic", "date", "When is my Harbourside car insurance due for renewal?", []),
    (CLAIM, "off-topic", "person", "Who invented the telephone?", []),
    # 3. village fete programme (HTML)
    (FETE, "paraphrase", "person", "Who is opening the Hadbury fete this year?", ["Marjorie Quennell"]),
    (FETE, "paraphrase", "time", "What time does the dog show start?", ["1.30pm"]),
    (FETE, "paraphrase", "place", "Where is the tug of war being held?", ["Church field"]),
    (FETE, "paraphrase", "amount", "How much does it cost an adult to get into the fete?", ["£3"]),
    (FETE, "paraphrase", "amount", "How much money did last year's fete make?", ["£4,260"]),
    (FETE, "paraphrase", "amount", "What does the owner of the winning duck get?", ["£50"]),
    (FETE, "paraphrase", "person", "Who should I contact if I can help put up the marquee?", ["Colin Hebblethwaite", "01608 772 341"]),
    (FETE, "near-topic", "person", "Who is judging the fun dog show at the fete?", []),
    (FETE, "near-topic", "amount", "How much is a burger at the Scouts' barbecue?", []),
    (FETE, "near-topic", "amount", "How much did the duck race raise at last year's fete?", []),
    (FETE, "off-topic", "number", "What is the boiling point of water in degrees Fahrenheit?", []),
    # 4. walking group trip report (Markdown)
    (WALK, "paraphrase", "person", "Who led the walk over Hebble Moor?", ["Brenda Hollis"]),
    (WALK, "paraphrase", "distance", "How far did the ramblers walk altogether that day?", ["11.2 miles"]),
    (WALK, "paraphrase", "distance", "How long is the leg from the trig point to the tarns?", ["2.4 miles"]),
    (WALK, "paraphrase", "height", "How high is the trig point on Hebble Moor?", ["447 metres"]),
    (WALK, "paraphrase", "person", "Who sprained an ankle on the walk?", ["Keith Barraclough"]),
    (WALK, "paraphrase", "amount", "How much is the yearly membership fee for the ramblers?", ["£12"]),
    (WALK, "paraphrase", "reason", "Why are dogs not allowed on the spring walks across Hebble Moor?", ["ground-nesting birds"]),
    (WALK, "near-topic", "amount", "How much did it cost to park at Scarrow Bridge last year?", []),
    (WALK, "near-topic", "code", "What is the grid reference of the Hebble Moor trig point?", []),
    (WALK, "near-topic", "age", "How old is Keith Barraclough?", []),
    (WALK, "off-topic", "place", "What is the highest mountain in England?", []),
    # 5. community newsletter item (TXT)
    (SURGERY, "paraphrase", "date", "When is the very last Saturday clinic at Brookfield?", ["29 March"]),
    (SURGERY, "paraphrase", "time", "How late will the surgery be open on Tuesday evenings?", ["until 8pm", "8pm"]),
    (SURGERY, "paraphrase", "number", "How many patients are on the practice's list?", ["9,400", "about 9,400"]),
    (SURGERY, "paraphrase", "person", "Who is the new practice manager at the surgery?", ["Tomasz Nowak"]),
    (SURGERY, "paraphrase", "reason", "Why is Brookfield getting rid of its Saturday morning surgery?", ["increasingly difficult to staff the Saturday clinic"]),
    (SURGERY, "paraphrase", "place", "Where are the sessions to help with the NHS App held?", ["the library's community room", "Ashcombe Library"]),
    (SURGERY, "paraphrase", "person", "Who wrote the newsletter piece about Brookfield Surgery?", ["Harriet Mossop"]),
    (SURGERY, "near-topic", "duration", "How long has Dr Anjali Menon been a partner at Brookfield?", []),
    (SURGERY, "near-topic", "organisation", "Which Luton practice did Tomasz Nowak work at before?", []),
    (SURGERY, "near-topic", "number", "How many patients used the Saturday clinic last year?", []),
    (SURGERY, "off-topic", "date", "In what year was the NHS founded?", []),
    # 6. email thread with the plumber (HTM)
    (BOILER, "paraphrase", "amount", "How much did Owen quote for the new boiler?", ["£2,840"]),
    (BOILER, "paraphrase", "date", "Which days is the boiler being fitted?", ["Monday 24 and Tuesday 25 March", "24th and 25th"]),
    (BOILER, "paraphrase", "amount", "What will the final invoice from the plumber come to?", ["£2,457"]),
    (BOILER, "paraphrase", "duration", "How long is the manufacturer's guarantee on the new boiler?", ["10-year"]),
    (BOILER, "paraphrase", "person", "Who recommended Owen to Rachel?", ["Jean Collis"]),
    (BOILER, "paraphrase", "time", "What time is the plumber turning up on the first day?", ["about 8am", "8am"]),
    (BOILER, "paraphrase", "reason", "Why did Owen suggest swapping the back bedroom radiator?", ["in poor shape"]),
    (BOILER, "near-topic", "brand", "What make of boiler is Owen fitting?", []),
    (BOILER, "near-topic", "amount", "How much does Owen charge for a yearly boiler service?", []),
    (BOILER, "near-topic", "person", "What is the apprentice Kieran's surname?", []),
    (BOILER, "off-topic", "person", "Who wrote Pride and Prejudice?", []),
]


def plain_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix in (".html", ".htm"):
        text = re.sub(r"<style.*?</style>", " ", text, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", text)
        text = html.unescape(text)
    return re.sub(r"\s+", " ", text)


def main() -> None:
    texts = {name: plain_text(SOURCES / source) for name, source in SOURCE_OF.items()}
    problems = []
    lines = []
    for source, kind, asks, question, answers in QUESTIONS:
        if kind == "paraphrase" and not answers:
            problems.append(f"no answers: {question}")
        if kind != "paraphrase" and answers:
            problems.append(f"{kind} question with answers: {question}")
        for answer in answers:
            if answer not in texts[source]:
                problems.append(f"not in {source}: {answer!r} ({question})")
        record = {"question": question, "answers": answers, "source": source, "kind": kind, "asks": asks}
        lines.append(json.dumps(record, ensure_ascii=False))
    for name in SOURCE_OF:
        counts = [sum(1 for row in QUESTIONS if row[0] == name and row[1] == kind)
                  for kind in ("paraphrase", "near-topic", "off-topic")]
        if counts != [7, 3, 1]:
            problems.append(f"{name}: counts {counts}")
    if problems:
        raise SystemExit("\n".join(problems))
    (HERE / "questions.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} questions to {HERE / 'questions.jsonl'}")


if __name__ == "__main__":
    main()
