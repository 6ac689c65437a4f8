"""Write the school inspection report summary as a .docx with python-docx."""
import sys

from docx import Document
from docx.shared import Pt

OUT = sys.argv[1] if len(sys.argv) > 1 else "brackenmoor_inspection.docx"

doc = Document()
doc.core_properties.title = "Brackenmoor Primary School: inspection report summary"
doc.core_properties.author = "Westmarsh Schools Bulletin"

doc.add_heading("Brackenmoor Primary School: inspection report summary", level=1)
p = doc.add_paragraph()
p.add_run("Inspection dates: ").bold = True
p.add_run("11 and 12 March 2025")
p = doc.add_paragraph()
p.add_run("Lead inspector: ").bold = True
p.add_run("Daniel Ashcombe, His Majesty's Inspector")
p = doc.add_paragraph()
p.add_run("Report published: ").bold = True
p.add_run("17 April 2025")

doc.add_heading("About the school", level=2)
doc.add_paragraph(
    "Brackenmoor Primary School is a larger than average community primary school on the eastern "
    "edge of Harrowby. It has 412 pupils aged from four to 11, taught in two classes in each year "
    "group. Around 23% of pupils are eligible for free school meals, close to the national average, "
    "and 9% have an education, health and care plan or receive special educational needs support. "
    "The headteacher, Joanna Pelling, took up her post in September 2021. The chair of governors is "
    "the Reverend Peter Okonjo. At its previous inspection, in June 2019, the school was judged to "
    "require improvement."
)

doc.add_heading("Judgements", level=2)
rows = [
    ("Area", "Grade"),
    ("Overall effectiveness", "Good"),
    ("The quality of education", "Good"),
    ("Behaviour and attitudes", "Outstanding"),
    ("Personal development", "Good"),
    ("Leadership and management", "Good"),
    ("Early years provision", "Requires improvement"),
]
table = doc.add_table(rows=len(rows), cols=2)
table.style = "Table Grid"
for i, (a, b) in enumerate(rows):
    table.cell(i, 0).text = a
    table.cell(i, 1).text = b
    if i == 0:
        for c in (0, 1):
            for r in table.cell(i, c).paragraphs[0].runs:
                r.bold = True

doc.add_heading("What is it like to attend this school?", level=2)
doc.add_paragraph(
    "Pupils are proud of their school and speak warmly about their teachers. They told inspectors "
    "that lessons are calm and that nobody is left out at playtime. Behaviour in classrooms and "
    "around the building is exemplary. Older pupils act as play leaders and reading buddies for the "
    "youngest children, and the school council recently persuaded governors to replace the "
    "climbing frame. Attendance is high: in the autumn term of 2024 it was 95.8%, compared with "
    "94.5% nationally, and the proportion of pupils who are persistently absent has halved since "
    "2022."
)
doc.add_paragraph(
    "Pupils enjoy a wide range of clubs, including chess, choir, gardening and girls' football. "
    "Every pupil in Year 5 spends three nights at an outdoor education centre in the Westmarsh "
    "Moors, and the school pays for pupils whose families could not otherwise afford the trip. The "
    "breakfast club opens at 7.45am and costs \u00a32.50 a day."
)

doc.add_heading("What does the school do well and what does it need to do better?", level=2)
doc.add_paragraph(
    "Leaders have rebuilt the curriculum since the last inspection. In each subject they have set "
    "out the knowledge pupils should learn and the order in which they should learn it. Reading is "
    "a clear strength. Pupils start learning phonics as soon as they join Reception, and staff "
    "quickly spot anyone who falls behind. In 2024, 84% of Year 1 pupils met the expected standard "
    "in the phonics screening check. By the end of Year 6, 72% of pupils reached the expected "
    "standard in reading, writing and mathematics combined, above the national figure of 61%."
)
doc.add_paragraph(
    "In mathematics, pupils practise number facts every day and use them confidently to solve "
    "problems. In a few foundation subjects, such as geography and design and technology, teachers "
    "do not yet check carefully enough what pupils have remembered, so some gaps in knowledge go "
    "unnoticed."
)
doc.add_paragraph(
    "The early years is not as strong as the rest of the school. The two Reception classes take 60 "
    "children. Staff are kind and children settle quickly, but adults do not make the most of "
    "conversations to develop children's vocabulary, and the outdoor area is not used well enough "
    "to support learning. As a result, in 2024 only 64% of children reached a good level of "
    "development by the end of Reception."
)
doc.add_paragraph(
    "Governors know the school well and challenge leaders effectively. Staff, including those "
    "new to teaching, say that leaders are considerate of their workload. Of the 118 parents who "
    "answered the online survey, 96% would recommend the school to another parent. The arrangements "
    "for safeguarding are effective."
)

doc.add_heading("What the school needs to do to improve", level=2)
for item in [
    "Improve the teaching of communication and language in Reception so that more children reach a "
    "good level of development.",
    "Make better use of the outdoor area in the early years.",
    "Make sure that teachers in foundation subjects check what pupils know and remember before "
    "moving on to new content.",
]:
    doc.add_paragraph(item, style="List Bullet")

doc.add_paragraph(
    "Mrs Pelling said: \"We are thrilled that inspectors recognised the hard work of our pupils "
    "and staff. We already have a plan for Reception and will have a new outdoor classroom ready "
    "by September.\""
)

for para in doc.paragraphs:
    for run in para.runs:
        run.font.size = Pt(11)

doc.save(OUT)
print("wrote", OUT)
