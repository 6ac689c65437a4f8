import html
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
A = f"{HERE.parent}/articles/"
S = f"{HERE}/"
def strip(p):
    t = open(p).read()
    t = re.sub(r"<[^>]+>", " ", t)
    t = html.unescape(t)
    return re.sub(r"\s+", " ", t)
texts = {
 "membership-terms.html": strip(A+"membership-terms.html"),
 "vet-invoice.pdf": strip(S+"vet-invoice.html"),
 "bridge-story.md": re.sub(r"\s+"," ",open(A+"bridge-story.md").read()),
 "warranty-letter.docx": re.sub(r"\s+"," ",open(S+"warranty-letter.txt").read()),
 "allotment-minutes.txt": re.sub(r"\s+"," ",open(A+"allotment-minutes.txt").read()),
 "tenancy-renewal.pdf": strip(S+"tenancy-renewal.html"),
}
Q = {
"membership-terms.html": (
 [("How much does a student pay each month for membership at Fernleigh Vale?", ["£19.50"]),
  ("What time does the leisure centre open on Saturdays and Sundays?", ["from 8am to 6pm at weekends", "8am"]),
  ("How long do I have to stay a monthly member before I'm allowed to cancel?", ["three months"]),
  ("What does it cost per month to put my membership on hold?", ["£6 a month", "£6"]),
  ("How much will a friend pay to come for a swim with me?", ["£5.10"]),
  ("Who is in overall charge of running the leisure centre day to day, the general manager?", ["Mrs Anita Kowalczyk", "Anita Kowalczyk"]),
  ("What reduction do people with an Ashcombe Leisure Card get?", ["30% discount", "30%"])],
 ["How much does it cost to book a squash court at Fernleigh Vale?",
  "How many members does Fernleigh Vale Leisure Centre have?",
  "In what year was Fernleigh Vale Leisure Centre built?"],
 "Who won the 2018 football World Cup?"),
"vet-invoice.pdf": (
 [("What breed of dog is Biscuit?", ["Cocker Spaniel"]),
  ("Which vet operated on Biscuit?", ["Dr Priya Raman", "Priya Raman"]),
  ("What did the dog swallow that caused the blockage?", ["part of a corn on the cob", "corn on the cob"]),
  ("How much was the whole bill once VAT was added?", ["£2,095.20"]),
  ("What is the excess on Mr Ashworth's pet insurance?", ["£99"]),
  ("When are Biscuit's stitches coming out?", ["26 March 2025"]),
  ("How much did the owner pay up front when the dog was admitted?", ["£500.00"])],
 ["How much does Millbrook charge for a routine vaccination?",
  "How long has Mr Ashworth owned Biscuit?",
  "Who owns Millbrook Veterinary Surgery?"],
 "What is the capital of Australia?"),
"bridge-story.md": (
 [("When will people be able to walk across the Hollins Ferry bridge again?", ["14 June"]),
  ("Which company is doing the repair work on the footbridge?", ["Brightwater Civil Engineering"]),
  ("How much is the council putting in from its own money?", ["£310,000"]),
  ("How far out of their way do people have to go while the bridge is shut?", ["about 1.8 miles", "1.8 miles"]),
  ("How many people signed the residents' petition?", ["2,317"]),
  ("By how much have the bike shop's takings dropped since the closure?", ["about a fifth", "a fifth"]),
  ("Who is going to officially open the bridge?", ["Councillor Desmond Achebe", "Desmond Achebe"])],
 ["When was the Hollins Ferry footbridge first built?",
  "How old is Councillor Rebecca Ostrowski?",
  "How many cyclists used the bridge each day before it closed?"],
 "How do I reset my Wi-Fi router?"),
"warranty-letter.docx": (
 [("What was actually wrong with Mrs Whitcombe's washing machine?", ["the drain pump had failed", "drain pump"]),
  ("When is the engineer coming back to fit the new parts?", ["Tuesday 26 August 2025", "26 August 2025"]),
  ("Until what date is the washing machine covered?", ["1 November 2027"]),
  ("How much did she pay for the washing machine?", ["£549.00"]),
  ("What number do I ring for Thornbury customer care?", ["0800 046 7713"]),
  ("How often should the pump filter be cleaned?", ["every three months"]),
  ("Who should she write to if she wants the decision looked at again?", ["Ms Fiona Gallacher", "Fiona Gallacher"])],
 ["What is the retail price of a replacement drain pump for the AquaClean 9?",
  "How many years has Thornbury been making washing machines?",
  "What is the spin speed of the AquaClean 9?"],
 "What time does the sun set in Edinburgh in December?"),
"allotment-minutes.txt": (
 [("How much will a full plot cost per year if the committee's recommendation goes through?", ["£52"]),
  ("Who won the best overall plot cup at the show?", ["Abdul Rahman"]),
  ("How many people are waiting for a plot?", ["23 people", "23"]),
  ("Which firm's quote was accepted for the compost toilet?", ["Greenloo Systems"]),
  ("When is the society's AGM?", ["Saturday 7 February 2026", "7 February 2026"]),
  ("How heavy was the winning marrow?", ["11.3 kg"]),
  ("Who looks after the society's money?", ["Ray Hollingworth"])],
 ["How big is a full plot in square metres?",
  "How much does it cost to join the allotment waiting list?",
  "Who will replace Colin Fairweather as Chair?"],
 "What's a good recipe for banana bread?"),
"tenancy-renewal.pdf": (
 [("What will the rent for Flat 14 be from August?", ["£1,185 per calendar month", "£1,185"]),
  ("Who is the landlord of the flat?", ["Mr Geoffrey Lamb", "Geoffrey Lamb"]),
  ("How big is the tenants' deposit?", ["£1,298"]),
  ("By when do the tenants need to sign the new agreement?", ["30 May 2025"]),
  ("What pet has the landlord agreed the tenants can keep?", ["one cat", "cat"]),
  ("When is the gas safety inspection due?", ["22 June 2025"]),
  ("Who inspected the flat in April?", ["Kirsty Adebayo"])],
 ["How much is the council tax on Flat 14, Marston Court?",
  "What floor of Marston Court is Flat 14 on?",
  "How much does Pemberton & Hale charge landlords for managing a property?"],
 "Who painted the Mona Lisa?"),
}
n = 0
with open(HERE.parent / "questions.jsonl", "w") as f:
    for src, (para, near, off) in Q.items():
        for q, ans in para:
            for a in ans:
                assert a in texts[src], (src, a)
            f.write(json.dumps({"question": q, "answers": ans, "kind": "paraphrase", "source": src}, ensure_ascii=False) + "\n")
            n += 1
        for q in near:
            f.write(json.dumps({"question": q, "answers": [], "kind": "near-topic", "source": src}) + "\n")
            n += 1
        f.write(json.dumps({"question": off, "answers": [], "kind": "off-topic", "source": src}) + "\n")
        n += 1
print(n)
