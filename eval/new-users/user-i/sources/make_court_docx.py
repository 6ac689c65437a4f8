"""Write ../articles/court.docx (a local court story) with python-docx."""
from pathlib import Path

from docx import Document
from docx.shared import Pt

doc = Document()
doc.core_properties.title = "Supporters' trust treasurer jailed for stealing £212,000 meant for Rovers youth academy"
doc.core_properties.author = "Gemma Rountree"

section = doc.sections[0]
section.header.paragraphs[0].text = "Harrowfield Evening Star - Court report - For publication"
section.footer.paragraphs[0].text = "© Harrowfield Evening Star 2025. Not for syndication."

doc.add_heading("Supporters' trust treasurer jailed for stealing £212,000 meant for Rovers youth academy", level=1)
p = doc.add_paragraph()
r = p.add_run("Callum Treadgold fed a gambling habit with fans' money raised through raffles and bucket collections")
r.italic = True
doc.add_paragraph("By Gemma Rountree, Court Reporter")
doc.add_paragraph("Harrowfield Crown Court, 29 October 2025")

body = [
    "A former treasurer of the Harrowfield Rovers Supporters' Trust who stole more than £212,000 from the fans' group to feed a gambling habit has been jailed for four years and eight months.",
    "Callum Treadgold, 41, of Millbrook Lane, Harrowfield, siphoned off £212,480 from the trust's accounts in 163 separate transfers between March 2018 and February 2024, the court heard.",
    "He had pleaded guilty at an earlier hearing to one count of fraud by abuse of position.",
    "Nadia Hollis, prosecuting, told the court that the money had been raised by Rovers fans over more than a decade through bucket collections, raffles, quiz nights and an annual sponsored walk, and was meant to pay for a youth academy at the club.",
    "Treadgold, who became treasurer in 2016, disguised the transfers as payments to a groundskeeping contractor called TG Turf Services. No such firm existed: the account belonged to Treadgold himself.",
    "Most of the money was lost on online betting sites. About £31,000 went towards a static caravan in Saltmere, which has since been seized by police.",
]
for text in body:
    doc.add_paragraph(text)

doc.add_heading("How the fraud was found", level=2)
for text in [
    "The fraud came to light in March 2024 when the trust's newly elected chair, Bernard Cole, asked to see the original bank statements before the annual general meeting. The figures Treadgold had presented to members showed a balance of almost £240,000; the account held just £27,350.",
    "Mr Cole reported the matter to police the same week. Treadgold was arrested at his home four days later and admitted in interview that he had taken the money.",
    "Reading a victim statement on behalf of the trust, Mr Cole said: \"Kids in this town have been waiting for an academy for ten years. Pensioners put pound coins in buckets for it in the rain. He took all of that and gambled it away.\"",
]:
    doc.add_paragraph(text)

doc.add_heading("Gambling addiction", level=2)
for text in [
    "Simon Threlfall, defending, said his client had been \"consumed\" by a gambling addiction that began after the breakdown of his marriage in 2017. He had since attended a residential treatment programme and was \"deeply ashamed of what he has done to people he counted as friends\".",
    "Treadgold had repaid £18,000 by selling his car, Mr Threlfall said.",
    "Sentencing, the Recorder of Harrowfield, Judge Patricia Ormsby, told Treadgold: \"You were trusted by people who gave what little they had for the children of this town. You betrayed them not once, but 163 times.\"",
    "She said the guilty plea had earned him a reduction. Had he contested the case and been convicted, the sentence would have been seven years.",
    "A hearing under the Proceeds of Crime Act to recover more of the money has been set for 9 March 2026.",
    "In a statement after the hearing, Harrowfield Rovers said it would contribute £50,000 towards the academy so that the project could \"finally get off the ground\". The trust has launched a new appeal and says it has raised £9,600 in its first week.",
]:
    doc.add_paragraph(text)

doc.add_heading("Timeline", level=2)
rows = [
    ("Date", "Event"),
    ("2016", "Treadgold becomes trust treasurer"),
    ("March 2018", "First transfer to TG Turf Services"),
    ("February 2024", "Last of 163 transfers"),
    ("March 2024", "New chair Bernard Cole finds the shortfall"),
    ("29 October 2025", "Jailed for four years and eight months"),
]
table = doc.add_table(rows=len(rows), cols=2)
table.style = "Table Grid"
for i, (a, b) in enumerate(rows):
    table.cell(i, 0).text = a
    table.cell(i, 1).text = b

for para in doc.paragraphs:
    for run in para.runs:
        run.font.size = Pt(11)

doc.save(Path(__file__).resolve().parent.parent / "articles" / "court.docx")
print("wrote court.docx")
