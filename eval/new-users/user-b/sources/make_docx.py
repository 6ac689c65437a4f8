from docx import Document

d = Document()
d.add_heading("Harrowgate Vale District Council", level=1)
d.add_paragraph("Planning and Building Control Department, Civic Offices, Mercer Street, Ashbridge AB4 7RT")
d.add_heading("Public Notice: Application for Planning Permission", level=2)
d.add_paragraph("Application reference: 24/01873/FUL")
d.add_paragraph(
    "Notice is hereby given that Brackenfield Homes Limited has applied to Harrowgate Vale District Council "
    "for full planning permission for the demolition of the former Ashbridge Dairy depot and the erection of "
    "64 dwellings, comprising 22 apartments and 42 houses, together with a community orchard, a children's play "
    "area and 96 parking spaces, on land at Tannery Lane, Ashbridge. The site measures 2.7 hectares and lies "
    "within the Ashbridge Conservation Area.")
d.add_paragraph(
    "The application was submitted on behalf of the applicant by the agent, Corwen Lloyd Associates of Pell "
    "Street, Marlow, and was validated by the council on 9 September 2024. The case officer is Ms Anjali Pereira, "
    "Senior Planning Officer, who can be contacted by telephone on 01632 960 418 or by email at "
    "planning@harrowgatevale.gov.example.")
d.add_paragraph(
    "Of the 64 homes proposed, 19 would be offered as affordable housing, which is 30 per cent of the total "
    "and in line with Policy H4 of the Harrowgate Vale Local Plan 2019-2036. Of these, 12 would be for social "
    "rent and 7 for shared ownership. The applicant has also offered a financial contribution of £418,000 "
    "towards the expansion of St Wilfrid's Primary School and £85,500 towards improvements to the junction of "
    "Tannery Lane and the A614.")
d.add_heading("Key dates", level=2)
rows = [
    ("Stage", "Date", "Notes"),
    ("Application validated", "9 September 2024", "Start of the statutory period"),
    ("Site notice posted", "16 September 2024", "Two notices on Tannery Lane"),
    ("Public exhibition", "3 October 2024", "Ashbridge Memorial Hall, 2pm to 8pm"),
    ("Consultation closes", "21 October 2024", "Comments received after this date may not be considered"),
    ("Planning Committee meeting", "12 December 2024", "Council Chamber, 6.30pm"),
    ("Target decision date", "9 December 2024", "13-week statutory determination period"),
]
t = d.add_table(rows=len(rows), cols=3)
t.style = "Table Grid"
for i, r in enumerate(rows):
    for j, v in enumerate(r):
        t.cell(i, j).text = v
d.add_paragraph("")
d.add_paragraph(
    "Because more than 50 dwellings are proposed and the site lies within a conservation area, the application "
    "will be decided by the Planning Committee rather than by officers under delegated powers. The committee is "
    "chaired by Councillor Desmond Achterberg. The ward councillor for Ashbridge East, Councillor Fiona Maclaren, "
    "has asked to speak at the meeting.")
d.add_paragraph(
    "The applicant states that construction would take approximately 30 months and would be carried out in three "
    "phases, with the first homes ready for occupation in spring 2026. Construction working hours would be limited "
    "to 8am to 6pm on weekdays and 8am to 1pm on Saturdays, with no work on Sundays or bank holidays. The existing "
    "dairy chimney, which dates from 1911, would be retained as a landmark at the entrance to the site.")
d.add_paragraph(
    "The Ashbridge Civic Society, whose chair is Mr Roland Featherstone, has already objected to the scheme, "
    "arguing that the three-storey apartment block would harm views of St Wilfrid's Church. Historic England has "
    "been consulted. Anglian Water has been asked to comment on the capacity of the sewer in Tannery Lane, which "
    "was last upgraded in 1987. By 30 September 2024 the council had received 147 comments on the application, "
    "of which 112 were objections and 29 were in support.")
d.add_heading("How to comment", level=2)
d.add_paragraph(
    "The plans and supporting documents, including a flood risk assessment, a heritage statement and a transport "
    "assessment, can be viewed online on the council's planning portal by searching for the reference number, or "
    "in person at the Civic Offices between 9am and 4.30pm, Monday to Friday. Printed copies of the plans can be "
    "supplied at a charge of £12 per set.")
d.add_paragraph(
    "Comments must be made in writing, quoting the reference number, and should reach the council by the closing "
    "date shown in the table above. Anonymous comments cannot be accepted. Please note that your name and address "
    "will be published on the council's website, although your telephone number, email address and signature will "
    "not. Only material planning considerations, such as traffic, noise, design, loss of light and the effect on "
    "the conservation area, can be taken into account; matters such as the effect on property values cannot.")
d.add_paragraph("Signed: Graham Tulloch, Head of Planning and Building Control")
d.add_paragraph("Date of notice: 16 September 2024")
d.save("../articles/planning_notice_tannery_lane.docx")
