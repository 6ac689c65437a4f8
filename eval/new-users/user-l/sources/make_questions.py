import html
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
A = HERE.parent / "articles"
S = HERE
def html_text(p):
    t = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", Path(p).read_text(), flags=re.S)
    t = re.sub(r"<[^>]+>", " ", t)
    t = html.unescape(t)
    return re.sub(r"\s+", " ", t)
texts = {
 "kettle-recall.html": html_text(A/"kettle-recall.html"),
 "planning-decision.pdf": html_text(S/"planning-decision.html"),
 "concert-programme.pdf": html_text(S/"concert-programme.html"),
 "dental-treatment-plan.docx": (S/"dental-treatment-plan.txt").read_text(),
 "rowing-club-season-report.md": (A/"rowing-club-season-report.md").read_text().replace("*", ""),
 "car-insurance-renewal.txt": (A/"car-insurance-renewal.txt").read_text(),
}
P, N, OFF = "paraphrase", "near-topic", "off-topic"
Q = {
"kettle-recall.html": [
 (P, "Why is the Brightwell kettle being recalled?", ["the power base can overheat where the kettle sits on it", "overheat"]),
 (P, "What freephone number should I ring to sign up for the kettle recall?", ["0800 612 4471"]),
 (P, "If I choose my money back for the kettle, how much will I get?", ["£39.99"]),
 (P, "Where on the kettle do I look for the batch code?", ["printed on the silver label under the power base", "silver label under the power base"]),
 (P, "What colour are the kettles from batch LOT 2505C?", ["Cream"]),
 (P, "What went wrong at the factory that made the bases overheat?", ["a supplier changed the grade of plastic used in the connector housing of the power base without telling us", "changed the grade of plastic"]),
 (P, "What is the last date I can take part in the kettle recall?", ["31 May 2026"]),
 (N, "How long is the warranty on a replacement KettlePro kettle?", []),
 (N, "What is the name of the company that supplied the faulty plastic?", []),
 (N, "What email address can I use to contact Brightwell about the recall?", []),
 (OFF, "Who won the 2022 football World Cup?", []),
],
"planning-decision.pdf": [
 (P, "What did the Okonjos apply for planning permission to build?", ["Erection of a single-storey rear extension and conversion of the loft with a rear dormer window", "single-storey rear extension"]),
 (P, "On what date did the council make its decision on the Larch Rise application?", ["3 November 2025"]),
 (P, "What hours are the builders allowed to work on a Saturday?", ["between 8am and 1pm on Saturdays", "8am and 1pm"]),
 (P, "How far back from the house can the new extension reach?", ["4.5 metres"]),
 (P, "How wide will the dormer be after the plans were changed?", ["3.8 metres"]),
 (P, "How long do the applicants have to appeal against the conditions?", ["within 12 weeks of the date of this notice", "12 weeks"]),
 (P, "Who signed the decision letter for the council?", ["Claire Petrakis"]),
 (N, "How much was the fee for submitting the planning application?", []),
 (N, "Who is the architect who drew the plans for 14 Larch Rise?", []),
 (N, "When is the building work at Larch Rise expected to be finished?", []),
 (OFF, "How do I reset my broadband router?", []),
],
"concert-programme.pdf": [
 (P, "Who conducts the Ashcombe Choral Society now?", ["Tobias Wren"]),
 (P, "How much does an adult ticket for the spring concert cost?", ["£16"]),
 (P, "Who sings the tenor solos in the Mozart mass?", ["James Adeyemi"]),
 (P, "Which charity will the collection at the end of the concert support?", ["Ashcombe Community Larder"]),
 (P, "What time does the Vaughan Williams piece start?", ["8.40pm"]),
 (P, "When was the Vaughan Williams Mass first performed?", ["December 1922"]),
 (P, "How many singers are in the choir this season?", ["64 singing members", "64"]),
 (N, "What time is the spring concert expected to finish?", []),
 (N, "How much are tickets for the Haydn Creation concert in July?", []),
 (N, "Who leads the Avonvale Sinfonia?", []),
 (OFF, "What is the capital city of Australia?", []),
],
"dental-treatment-plan.docx": [
 (P, "How much is the root canal going to cost?", ["£520.00"]),
 (P, "Which dentist examined Sophie Ranganathan?", ["Dr Owen Faraday", "Owen Faraday"]),
 (P, "How much do I need to pay up front when I accept the treatment plan?", ["A deposit of £300", "£300"]),
 (P, "What is the charge if I miss a dental appointment?", ["charged at £40 for each 30 minutes booked", "£40 for each 30 minutes booked"]),
 (P, "When is my appointment with the hygienist?", ["7 October 2025 at 8.40am", "7 October 2025"]),
 (P, "What would it cost to have the lower left molar taken out instead?", ["£120"]),
 (P, "How often is root canal treatment successful?", ["about nine cases out of ten", "nine cases out of ten"]),
 (N, "Does Millbrook Dental Practice treat children on the NHS?", []),
 (N, "How much would a dental implant cost at Millbrook?", []),
 (N, "What time is the root canal appointment on 30 September?", []),
 (OFF, "How many moons does Jupiter have?", []),
],
"rowing-club-season-report.md": [
 (P, "How many races did Kingsmere crews win in 2025?", ["19 wins"]),
 (P, "Which club knocked the women's coxed four out at Henley?", ["Molesey"]),
 (P, "How much did the club's new eight cost?", ["£38,500"]),
 (P, "Who is the new boat named after?", ["our longest-serving member, who first rowed for the club in 1961", "our longest-serving member"]),
 (P, "What will the senior subscription be from January 2026?", ["£450"]),
 (P, "How much does the adult learn-to-row course cost?", ["£95 for six sessions", "£95"]),
 (P, "How did the junior women's quad do at Wallingford?", ["Winner"]),
 (N, "How much does it cost to hire the Kingsmere boathouse for a party?", []),
 (N, "Which crew won the men's eights at Henley Royal Regatta?", []),
 (N, "How many members did the rowing club have in 2024?", []),
 (OFF, "What is a good recipe for banana bread?", []),
],
"car-insurance-renewal.txt": [
 (P, "How much will my car insurance cost for the coming year?", ["£684.15"]),
 (P, "What did I pay for my car insurance last year?", ["£612.40"]),
 (P, "How much of an accident damage claim will I have to pay myself?", ["the first £550 of any claim", "£550"]),
 (P, "Who is allowed to drive the Skoda under the policy?", ["you and your wife, Mrs Bethan Llewellyn", "Mrs Bethan Llewellyn"]),
 (P, "For how many days can I have a courtesy car?", ["for up to 14 days", "14 days"]),
 (P, "What number do I ring if I don't want the policy to renew?", ["0345 301 8820"]),
 (P, "How much extra would breakdown cover cost?", ["£54 a year", "£54"]),
 (N, "Am I covered to drive my car in the United States?", []),
 (N, "What is my Skoda's current market value?", []),
 (N, "How much would it cost to add my son back onto the policy?", []),
 (OFF, "When was the Eiffel Tower built?", []),
],
}
bad = 0
n = 0
with open(HERE.parent / "questions.jsonl", "w") as f:
    for src, qs in Q.items():
        assert (A/src).exists(), src
        assert len(qs) == 11
        for kind, q, ans in qs:
            for a in ans:
                if a not in texts[src]:
                    print("MISSING", src, repr(a))
                    bad += 1
            f.write(json.dumps({"question": q, "answers": ans, "kind": kind, "source": src}, ensure_ascii=False) + "\n")
            n += 1
print(n, "questions,", bad, "missing")
