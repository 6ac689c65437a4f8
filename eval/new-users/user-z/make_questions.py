"""Write questions.jsonl and check every gold answer appears verbatim in its document's text."""

import html
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ART = HERE / "articles"
SRC = HERE / "sources"


def collapse(s):
    return re.sub(r"\s+", " ", s).strip()


def strip_tags(s):
    s = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", s)
    return html.unescape(re.sub(r"<[^>]+>", " ", s))


def doc_text(name):
    if name.endswith(".pdf"):
        return collapse(strip_tags((SRC / "car_hire_letter.html").read_text(encoding="utf-8")))
    if name.endswith(".docx"):
        raw = (SRC / "router_guide.txt").read_text(encoding="utf-8")
        return collapse(re.sub(r"(?m)^[A-Z0-9]+: ", "", raw))
    raw = (ART / name).read_text(encoding="utf-8")
    if name.endswith((".html", ".htm")):
        return collapse(strip_tags(raw))
    return collapse(raw)


ROUTER = "corvex_hub4_setup_guide.docx"
CAR = "tarnbrook_booking_confirmation.pdf"
BINS = "ashcombe_bins_recycling.html"
CAT = "lost_cat_pickle.md"
BREACH = "fernleigh_data_incident_notice.txt"
PARCEL = "missing_parcel_emails.htm"

Q = []


def p(src, q, answers, asks):
    Q.append({"question": q, "answers": answers, "source": src, "kind": "paraphrase", "asks": asks})


def near(src, q, asks):
    Q.append({"question": q, "answers": [], "source": src, "kind": "near", "asks": asks})


def off(q, asks):
    Q.append({"question": q, "answers": [], "source": None, "kind": "off", "asks": asks})


# Router setup guide (.docx)
p(ROUTER, "Who do I phone if a cable is missing from my new router box?", ["0330 118 4725"], "number")
p(ROUTER, "My hub's light keeps blinking orange, what's wrong?", ["No broadband signal detected"], "other")
p(ROUTER, "What address do I type in the browser to get to the router's settings?", ["192.168.50.1"], "code")
p(
    ROUTER,
    "How long do I need to hold the pin in the reset hole to wipe the hub back to factory settings?",
    ["15 seconds"],
    "duration",
)
p(ROUTER, "How much will Brackenwire charge me if I cancel and don't send the hub back?", ["£60"], "amount")
p(ROUTER, "What's the monthly price of the signal booster disc?", ["£5 a month", "£5"], "amount")
p(ROUTER, "How late in the evening can I get hold of the setup helpline?", ["9pm"], "time")
near(ROUTER, "How much does the Ultra Fibre 500 package cost each month?", "amount")
near(ROUTER, "How many devices can connect to the Corvex Hub 4 wifi at once?", "number")
near(ROUTER, "How many Ethernet ports are there on the back of the Corvex Hub 4?", "number")
off("What's the best way to descale a kettle?", "other")

# Car hire booking letter (.pdf)
p(CAR, "What make and model of car have I actually been given, or one like it?", ["Skoda Octavia Estate"], "other")
p(CAR, "What time am I picking the hire car up?", ["9.30am"], "time")
p(CAR, "How much is still owed when I go to collect the car?", ["£438.60"], "amount")
p(CAR, "What's the daily cost of having my husband as a second driver?", ["£8.00 per day", "£8.00"], "amount")
p(CAR, "Who signed the car hire confirmation letter?", ["Gareth Thwaite"], "person")
p(CAR, "If we drive more than the allowance, how much is each extra mile?", ["18p per mile", "18p"], "amount")
p(CAR, "How much will they freeze on my credit card as a security amount?", ["£300"], "amount")
near(CAR, "Is the Octavia petrol or diesel?", "other")
near(CAR, "What's the registration number of the car I'm hiring?", "code")
near(CAR, "How much extra would an automatic car cost per day?", "amount")
off("What is the speed limit on a single carriageway road in England?", "number")

# Council bin collection page (.html)
p(BINS, "Which day do the bin lorries come to Hatherley Park?", ["Tuesday"], "date")
p(BINS, "By what time in the morning do my bins need to be at the kerb?", ["6.30am"], "time")
p(BINS, "How much is the brown garden bin if I pay by direct debit?", ["£44"], "amount")
p(BINS, "Which container should used tea bags go into?", ["Grey food caddy", "food caddy"], "other")
p(
    BINS,
    "When do bin days go back to normal after the Christmas break?",
    ["Monday 5 January 2026", "5 January 2026"],
    "date",
)
p(BINS, "What day of the week is the Furzedown Lane tip shut?", ["Wednesday"], "date")
p(BINS, "How much does it cost to get a replacement blue wheelie bin?", ["£28"], "amount")
near(BINS, "How much does the council charge for a bulky waste collection?", "amount")
near(BINS, "Who is in charge of waste services at Ashcombe Vale council?", "person")
near(BINS, "How much is a van permit for the Furzedown Lane recycling centre?", "amount")
off("How do I apply for a residents' parking permit?", "other")

# Lost cat post (.md)
p(CAT, "Who put up the post about the missing cat?", ["Tamsin Okonjo-Reid"], "person")
p(
    CAT,
    "When was Pickle last spotted before he went missing?",
    ["10.40pm on Saturday 6 September", "Saturday 6 September", "10.40pm"],
    "date",
)
p(CAT, "What colour collar was the cat wearing?", ["Bright orange", "orange"], "other")
p(CAT, "Whose premises was the cat finally discovered in?", ["Heron Marine"], "organisation")
p(CAT, "How much weight did Pickle lose while he was shut in?", ["600g"], "number")
p(CAT, "Which vet examined the cat once he was back?", ["Dr Farrukh"], "person")
p(CAT, "Who ended up getting the reward money?", ["Pets Aid Whitmore"], "organisation")
near(CAT, "How old is Pickle?", "number")
near(CAT, "What is Pickle's microchip number?", "code")
near(CAT, "What is Desmond's surname?", "person")
off("How often should an indoor cat be wormed?", "duration")

# Data breach notice (.txt)
p(BREACH, "On what date did Fernleigh first notice something suspicious on their server?", ["9 October 2025"], "date")
p(BREACH, "Which company did they hire to look into the hack?", ["Kestrel Forensic Partners"], "organisation")
p(BREACH, "Roughly how many customers had their details exposed?", ["58,400"], "number")
p(BREACH, "What code do I enter to get the free identity protection?", ["FLO-7Q4-KX9"], "code")
p(BREACH, "What's the deadline for signing up to the free monitoring?", ["31 January 2026"], "date")
p(BREACH, "Who is Fernleigh's data protection officer?", ["Priyanka Lowther"], "person")
p(
    BREACH,
    "How did the attacker manage to get into the customer database?",
    ["login details stolen from one of our software suppliers", "stolen from one of our software suppliers"],
    "reason",
)
near(BREACH, "Has anyone been arrested over the Fernleigh Outdoor breach?", "yes/no")
near(BREACH, "How big a fine did the ICO give Fernleigh Outdoor?", "amount")
near(BREACH, "How many people work at Fernleigh Outdoor?", "number")
off("How do I claim compensation for a cancelled flight?", "other")

# Missing parcel email thread (.htm)
p(PARCEL, "What was inside the parcel that went missing?", ["Aldhurst walking boots", "walking boots"], "other")
p(PARCEL, "Which address was the parcel wrongly dropped at?", ["33 Wellesley Road"], "place")
p(PARCEL, "On what day is the parcel being brought back to Callum?", ["Wednesday 19 November"], "date")
p(PARCEL, "How much credit did the courier give him to say sorry?", ["£15"], "amount")
p(PARCEL, "What's the name of the manager at the Avonmouth depot?", ["Terry Gulliford"], "person")
p(PARCEL, "What colour is Callum's own front door?", ["dark green"], "other")
p(PARCEL, "According to the tracking, at what time was the parcel delivered?", ["14:37"], "time")
near(PARCEL, "What was the name of the driver who left the parcel at the wrong house?", "person")
near(PARCEL, "How much did Callum pay for postage on the boots?", "amount")
near(PARCEL, "What is Callum's Trailhead Outfitters order number?", "code")
off("How much does a first class stamp cost in the UK?", "amount")


def main():
    texts = {}
    bad = []
    for q in Q:
        if q["source"] is None:
            continue
        t = texts.setdefault(q["source"], doc_text(q["source"]))
        for a in q["answers"]:
            if collapse(a) not in t:
                bad.append((q["source"], q["question"], a))
    if bad:
        for b in bad:
            print("NOT FOUND:", b, file=sys.stderr)
        sys.exit(1)
    counts = {}
    for q in Q:
        counts[(q["source"], q["kind"])] = counts.get((q["source"], q["kind"]), 0) + 1
    with open(HERE / "questions.jsonl", "w", encoding="utf-8") as f:
        for q in Q:
            f.write(json.dumps(q, ensure_ascii=False) + "\n")
    print(f"wrote {len(Q)} questions; all gold answers found verbatim")


if __name__ == "__main__":
    main()
