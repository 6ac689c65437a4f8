"""Writes ../articles/ashcombe_sports_day_2025.docx with python-docx."""
from pathlib import Path

from docx import Document
from docx.shared import Pt

OUT = str(Path(__file__).resolve().parent.parent / "articles" / "ashcombe_sports_day_2025.docx")

doc = Document()
doc.core_properties.title = "Ashcombe St Mary's Sports Day 2025 – Results"
doc.core_properties.author = "Mr G. Pellow, PE Lead"

doc.add_heading("Ashcombe St Mary's C of E Primary School", level=0)
doc.add_heading("Sports Day 2025 – Results Sheet", level=1)

doc.add_paragraph(
    "Sports Day was held on Wednesday 2 July 2025 on Ashcombe recreation ground, after the "
    "original date of 25 June was rained off. Every child from Reception to Year 6 took part in at "
    "least two events, competing for one of our four houses: Kestrel, Heron, Otter and Badger. "
    "Thank you to the parents and grandparents who cheered from the boundary rope, and to the "
    "Ashcombe Cricket Club for lending us their pavilion and their groundsman, Mr Derek Hollis, "
    "who marked out the track the evening before."
)

doc.add_heading("Individual results", level=2)
rows = [
    ("Event", "Year group", "1st", "2nd", "3rd", "Winning time / distance"),
    ("Egg and spoon race", "Reception", "Maisie Trott (Otter)", "Alfie Brennan (Kestrel)", "Noor Haddad (Heron)", "–"),
    ("Sack race", "Year 1", "Freddie Lomax (Badger)", "Ruby Okonkwo (Heron)", "Archie Dean (Otter)", "–"),
    ("60 m sprint (girls)", "Year 3", "Poppy Aldridge (Heron)", "Ella Whitcombe (Badger)", "Zara Iqbal (Kestrel)", "10.8 seconds"),
    ("60 m sprint (boys)", "Year 3", "Leo Marchetti (Kestrel)", "Harvey Pugh (Otter)", "Sami Rahman (Heron)", "10.4 seconds"),
    ("Standing long jump", "Year 4", "Grace Fenwick (Otter)", "Oscar Tait (Heron)", "Lily-Mae Cross (Badger)", "1.62 m"),
    ("Long jump (boys)", "Year 5", "Joshua Ebrahim (Heron)", "Theo Gallagher (Badger)", "Finn Morley (Kestrel)", "3.41 m"),
    ("Howler throw", "Year 5", "Amelia Stroud (Badger)", "Jack Penrose (Heron)", "Evie Kang (Otter)", "24.75 m"),
    ("80 m sprint (girls)", "Year 6", "Isla Warrender (Heron)", "Chloe Baptiste (Kestrel)", "Hannah Rudd (Otter)", "11.9 seconds"),
    ("80 m sprint (boys)", "Year 6", "Musa Kamara (Badger)", "Ethan Shore (Heron)", "Reuben Fry (Kestrel)", "11.6 seconds"),
    ("4 x 100 m relay", "Year 6", "Heron", "Badger", "Kestrel", "1 min 04.3 s"),
]
table = doc.add_table(rows=len(rows), cols=len(rows[0]))
table.style = "Table Grid"
for i, row in enumerate(rows):
    for j, value in enumerate(row):
        cell = table.cell(i, j)
        cell.text = value
        if i == 0:
            for run in cell.paragraphs[0].runs:
                run.bold = True

doc.add_heading("House points", level=2)
houses = [("House", "Points", "Position"), ("Heron", "214", "1st"), ("Badger", "198", "2nd"),
          ("Kestrel", "176", "3rd"), ("Otter", "171", "4th")]
t2 = doc.add_table(rows=len(houses), cols=3)
t2.style = "Table Grid"
for i, row in enumerate(houses):
    for j, value in enumerate(row):
        t2.cell(i, j).text = value

doc.add_heading("Records and other news", level=2)
doc.add_paragraph(
    "Isla Warrender set a new school record in the Year 6 girls' 80 m, finishing in 11.9 seconds. "
    "The previous record of 12.2 seconds had stood since 2014, when it was set by Katie Moss, who "
    "now runs for Bristol & West Athletic Club and came back to watch."
)
doc.add_paragraph(
    "Heron lifted the Coronation Shield for the third year running, helped by a strong relay team "
    "and a clean sweep of second places in the morning events. Otter were awarded the Spirit Cup "
    "for the loudest and kindest cheering of the afternoon."
)
doc.add_paragraph(
    "The parents' race was won, by a comfortable margin, by Mr Tom Adeyemi, father of Kemi in "
    "Year 2, who has asked us to point out that he was wearing borrowed trainers. The staff race "
    "was won by Miss Laura Kettle, who has asked us not to mention anything at all."
)
doc.add_paragraph(
    "The Friends of Ashcombe School raised £642 from the cake stall, teas and the raffle. The "
    "money will go towards new playground markings for the infant yard."
)
doc.add_paragraph("Mrs Philippa Dunmore, Headteacher")

for p in doc.paragraphs:
    for r in p.runs:
        if r.font.size is None:
            r.font.size = Pt(11)
doc.save(OUT)
print("wrote", OUT)
