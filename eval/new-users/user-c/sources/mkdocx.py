from docx import Document

doc = Document()
doc.core_properties.title = "Rent review and repairs - Flat 3, 14 Cobbler's Row"
doc.core_properties.author = "Harbourside Lettings"

for line in ["Harbourside Lettings Ltd", "22 Quay Street, Wexham WX4 7PL",
             "Tel: 01632 884 210 | lettings@harbourside-lettings.example"]:
    doc.add_paragraph(line)

doc.add_paragraph("6 January 2025")
doc.add_paragraph("Ms Priya Ramanathan\nFlat 3, 14 Cobbler's Row\nWexham WX2 9DN")
doc.add_paragraph("Our reference: HL/CR14-3/2025")

doc.add_heading("Rent review and planned repairs at Flat 3, 14 Cobbler's Row", level=1)

doc.add_paragraph("Dear Ms Ramanathan,")

doc.add_paragraph(
    "I am writing on behalf of your landlord, Mr Gerald Hethersett, about two matters: the annual "
    "review of the rent for your flat, and the repairs you reported to us in November and December. "
    "Thank you for your patience while we obtained quotes from contractors.")

doc.add_heading("1. The new rent", level=2)
doc.add_paragraph(
    "Your tenancy agreement allows the rent to be reviewed once a year. Having compared your flat with "
    "similar two-bedroom properties in the Cobbler's Row and Millgate area, your landlord has decided to "
    "increase the monthly rent from £1,150 to £1,215. The new rent will take effect from 1 March 2025, "
    "which gives you more than the two months' notice required by your agreement. This is an increase "
    "of 5.7 per cent, which is below the average rise for the area over the last year.")
doc.add_paragraph(
    "The service charge for the cleaning and lighting of the communal stairwell is unchanged. The "
    "charge for the allocated parking space in the rear courtyard will rise slightly because the "
    "management company has increased the fee it charges us. The table below sets out your monthly "
    "payments before and after the change.")

table = doc.add_table(rows=1, cols=3)
table.style = "Table Grid"
hdr = table.rows[0].cells
hdr[0].text, hdr[1].text, hdr[2].text = "Charge", "Until 28 February 2025", "From 1 March 2025"
for row in [("Monthly rent", "£1,150.00", "£1,215.00"),
            ("Communal service charge", "£38.00", "£38.00"),
            ("Parking space (bay 7)", "£25.00", "£30.00"),
            ("Total per month", "£1,213.00", "£1,283.00")]:
    cells = table.add_row().cells
    for i, v in enumerate(row):
        cells[i].text = v

doc.add_paragraph(
    "If you pay by standing order, please ask your bank to change the amount before your March "
    "payment, which is due on the first day of the month. Your deposit of £1,300 remains protected "
    "with the Tenancy Deposit Scheme and does not need to be topped up.")

doc.add_heading("2. Repairs", level=2)
doc.add_paragraph(
    "You reported three problems: the boiler losing pressure, black mould around the bathroom window, "
    "and a kitchen window latch that no longer locks. We have arranged the following work.")
doc.add_paragraph(
    "The boiler will be replaced rather than repaired, as the engineer found that the heat exchanger "
    "is corroded and the model is no longer supported. Brightflame Heating will fit a new combination "
    "boiler on Tuesday 11 February 2025. Their engineer, Tomasz Wilk, expects the work to take one full "
    "day, and the hot water and heating will be off between 8.30am and about 4pm.", style="List Bullet")
doc.add_paragraph(
    "The mould in the bathroom is caused by a failed extractor fan. An electrician from Corrigan "
    "Electrical will replace the fan with a humidity-controlled model on 23 January 2025, and the "
    "affected wall will then be treated and repainted by our handyman a week later.", style="List Bullet")
doc.add_paragraph(
    "The kitchen window latch will be replaced at the same visit as the extractor fan.",
    style="List Bullet")
doc.add_paragraph(
    "All repair costs will be paid by your landlord. Please make sure someone can let the contractors in, "
    "or tell us by 17 January if you would like us to use our spare key. Contractors will always carry "
    "photo identification.")

doc.add_heading("3. What you need to do", level=2)
doc.add_paragraph(
    "You do not need to sign anything to accept the new rent. If you wish to discuss it, please contact "
    "me before 31 January 2025. If you have any questions about the repairs, our maintenance coordinator, "
    "Leanne Okoro, can be reached on 01632 884 217 between 9am and 5pm, Monday to Friday.")
doc.add_paragraph(
    "For emergencies outside office hours, such as a leak or a total loss of heating, please call our "
    "out-of-hours line on 0800 046 3391.")

doc.add_paragraph("Yours sincerely,")
doc.add_paragraph("Daniel Fairbrother")
doc.add_paragraph("Senior Property Manager, Harbourside Lettings Ltd")

doc.save("/work/s12/user-c/articles/rent-letter.docx")
