"""Write the Marrowfield Arts Centre spring programme as a .docx."""
from pathlib import Path

from docx import Document

OUT = Path(__file__).resolve().parents[1] / "articles" / "marrowfield-spring-programme.docx"

doc = Document()
doc.core_properties.title = "Marrowfield Arts Centre - Spring Programme 2025"
doc.core_properties.author = "Marrowfield Arts Centre"

doc.add_heading("Marrowfield Arts Centre: Spring Programme 2025", level=0)
doc.add_paragraph("April to June 2025 · The Old Tannery, Foundry Row, Marrowfield")

doc.add_heading("A welcome from our director", level=1)
doc.add_paragraph(
    "Spring is always the busiest season at the Old Tannery, and this year is no exception. "
    "We have music from three continents, a new play written by a Marrowfield sixth-former, "
    "and the return of our much-loved family craft mornings. The upstairs studio has finally "
    "had its leaking skylight replaced, so the life drawing group can come home after a winter "
    "in the café. Thank you to everyone who gave to the roof appeal: you raised £18,350, more "
    "than we dared hope for."
)
doc.add_paragraph(
    "I am especially proud that our youth theatre company, the Tannery Players, will be taking "
    "the stage in the Main Hall in May. Please come and cheer them on."
)
doc.add_paragraph("Rosalind Quaye, Artistic Director")

doc.add_heading("What's on", level=1)
doc.add_paragraph(
    "All events take place at the Old Tannery unless stated. Concession prices apply to students, "
    "jobseekers and anyone over 65. Under-16s must be accompanied by an adult at evening events."
)

events = [
    ("Date", "Time", "Event", "Venue", "Price"),
    ("Friday 4 April", "7.30pm", "The Glass Orchard: folk trio from Shetland", "Main Hall", "£14 / £11 concessions"),
    ("Saturday 12 April", "10.00am", "Family craft morning: paper kites", "Studio 2", "£5 per child, adults free"),
    ("Thursday 17 April", "7.00pm", "Talk: The lost mills of the Marrow valley, with historian Dr Ewan Calloway", "Café Gallery", "£6"),
    ("Saturday 26 April", "8.00pm", "Kora and Strings: Mansa Diabaté and the Aldermoor Quartet", "Main Hall", "£18 / £15 concessions"),
    ("Wednesday 7 May", "6.30pm", "Life drawing (eight-week course begins)", "Upstairs Studio", "£96 for the course"),
    ("Friday 16 May", "7.00pm", "Tannery Players: Salt and Iron, a new play by Freya Lindqvist", "Main Hall", "£9 / £6 under-18s"),
    ("Saturday 17 May", "2.30pm", "Tannery Players: Salt and Iron (matinee)", "Main Hall", "£9 / £6 under-18s"),
    ("Sunday 1 June", "11.00am", "Jazz brunch with the Tom Keld Trio", "Café Gallery", "£22 including brunch"),
    ("Saturday 14 June", "7.30pm", "Comedy night: The Marrowfield Laugh-In", "Main Hall", "£12"),
    ("Saturday 28 June", "12.00pm to 5.00pm", "Summer open studios and makers' market", "Whole building", "Free"),
]
table = doc.add_table(rows=len(events), cols=5)
table.style = "Table Grid"
for r, row in enumerate(events):
    for c, value in enumerate(row):
        table.cell(r, c).text = value

doc.add_heading("Exhibitions in the Café Gallery", level=1)
doc.add_paragraph(
    "From 1 April to 11 May the Café Gallery shows \"Tide Lines\", photographs of the Cressmouth "
    "estuary by Noor Haddad, taken over twelve months at low tide. From 15 May to 29 June it hosts "
    "the annual Marrowfield Schools Open, with work by pupils from nine local schools. Entry to "
    "both exhibitions is free, and the gallery is open whenever the café is."
)

doc.add_heading("Tickets and membership", level=1)
doc.add_paragraph(
    "The box office is open Tuesday to Saturday, 10am to 4pm, and for one hour before every evening "
    "event. You can book by phone on 01789 442 610 or in person; a booking fee of 75p per ticket "
    "applies to phone bookings but not to tickets bought at the desk."
)
doc.add_paragraph(
    "Friends of the Tannery membership costs £30 a year and gives 10% off every ticket, priority "
    "booking for the Kora and Strings concert, and a free hot drink at each visit. Joint membership "
    "for two people at the same address costs £50."
)

doc.add_heading("Access", level=1)
doc.add_paragraph(
    "The Main Hall, Studio 2 and the Café Gallery are all step-free. The Upstairs Studio can be "
    "reached by the lift beside the box office. A hearing loop is fitted in the Main Hall, and "
    "carers accompanying a disabled visitor receive a free ticket. Parking is available in the "
    "Foundry Row car park, which is free after 6pm."
)
doc.add_paragraph(
    "The Old Tannery is run by Marrowfield Arts Trust, registered charity number 1098847."
)

doc.save(OUT)
print("wrote", OUT)
