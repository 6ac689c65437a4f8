"""Write questions.jsonl for my six local-news documents, checking each answer is in its text."""
import html
import json
import re
from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent
SRC = HERE / "sources"
ART = HERE / "articles"


def strip_html(s):
    s = re.sub(r"(?is)<(script|style|head)\b.*?</\1>", " ", s)
    s = re.sub(r"<[^>]+>", " ", s)
    return html.unescape(s)


def docx_text(path):
    d = docx.Document(path)
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


def md_text(s):
    return re.sub(r"\*\*|(?<!\*)\*(?!\*)", "", s)


def norm(s):
    return " ".join(s.split()).lower()


TEXTS = {
    "westmarsh_pcc_annual_report_2024-25.pdf": strip_html((SRC / "pcc_report.html").read_text("utf-8")),
    "brackenmoor_primary_inspection.docx": docx_text(ART / "brackenmoor_primary_inspection.docx"),
    "kingsreach_ae_waits.html": strip_html((ART / "kingsreach_ae_waits.html").read_text("utf-8")),
    "eastmere_saltmarsh_press_release.md": md_text((ART / "eastmere_saltmarsh_press_release.md").read_text("utf-8")),
    "dunmere_match_report.htm": strip_html((ART / "dunmere_match_report.htm").read_bytes().decode("cp1252")),
    "carrowfield_radio_interview.txt": (ART / "carrowfield_radio_interview.txt").read_text("utf-8"),
}

P, N, OFF = "paraphrase", "near-topic", "off-topic"

QUESTIONS = {
    "westmarsh_pcc_annual_report_2024-25.pdf": [
        ("How many crimes did the police record across Westmarsh in 2024/25?", ["71,420"], P),
        ("By how much did house burglaries go down?", ["16.2%"], P),
        ("Who is Westmarsh's chief constable?", ["Marcus Odegbami"], P),
        ("When did Rhiannon Carvell win the commissioner election?", ["2 May 2024"], P),
        ("How long are people kept waiting now when they phone 101?", ["6 minutes 40 seconds"], P),
        ("What does a Band D household pay a year for the police part of council tax?", ["£287.61"], P),
        ("What was the stolen farm equipment recovered by the rural crime officers worth?", ["£486,000"], P),
        ("How old is the police and crime commissioner Rhiannon Carvell?", [], N),
        ("How many shoplifting offences were recorded in Westmarsh in 2022/23?", [], N),
        ("How many police officers did Westmarsh have back in 2010?", [], N),
        ("What's the best way to get rid of moss on a lawn?", [], OFF),
    ],
    "brackenmoor_primary_inspection.docx": [
        ("What grade did Brackenmoor get for how the pupils behave?", ["Outstanding"], P),
        ("How many children attend Brackenmoor Primary?", ["412"], P),
        ("Which inspector was in charge of the visit?", ["Daniel Ashcombe"], P),
        ("What share of Year 1 children passed the phonics test?", ["84%"], P),
        ("How much is breakfast club at Brackenmoor?", ["£2.50 a day"], P),
        ("Which part of the school got the weakest grade?", ["Early years provision"], P),
        ("When did Joanna Pelling become head?", ["September 2021"], P),
        ("How many pupils did Brackenmoor have at its 2019 inspection?", [], N),
        ("What grade did inspectors give behaviour at Brackenmoor in 2019?", [], N),
        ("When is Brackenmoor Primary due to be inspected again?", [], N),
        ("How do I renew my passport online?", [], OFF),
    ],
    "kingsreach_ae_waits.html": [
        ("What proportion of A&E patients at the Infirmary were seen within the four-hour target in October?", ["58.7%"], P),
        ("What was the longest anyone waited in the Infirmary's emergency department?", ["31 hours"], P),
        ("How many patients were in A&E for more than half a day in October?", ["2,417"], P),
        ("How long was Gordon Filbey left on a trolley?", ["19 hours"], P),
        ("Who runs Kingsreach Hospitals NHS Trust?", ["Aoife Brannigan"], P),
        ("When is the new urgent treatment centre going to open?", ["April 2026"], P),
        ("How many people are waiting for planned operations at the trust?", ["64,380"], P),
        ("How many patients waited over 12 hours in A&E at the Infirmary in August?", [], N),
        ("How old is Mandy Filbey?", [], N),
        ("How many beds does the Royal Kingsreach Infirmary have?", [], N),
        ("What is the speed limit for a car towing a caravan on a single carriageway?", [], OFF),
    ],
    "eastmere_saltmarsh_press_release.md": [
        ("How much carbon does a restored saltmarsh bury every year?", ["2.3 tonnes of carbon per hectare per year"], P),
        ("How many marsh sites did the Eastmere researchers sample?", ["46"], P),
        ("Which professor led the saltmarsh study?", ["Nadia Quarrington"], P),
        ("How many sediment samples did the PhD student collect?", ["1,380"], P),
        ("In what year was the sea wall at Holbeck Marsh breached?", ["1997"], P),
        ("Who funded the saltmarsh research?", ["Coastal Carbon Trust"], P),
        ("How big is the area of saltmarsh in the Wessel Estuary?", ["2,150 hectares"], P),
        ("How old is Tomasz Wilk?", [], N),
        ("How much will the Greywick and Marsh Tolland realignment schemes cost?", [], N),
        ("How many hectares of saltmarsh has the Wessel Estuary lost to erosion?", [], N),
        ("What's a good recipe for vegetarian lasagne?", [], OFF),
    ],
    "dunmere_match_report.htm": [
        ("How many fans watched the Dunmere v Castlebridge game?", ["1,146"], P),
        ("Who put Dunmere ahead?", ["Jordan Akintola"], P),
        ("Who got the goal for Castlebridge Rovers?", ["Liam Stroud"], P),
        ("Who refereed the derby?", ["Sandra Okafor"], P),
        ("Which Castlebridge player got sent off?", ["Dean Hurworth"], P),
        ("How much is an adult ticket for a Dunmere home game?", ["£12"], P),
        ("When do Dunmere play Pelham Athletic?", ["Tuesday 21 January"], P),
        ("How old is Dunmere's goalkeeper Theo Marchand?", [], N),
        ("What was the score when Castlebridge and Dunmere met earlier in the season?", [], N),
        ("How many goals has Liam Stroud scored this season?", [], N),
        ("How do I reset my broadband router?", [], OFF),
    ],
    "carrowfield_radio_interview.txt": [
        ("How big is Carrowfield council's funding shortfall over the next three years?", ["£23.6 million"], P),
        ("By what percentage is Carrowfield's council tax going up?", ["4.99%"], P),
        ("Which libraries will volunteers take over?", ["Holm Lane, Netherby and Stoke Aldwick"], P),
        ("How many people took part in the council's budget consultation?", ["4,812"], P),
        ("When should the new Carrowfield leisure centre finally open?", ["autumn 2027"], P),
        ("How many families is Carrowfield council putting up in temporary housing?", ["312"], P),
        ("On what date will councillors vote on the budget?", ["Wednesday 26 February"], P),
        ("How old is Graham Petherick?", [], N),
        ("How much did Carrowfield's council tax go up last year?", [], N),
        ("Which political party does Graham Petherick belong to?", [], N),
        ("What are the symptoms of Lyme disease?", [], OFF),
    ],
}


def main():
    rows = []
    for source, qs in QUESTIONS.items():
        text = norm(TEXTS[source])
        kinds = [k for _, _, k in qs]
        assert kinds.count(P) == 7 and kinds.count(N) == 3 and kinds.count(OFF) == 1, source
        for q, answers, kind in qs:
            for a in answers:
                assert norm(a) in text, (source, q, a)
            assert (kind == P) == bool(answers), (source, q)
            rows.append({"question": q, "answers": answers, "source": source, "kind": kind})
    out = HERE / "questions.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} questions to {out}")


if __name__ == "__main__":
    main()
