"""Write questions.jsonl: 11 questions per document (7 paraphrase, 3 near-topic, 1 off-topic).
Written before the bot was asked anything. Checks each gold answer is verbatim in its source text."""
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SOURCES = {
    "harbourside-statement-march-2025.pdf": "statement.html",
    "greenfurrow-heat-pump-quote.docx": "heat-pump-quote.txt",
    "calderbrook-swimming.html": "../articles/calderbrook-swimming.html",
    "book-club-feb-2025.md": "../articles/book-club-feb-2025.md",
    "thornbury-green-school.txt": "../articles/thornbury-green-school.txt",
    "kettle-return-emails.htm": "../articles/kettle-return-emails.htm",
}

P, N, OFF = "paraphrase", "near-topic", "off-topic"
Q = {
    "harbourside-statement-march-2025.pdf": [
        ("How much did I pay in rent in March?", ["725.00"], P, "amount"),
        ("How much was my salary from Northcliffe Analytics?", ["2,316.54"], P, "amount"),
        ("What was left in my account at the end of March?", ["£2,893.94", "2,893.94"], P, "amount"),
        ("On what date did the Brightwell refund come into my account?", ["25 Mar"], P, "date"),
        ("Why is the bank putting up the monthly charge on my account?", ["the cost of the breakdown cover provided by our partner has increased"], P, "reason"),
        ("What will the monthly account fee be from May?", ["£4.50"], P, "amount"),
        ("What number should I ring if there's a payment on my statement I don't recognise?", ["0161 496 0732"], P, "phone"),
        ("What interest rate would I be charged if I went into my overdraft?", [], N, "rate"),
        ("How much was my council tax direct debit in February?", [], N, "amount"),
        ("What is the excess on the travel insurance that comes with my Harbourside account?", [], N, "amount"),
        ("What is the capital city of Australia?", [], OFF, "place"),
    ],
    "greenfurrow-heat-pump-quote.docx": [
        ("How much is the heat pump unit on its own?", ["£6,480.00"], P, "amount"),
        ("What will we actually have to pay for the installation once the grant is taken off?", ["£7,000.00"], P, "amount"),
        ("How much is the government grant knocked off the heat pump quote?", ["£7,500.00", "£7,500"], P, "amount"),
        ("Who came round to survey the house for the heat pump?", ["Callum Rhodes"], P, "person"),
        ("Why do four of our radiators have to be replaced?", ["too small to heat their rooms at the low flow temperature a heat pump needs"], P, "reason"),
        ("What does each new radiator cost?", ["£245.00"], P, "amount"),
        ("Roughly how much will the heat pump cost to run per year on an ordinary electricity tariff?", ["£1,020"], P, "amount"),
        ("What make of electric heaters will Greenfurrow lend us while the heating is off?", [], N, "brand"),
        ("How much would it cost to replace the single-glazed roof lights in the kitchen extension?", [], N, "amount"),
        ("How many decibels will the outdoor heat pump unit make?", [], N, "number"),
        ("Who wrote Pride and Prejudice?", [], OFF, "person"),
    ],
    "calderbrook-swimming.html": [
        ("When can I go lane swimming on a Friday morning at Calderbrook?", ["6.30am to 8.30am"], P, "time"),
        ("What time is the family fun session on a Saturday?", ["10.00am to 12.00pm"], P, "time"),
        ("How much is an adult swim at off-peak times?", ["£4.20"], P, "amount"),
        ("How much is the ten-swim card for adults?", ["£45.00"], P, "amount"),
        ("Why is the pool shutting for two weeks in April?", ["the learner pool is retiled and the filtration pumps are replaced"], P, "reason"),
        ("Where can members go swimming while Calderbrook pool is closed?", ["Todmorden Road Baths"], P, "place"),
        ("How old does the grown-up have to be to take children under 8 into the pool?", ["16 or over", "aged 16 or over"], P, "age"),
        ("How much does it cost to hire the Calderbrook pool for a children's birthday party?", [], N, "amount"),
        ("What time does the sauna at Calderbrook Leisure Centre open?", [], N, "time"),
        ("How many lifeguards are on duty during a public swim at Calderbrook?", [], N, "number"),
        ("Which planet is closest to the Sun?", [], OFF, "thing"),
    ],
    "book-club-feb-2025.md": [
        ("Who is the author of the novel the book club discussed in February?", ["Imogen Hartley"], P, "person"),
        ("What average mark did the group give Salt and Lantern?", ["7.6"], P, "number"),
        ("Which member gave the book the lowest score?", ["Siobhan"], P, "person"),
        ("How much money does the book club have in its kitty?", ["£84.60"], P, "amount"),
        ("Which book did we pick for April?", ["The Last Ferry to Rathlin"], P, "title"),
        ("Why was Peter Hume absent from the February meeting?", ["walking the Camino in Spain"], P, "reason"),
        ("How much will the library charge us per book through its reading group scheme?", ["£1.50 a copy", "£1.50"], P, "amount"),
        ("How many pages does The Last Ferry to Rathlin have?", [], N, "number"),
        ("Who wrote A Year on the Moss?", [], N, "person"),
        ("In what year was Imogen Hartley born?", [], N, "date"),
        ("Who wrote Wuthering Heights?", [], OFF, "person"),
    ],
    "thornbury-green-school.txt": [
        ("How many pupils does Thornbury Green school have at the moment?", ["58"], P, "number"),
        ("Who wrote the article about the Thornbury Green school closure?", ["Lucy Harrow"], P, "person"),
        ("What was the result of the cabinet vote on the school?", ["six votes to three"], P, "number"),
        ("How far would the children have to travel to their new school?", ["3.2 miles"], P, "distance"),
        ("How many people have signed the petition to save the school?", ["1,340"], P, "number"),
        ("Why does the council think pupil numbers will keep dropping?", ["fewer children are being born in the surrounding villages"], P, "reason"),
        ("How big a deficit is the village school expected to have by 2027?", ["£142,000"], P, "amount"),
        ("How many votes did Councillor Richard Fenwick win at the last election?", [], N, "number"),
        ("Who is the headteacher of Ashby Moor Primary School?", [], N, "person"),
        ("When will the new houses on the old quarry site be finished?", [], N, "date"),
        ("In what year did the Second World War end?", [], OFF, "date"),
    ],
    "kettle-return-emails.htm": [
        ("How much did I pay for the kettle?", ["£49.99"], P, "amount"),
        ("On what date did the kettle stop switching itself off?", ["12 March"], P, "date"),
        ("What is the returns reference for my kettle?", ["RTN-20931"], P, "code"),
        ("Who at Brightwell handled my complaint about the kettle?", ["Daniel Okafor"], P, "person"),
        ("Why wouldn't Brightwell give me a straight refund at first?", ["more than 30 days since the purchase", "outside the short-term right to reject"], P, "reason"),
        ("Which shop did I take the faulty kettle back to?", ["Merseyway store", "Merseyway"], P, "place"),
        ("Why did I ask for my money back rather than a replacement kettle?", ["at least a dozen reviews of the KG-17 describing exactly the same fault", "I would not feel safe with the same model"], P, "reason"),
        ("How much did it cost to repair the scorched kitchen cupboard?", [], N, "amount"),
        ("What is the wattage of the Kelvyn KG-17 kettle?", [], N, "number"),
        ("What is the name of the manager of the Merseyway store?", [], N, "person"),
        ("How many pints are there in a gallon?", [], OFF, "number"),
    ],
}

lines = []
for source, items in Q.items():
    text = (ROOT / "sources" / SOURCES[source]).read_text(encoding="utf-8")
    assert len(items) == 11
    assert [g for _, _, g, _ in items].count(P) == 7
    for q, answers, group, kind in items:
        assert (group == P) == bool(answers), q
        for a in answers:
            assert a in text, f"{a!r} not in {SOURCES[source]}"
        # `bot eval` groups by "kind": the group; what is asked ("amount", "date"...) is kept as "asks"
        lines.append({"question": q, "answers": answers, "source": source, "kind": group, "asks": kind})

(ROOT / "questions.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
print(len(lines), "questions written")
