from docx import Document

doc = Document()
doc.core_properties.title = "Year 6 Residential Trip to Hollins Edge"
doc.core_properties.author = "Greystone Lane Primary School"

sec = doc.sections[0]
sec.header.paragraphs[0].text = "Greystone Lane Primary School · Greystone Lane, Marlby MB7 2QA · Tel 01632 558 210"
sec.footer.paragraphs[0].text = "Headteacher: Mr Callum Ardagh · office@greystonelane.sch.example"

p = doc.add_paragraph("Tuesday 4 February 2025")
doc.add_paragraph("Dear Parents and Carers of Year 6,")

doc.add_heading("Year 6 Residential Trip to Hollins Edge", level=1)

doc.add_paragraph(
    "We are delighted to confirm that this year's Year 6 residential trip will take place from "
    "Monday 12 May to Wednesday 14 May 2025 at Hollins Edge Outdoor Centre in the Peak District. "
    "The trip is a highlight of the children's final year at Greystone Lane, and it gives them the "
    "chance to build confidence, independence and friendships before they move on to secondary school."
)
doc.add_paragraph(
    "During the three days the children will take part in canoeing, gorge scrambling, orienteering, "
    "a high ropes course and a night walk. All activities are led by the centre's qualified "
    "instructors, and our own staff will be with the children at all times. The group will be led "
    "by Miss Priyanka Holloway, the Year 6 teacher, supported by Mr Theo Banerjee and two teaching "
    "assistants."
)

doc.add_heading("Travel", level=2)
doc.add_paragraph(
    "The coach will leave from the school car park at 8:45am on Monday 12 May, so please have your "
    "child at school by 8:15am. We expect to return to school at about 3:30pm on Wednesday 14 May. "
    "If we are delayed, we will send a text message through the school app."
)

doc.add_heading("Cost and payment", level=2)
doc.add_paragraph(
    "The total cost of the trip is £185 per child, which covers travel, accommodation, all meals and "
    "activities. A non-refundable deposit of £40 is due by Friday 21 February, and the balance must be "
    "paid by Friday 4 April. Payments can be made in instalments through ParentPay. Families who "
    "receive free school meals may be eligible for help with the cost; please speak to Mrs Deborah "
    "Quayle in the school office in confidence."
)

doc.add_heading("Kit list", level=2)
for item in [
    "Waterproof jacket and waterproof trousers",
    "Two pairs of old trainers, one of which will get very wet",
    "Warm fleece or jumper, and a hat and gloves",
    "Sleeping bag and pillowcase (bedding sheets are provided)",
    "Torch with spare batteries",
    "Towel, toiletries and any medication, clearly labelled",
]:
    doc.add_paragraph(item, style="List Bullet")
doc.add_paragraph(
    "Mobile phones, tablets and games consoles must not be brought on the trip. Children may bring "
    "up to £10 pocket money for the centre shop, in a named envelope."
)

doc.add_heading("Information evening", level=2)
doc.add_paragraph(
    "We will hold an information evening for parents in the school hall on Thursday 27 March at 6pm, "
    "where you can meet the staff, see photographs of the centre and ask any questions. The evening "
    "will last about 45 minutes."
)

doc.add_heading("Medical and dietary needs", level=2)
doc.add_paragraph(
    "Please complete the enclosed medical consent form and return it to the school office by "
    "Friday 21 March. The centre can cater for vegetarian, halal and gluten-free diets, and for most "
    "allergies, as long as we are told in advance."
)

table = doc.add_table(rows=1, cols=3)
table.style = "Table Grid"
hdr = table.rows[0].cells
hdr[0].text, hdr[1].text, hdr[2].text = "What", "Deadline", "How"
for row in [
    ("Reply slip and deposit (£40)", "Friday 21 February", "ParentPay and school office"),
    ("Medical consent form", "Friday 21 March", "School office"),
    ("Balance (£145)", "Friday 4 April", "ParentPay"),
]:
    cells = table.add_row().cells
    for c, v in zip(cells, row):
        c.text = v

doc.add_paragraph("")
doc.add_paragraph(
    "Places are limited to 48 children. If you have any questions about the trip, please contact "
    "Miss Holloway through the school office."
)
doc.add_paragraph("Yours sincerely,")
doc.add_paragraph("Priyanka Holloway")
doc.add_paragraph("Year 6 Class Teacher and Trip Leader")

doc.save("/work/s12/user-d/articles/year6-trip-letter.docx")
print("written")
