from pathlib import Path

from docx import Document

d = Document()
sec = d.sections[0]
sec.header.paragraphs[0].text = "St Aldhelm's Church of England Primary School | Ref: SA/LTR/2025/031"
sec.footer.paragraphs[0].text = "Headteacher: Mrs Joanna Pettifer | Church Lane, Westbury Leigh, Wiltshire BA13 3SQ | office@st-aldhelms.wilts.sch.uk"

d.add_paragraph("St Aldhelm's Church of England Primary School\nChurch Lane\nWestbury Leigh\nWiltshire\nBA13 3SQ\nTel: 01373 462 918")
d.add_paragraph("Friday 4 July 2025")
d.add_paragraph("Dear Parents and Carers,")
d.add_heading("Term Dates and Key Policies for 2025-26", level=1)
d.add_paragraph(
    "As we come to the end of another busy year, I am writing to share the term dates for the next "
    "academic year, together with reminders about uniform, attendance and other arrangements. Please keep "
    "this letter somewhere safe, perhaps on the fridge, as we will not be sending a paper copy again. "
    "The dates have been agreed with Wiltshire Council and with the other schools in the Westbury cluster, "
    "so that families with children at more than one school have the same holidays.")

d.add_heading("Term Dates 2025-26", level=2)
rows = [
    ("Term", "Starts", "Half term", "Ends"),
    ("Autumn", "Wednesday 3 September 2025", "Monday 27 October to Friday 31 October", "Friday 19 December 2025"),
    ("Spring", "Monday 5 January 2026", "Monday 16 February to Friday 20 February", "Friday 27 March 2026"),
    ("Summer", "Monday 13 April 2026", "Monday 25 May to Friday 29 May", "Wednesday 22 July 2026"),
]
t = d.add_table(rows=0, cols=4)
t.style = "Table Grid"
for r in rows:
    cells = t.add_row().cells
    for i, v in enumerate(r):
        cells[i].text = v
d.add_paragraph(
    "INSET (staff training) days, when the school is closed to pupils: Monday 1 September 2025, "
    "Tuesday 2 September 2025, Monday 24 November 2025, Friday 13 February 2026 and Thursday 23 July 2026. "
    "The school will also be closed on Monday 4 May 2026 for the early May bank holiday.")
d.add_paragraph(
    "On the last day of each term, the school will close at 1.30pm. Wraparound care will still run until 6pm on those days for children who are booked in.")

d.add_heading("School Day", level=2)
d.add_paragraph(
    "The gates open at 8.35am and the school day begins at 8.45am. The gates are closed at 8.50am, and children "
    "arriving after that must be signed in at the office by an adult. The school day ends at 3.15pm for all year groups. "
    "Breakfast Club runs from 7.45am and costs £4.50 per session; After School Club runs until 6pm and costs £11 per session.")

d.add_heading("Uniform", level=2)
d.add_paragraph("Our uniform is simple and affordable. We ask that every item is clearly named.")
for item in [
    "Royal blue sweatshirt or cardigan with the school logo",
    "White polo shirt",
    "Grey or black trousers, skirt or pinafore",
    "Blue and white gingham dress in the summer term",
    "Plain black school shoes (no trainers, please)",
    "PE kit: white T-shirt, navy shorts, black plimsolls and a navy tracksuit for outdoor lessons",
]:
    d.add_paragraph(item, style="List Bullet")
d.add_paragraph(
    "Logo items can be bought from Whitehorse Schoolwear on Haynes Road, Westbury. The PTA runs a pre-loved uniform "
    "sale on the first Friday of every month after school, where everything costs £1.")
d.add_paragraph(
    "Earrings must be small studs and should be removed or taped on PE days. Long hair should be tied back. "
    "Children should not wear nail varnish or make-up to school.")

d.add_heading("Attendance and Holidays in Term Time", level=2)
d.add_paragraph(
    "Good attendance matters. Our target is for every child to attend at least 96% of sessions. If your child is ill, "
    "please ring the absence line before 9.15am on the first day of absence. The headteacher can only authorise leave "
    "during term time in exceptional circumstances, and requests must be made on the form available from the office at "
    "least four weeks in advance. Unauthorised holidays of five days or more may be referred to the local authority, "
    "which can issue a penalty notice of £80 per parent per child.")

d.add_heading("Food, Allergies and Medicines", level=2)
d.add_paragraph(
    "We are a nut-free school. Please do not send in any foods containing nuts, including chocolate spread and cereal bars. "
    "School lunches cost £2.65 a day for children in Years 3 to 6; lunches are free for every child in Reception, Year 1 and Year 2. "
    "Medicines can only be given in school if a parent has completed a medicine consent form, and all medicines must be in their original packaging.")

d.add_heading("Mobile Phones", level=2)
d.add_paragraph(
    "Pupils in Year 6 who walk home alone may bring a mobile phone, but it must be switched off and handed in to the "
    "class teacher at the start of the day. Phones are collected from the office at 3.15pm.")

d.add_heading("Who to Contact", level=2)
contacts = [
    ("Role", "Name", "How to contact"),
    ("Headteacher", "Mrs Joanna Pettifer", "head@st-aldhelms.wilts.sch.uk"),
    ("Deputy Headteacher and SENCo", "Mr Daniel Achebe", "senco@st-aldhelms.wilts.sch.uk"),
    ("School Business Manager", "Mr Rhys Catterall", "01373 462 918 (option 3)"),
    ("Absence line", "School office", "01373 462 918 (option 1)"),
    ("Chair of Governors", "Revd Alison Fairweather", "governors@st-aldhelms.wilts.sch.uk"),
    ("PTA Chair", "Mrs Kerry Nwosu", "pta@st-aldhelms.wilts.sch.uk"),
]
t2 = d.add_table(rows=0, cols=3)
t2.style = "Table Grid"
for r in contacts:
    cells = t2.add_row().cells
    for i, v in enumerate(r):
        cells[i].text = v

d.add_paragraph(
    "Thank you, as always, for your support. I hope you all have a restful summer, and we look forward to welcoming the "
    "children back in September, including our 28 new Reception starters in Kingfisher Class.")
d.add_paragraph("Yours sincerely,")
d.add_paragraph("Joanna Pettifer\nHeadteacher")
d.save(str(Path(__file__).resolve().parent.parent / "articles" / "st_aldhelms_term_dates_2025-26.docx"))
