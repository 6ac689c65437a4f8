"""Write questions.jsonl beside this script and check every gold answer is verbatim in my own text."""
import html
import json
import re
from pathlib import Path

from docx import Document

ROOT = Path(__file__).resolve().parent


def html_text(path):
    t = Path(path).read_text(encoding="utf-8")
    t = re.sub(r"<(style|script)\b.*?</\1>", " ", t, flags=re.S | re.I)
    t = re.sub(r"<[^>]+>", " ", t)
    return re.sub(r"\s+", " ", html.unescape(t))


def docx_text(path):
    d = Document(path)
    parts = [p.text for p in d.paragraphs]
    for tb in d.tables:
        for r in tb.rows:
            for c in r.cells:
                parts.append(c.text)
    return re.sub(r"\s+", " ", " ".join(parts))


TEXTS = {
    "payslip_march_2025.pdf": html_text(ROOT / "sources/payslip_march_2025.html"),
    "observers_log_spring_2025.pdf": html_text(ROOT / "sources/observers_log_spring_2025.html"),
    "skylark_booking_QX7HNR.htm": html_text(ROOT / "articles/skylark_booking_QX7HNR.htm"),
    "nain_cheese_leek_pie.html": html_text(ROOT / "articles/nain_cheese_leek_pie.html"),
    "st_aldhelms_term_dates_2025-26.docx": docx_text(ROOT / "articles/st_aldhelms_term_dates_2025-26.docx"),
    "meet_the_maker_hollis_bicycle_works.md": re.sub(
        r"\s+", " ", (ROOT / "articles/meet_the_maker_hollis_bicycle_works.md").read_text(encoding="utf-8")),
}

P, N, O = "paraphrase", "near-topic", "off-topic" # noqa: E741
Q = {
    "payslip_march_2025.pdf": [
        ("How much did I actually take home this month?", ["£2,386.77", "2,386.77"], P),
        ("What tax code am I on?", ["1257L"], P),
        ("How much income tax have I paid so far this tax year?", ["5,130.20"], P),
        ("What will my yearly salary be once the April pay rise kicks in?", ["£36,120.00", "36,120.00"], P),
        ("Who should I get in touch with if my pay looks wrong?", ["Graham Oyelaran"], P),
        ("How many days of holiday have I got left?", ["14.5"], P),
        ("How much does the company pay into my pension each month?", ["£233.33", "233.33"], P),
        ("What is my normal hourly rate of pay?", [], N),
        ("How much was I paid in February?", [], N),
        ("Who is my line manager in Quality Assurance?", [], N),
        ("When is my car's MOT due?", [], O),
    ],
    "observers_log_spring_2025.pdf": [
        ("What did the society pay for its new telescope?", ["£4,280", "4,280"], P),
        ("How many different moth species turned up in last summer's survey?", ["247"], P),
        ("Who is giving the talk about the atmospheres of exoplanets?", ["Dr Aisha Penrose", "Aisha Penrose"], P),
        ("How much will a family subscription cost from April?", ["£45"], P),
        ("How heavy is the meteorite the farmer picked up?", ["312 grams"], P),
        ("How old was Margaret Horsfall when she passed away?", ["91"], P),
        ("Where is the old 10-inch telescope going?", ["Reeth Community Primary School"], P),
        ("How much is the fee for the Dark Sky Community application?", [], N),
        ("How much does it cost to go to the star party?", [], N),
        ("Who won last year's photo competition?", [], N),
        ("How do I reset my broadband router?", [], O),
    ],
    "skylark_booking_QX7HNR.htm": [
        ("What's our booking reference?", ["QX7HNR"], P),
        ("What time does our plane to Portugal leave?", ["06:40"], P),
        ("How heavy can Tessa's checked suitcase be?", ["15kg"], P),
        ("How much did the whole trip cost us altogether?", ["£1,146.38", "1,146.38"], P),
        ("What is the charge for changing a passenger's name?", ["£45"], P),
        ("How late can we check in online?", ["2 hours before departure"], P),
        ("Which seat does Priya have on the flight home?", ["17E"], P),
        ("Which terminal do we fly from at Bristol?", [], N),
        ("What is the name of our hotel in Faro?", [], N),
        ("How much does it cost to take a bicycle on the flight?", [], N),
        ("What's the weather forecast for Leeds tomorrow?", [], O),
    ],
    "nain_cheese_leek_pie.html": [
        ("What temperature should a fan oven be set to for the pie?", ["180°C fan"], P),
        ("Which cheese does the author swear by for this pie?", ["Caerphilly"], P),
        ("How many people will the pie feed?", ["Serves 6", "6"], P),
        ("What was the blogger's grandmother's name?", ["Enid"], P),
        ("How long do the leeks need to soften in the butter?", ["15 minutes", "fifteen minutes"], P),
        ("What size of pie dish do I need?", ["23cm"], P),
        ("How long should the pie stand before I cut into it?", ["at least 10 minutes", "10 minutes"], P),
        ("How many calories are in a slice of the pie?", [], N),
        ("Can I use gluten-free pastry for this pie?", [], N),
        ("How many days will the pie keep in the fridge?", [], N),
        ("What is a good fertiliser for tomato plants?", [], O),
    ],
    "st_aldhelms_term_dates_2025-26.docx": [
        ("When do the children go back to school after the summer holidays?", ["Wednesday 3 September 2025"], P),
        ("When does school break up for Christmas?", ["Friday 19 December 2025"], P),
        ("What time are the gates shut in the morning?", ["8.50am"], P),
        ("What colour is the school jumper?", ["Royal blue"], P),
        ("How much does breakfast club cost?", ["£4.50"], P),
        ("Who should I speak to about my son's special educational needs?", ["Mr Daniel Achebe", "Daniel Achebe"], P),
        ("How big is the fine for an unauthorised family holiday in term time?", ["£80"], P),
        ("When does the autumn term start in 2026?", [], N),
        ("How much does a school sweatshirt with the logo cost?", [], N),
        ("What Ofsted rating does the school have?", [], N),
        ("How do I bleed a radiator?", [], O),
    ],
    "meet_the_maker_hollis_bicycle_works.md": [
        ("In what year did Marguerite open the bike shop?", ["2011"], P),
        ("How much money did she use to get the business started?", ["about £18,000", "£18,000"], P),
        ("Who is the shop's chief mechanic?", ["Priyesh Varma"], P),
        ("Roughly how many bikes does the workshop service every year?", ["1,400"], P),
        ("How much is a basic safety check?", ["£25"], P),
        ("Where is the business relocating to?", ["the old saddlery on Stricklandgate", "Stricklandgate"], P),
        ("How many miles has her own touring bike covered?", ["over 60,000 miles", "60,000 miles"], P),
        ("How much rent will the new premises on Stricklandgate cost?", [], N),
        ("What is the shop's annual turnover in pounds?", [], N),
        ("How old is Marguerite Hollis?", [], N),
        ("What's the best way to get red wine out of a carpet?", [], O),
    ],
}

lines = []
for source, qs in Q.items():
    assert (ROOT / "articles" / source).exists(), source
    kinds = [k for _, _, k in qs]
    assert kinds.count(P) == 7 and kinds.count(N) == 3 and kinds.count(O) == 1, source
    for question, answers, kind in qs:
        assert (kind == P) == bool(answers), question
        for a in answers:
            assert a in TEXTS[source], f"{source}: {a!r} not verbatim"
        lines.append({"question": question, "answers": answers, "kind": kind, "source": source})

(ROOT / "questions.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
print(len(lines), "questions written")
