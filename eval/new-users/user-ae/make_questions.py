"""Write questions.jsonl and check every gold answer appears verbatim in its document's text."""

import html
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ART = HERE / "articles"
SRC = HERE / "sources"

PDF = "outpatient-appointment-letter.pdf"
DOCX = "physio-exercise-plan.docx"
HTML = "thornbury-lane-pharmacy.html"
MD = "wexcombe-harriers-10k-plan.md"
TXT = "hollinsford-health-centre-opens.txt"
HTM = "greengate-dental-refund.htm"


def collapse(t):
    return re.sub(r"\s+", " ", t).strip()


def strip_tags(t):
    t = re.sub(r"(?is)<(style|script)\b.*?</\1>", " ", t)
    t = re.sub(r"<[^>]+>", " ", t)
    return collapse(html.unescape(t))


def json_strings(x):
    if isinstance(x, str):
        return [x]
    if isinstance(x, list):
        return [s for i in x for s in json_strings(i)]
    if isinstance(x, dict):
        return [s for v in x.values() for s in json_strings(v)]
    return []


def doc_text(name):
    if name == PDF:
        return strip_tags((SRC / "appointment_letter.html").read_text(encoding="utf-8"))
    if name == DOCX:
        spec = json.loads((SRC / "physio_plan.json").read_text(encoding="utf-8"))
        return collapse(" ".join(json_strings(spec["blocks"])))
    raw = (ART / name).read_text(encoding="utf-8")
    if name.endswith((".html", ".htm")):
        return strip_tags(raw)
    return collapse(raw)


Q = []


def add(source, kind, asks, question, answers=()):
    Q.append({"question": question, "answers": list(answers), "source": source, "kind": kind, "asks": asks})


def p(source, asks, question, *answers):
    add(source, "paraphrase", asks, question, answers)


def near(source, asks, question):
    add(source, "near", asks, question)


def off(asks, question):
    add(None, "off", asks, question)


# --- PDF: hospital outpatient appointment letter ---
p(PDF, "person", "Which consultant's team will be looking at my knee?", "Mr Rajan Okonkwo-Hale", "Rajan Okonkwo-Hale")
p(PDF, "date", "What day have they booked me in at the hospital?", "Tuesday 14 April 2026", "14 April 2026")
p(PDF, "time", "What time do I need to be there to check in?", "10:05")
p(PDF, "amount", "How much will it cost me to leave the car at the hospital?", "£3.20")
p(PDF, "code", "What NHS number have they got on record for me?", "485 772 9163")
p(PDF, "duration", "If I can't make it, how far ahead do I have to let them know?", "48 hours")
p(PDF, "person", "Which GP referred me to the knee clinic?", "Dr Helena Strickland", "Helena Strickland")
near(PDF, "date", "What year did Castlebridge General Hospital first open?")
near(PDF, "date", "On what date did my GP send the referral to the hospital?")
near(PDF, "place", "Which ward will I be admitted to if I need the knee operation?")
off("other", "How do I renew my passport online?")

# --- DOCX: physiotherapy exercise plan ---
p(DOCX, "number", "How many straight leg raises am I supposed to do in each set?", "12 reps")
p(DOCX, "duration", "How long do I rest between the wall sit sets?", "60 seconds")
p(DOCX, "person", "What is the name of the physio who wrote my programme?", "Tobias Ferrand-Lowe")
p(DOCX, "number", "At what pain level should I give up on an exercise for the day?", "above 4 out of 10", "4 out of 10")
p(DOCX, "other", "What colour resistance band do I use for the clamshells?", "red band", "red")
p(DOCX, "date", "When is my follow-up with the physio?", "Tuesday 28 April 2026", "28 April 2026")
p(DOCX, "other", "How far am I allowed to run for the next three weeks?", "5 kilometres", "no longer than 5 kilometres")
near(DOCX, "amount", "How much does each physio session at Riverside cost?")
near(DOCX, "other", "How heavy an ankle weight should I add to the straight leg raises?")
near(DOCX, "duration", "How many sessions of physio in total will I need before I'm discharged?")
off("other", "What is a good recipe for vegetable lasagne?")

# --- HTML: pharmacy web page ---
p(HTML, "time", "How late is the pharmacy open on a Wednesday evening?", "8.00pm")
p(HTML, "amount", "What do they charge to get wax cleared out of both ears?", "£60", "£60 for both ears")
p(HTML, "person", "Who is the superintendent in charge of the pharmacy?", "Anjali Pemberton-Shah")
p(HTML, "yes/no", "Can I pop in on a Sunday?", "Closed")
p(HTML, "amount", "How much is a flu jab if I can't get one free on the NHS?", "£17.99")
p(
    HTML,
    "other",
    "How close to the shop do I have to live to get my medicines delivered for free?",
    "within three miles",
    "three miles",
)
p(HTML, "duration", "How much notice do they need before my first weekly blister pack?", "seven days")
near(HTML, "amount", "How much does a typhoid vaccination cost at Thornbury Lane Pharmacy?")
near(HTML, "date", "In what year did Anjali Pemberton-Shah qualify as a pharmacist?")
near(HTML, "yes/no", "Can I get a COVID booster jab at the pharmacy?")
off("time", "What time does Castlebridge library open on Saturdays?")

# --- MD: running club 10k plan ---
p(MD, "person", "Who drew up the club's 10K training plan?", "Priyanka Dunmore")
p(MD, "number", "How long is the Sunday long run in week six?", "10 km easy")
p(MD, "time", "What time do club night runs actually get going?", "7pm")
p(MD, "amount", "How much does a year's membership of the Harriers cost?", "£32")
p(MD, "number", "What's my total mileage for week 7?", "25 km")
p(MD, "time", "What time does the Castlebridge 10K set off?", "9.30am")
p(MD, "place", "Where do we run the hill repeats?", "Cotter's Brow")
near(MD, "other", "What is the course record for the Castlebridge 10K?")
near(MD, "amount", "How much is the race entry fee for runners under 18?")
near(MD, "duration", "How many years has Priyanka Dunmore been coaching at the club?")
off("other", "What's the best way to descale a kettle?")

# --- TXT: local news story ---
p(TXT, "amount", "What did the new Hollinsford health centre cost to build?", "£14.6 million", "£14.6m")
p(TXT, "place", "What was on the Station Road site before the health centre was built?", "bus depot")
p(TXT, "number", "Roughly how many patients are registered across the three practices?", "21,500", "about 21,500")
p(TXT, "organisation", "Which company built the centre?", "Halden Construction")
p(TXT, "person", "Who is running the centre's day-to-day operations?", "Sunita Ravensworth")
p(TXT, "number", "How many car parking spaces are there at the centre?", "64")
p(TXT, "date", "When can members of the public go along and look round the building?", "Saturday 21 March")
near(TXT, "person", "Who cut the ribbon to officially open the Hollinsford centre?")
near(TXT, "number", "How many GPs work at the new Hollinsford health centre altogether?")
near(TXT, "code", "What is the telephone number for the Hollinsford Health and Wellbeing Centre?")
off("person", "Who won the Premier League last season?")

# --- HTM: dental refund email thread ---
p(HTM, "amount", "How much was the deposit for the hygienist visit?", "£65.00")
p(HTM, "code", "What reference number did the dentist give for my refund?", "GDC-RF-20418")
p(HTM, "reason", "Why did the practice call off my scale and polish?", "the hygienist was ill", "staff sickness")
p(HTM, "person", "Who manages the Greengate dental practice?", "Colette Varnham")
p(HTM, "duration", "How long should the money take to reach my card?", "three to five working days")
p(HTM, "number", "Which card was the refund paid back to?", "4471", "Visa card ending 4471")
p(HTM, "other", "On which days of the week is the hygienist in?", "Tuesdays, Wednesdays and Fridays")
near(HTM, "amount", "What is the full price of a scale and polish at Greengate Dental Care?")
near(HTM, "date", "When is my rebooked appointment with Saoirse Kilbride?")
near(HTM, "duration", "How long has Saoirse Kilbride worked at Greengate Dental Care?")
off("other", "What will the weather be like in Castlebridge this weekend?")


def main():
    texts = {}
    bad = []
    for q in Q:
        src = q["source"]
        if src is None:
            assert q["kind"] == "off" and not q["answers"], q
            continue
        if src not in texts:
            texts[src] = doc_text(src)
        for a in q["answers"]:
            if a not in texts[src]:
                bad.append(f"{src}: {a!r} not found (question: {q['question']})")
        if q["kind"] == "paraphrase" and not q["answers"]:
            bad.append(f"paraphrase without answers: {q['question']}")
    counts = {}
    for q in Q:
        counts.setdefault((q["source"], q["kind"]), 0)
        counts[(q["source"], q["kind"])] += 1
    if bad:
        sys.exit("\n".join(bad))
    with open(HERE / "questions.jsonl", "w", encoding="utf-8") as f:
        for q in Q:
            f.write(json.dumps(q, ensure_ascii=False) + "\n")
    print(f"wrote {len(Q)} questions")
    for k, v in sorted(counts.items(), key=lambda kv: (str(kv[0][0]), kv[0][1])):
        print(k, v)


if __name__ == "__main__":
    main()
