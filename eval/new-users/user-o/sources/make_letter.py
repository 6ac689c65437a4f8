"""Writes ../articles/colonoscopy-appointment-letter.docx (a clinic letter with a table) with python-docx."""

from pathlib import Path

from docx import Document

doc = Document()
doc.core_properties.title = "Endoscopy appointment letter - Mr Teodor Blakeney"
sec = doc.sections[0]
sec.header.paragraphs[0].text = "St Aldhelm's Community Hospital NHS Trust - Endoscopy Unit"
sec.footer.paragraphs[0].text = "Patient reference: SAH-0457-2291 | Page 1"

p = doc.add_paragraph("St Aldhelm's Community Hospital\nEndoscopy Unit, Level 2, Wessex Wing\nCorfe Lane, Wimbridge WB4 7QT\nTelephone: 01632 960 418")
doc.add_paragraph("Date of letter: 3 November 2025")
doc.add_paragraph("Mr Teodor Blakeney\n22 Larkspur Mews\nWimbridge WB2 9HD")
doc.add_paragraph("NHS number: 943 476 5919    Hospital number: SAH-0457-2291")

doc.add_heading("Your colonoscopy appointment", level=1)
doc.add_paragraph("Dear Mr Blakeney,")
doc.add_paragraph(
    "Following your referral by Dr Helena Ostrowska at Brookvale Surgery, we have arranged for you "
    "to have a colonoscopy at the Endoscopy Unit. A colonoscopy is a test in which a thin, flexible "
    "tube with a small camera is passed into the large bowel so that the lining can be examined. "
    "Please read this letter carefully, because the preparation starts several days before your appointment.")

doc.add_heading("Appointment details", level=2)
t = doc.add_table(rows=0, cols=2)
t.style = "Table Grid"
rows = [
    ("Procedure", "Colonoscopy (with possible biopsy)"),
    ("Date", "Thursday 27 November 2025"),
    ("Arrival time", "08:15"),
    ("Procedure time", "approximately 09:00"),
    ("Location", "Endoscopy Unit, Level 2, Wessex Wing"),
    ("Consultant", "Mr Anand Kulkarni-Reeve, Consultant Gastroenterologist"),
    ("Expected length of stay", "3 to 4 hours"),
    ("Parking", "Car park C, free for endoscopy patients with this letter"),
]
for a, b in rows:
    c = t.add_row().cells
    c[0].text = a
    c[1].text = b

doc.add_heading("Preparing for your test", level=2)
doc.add_paragraph(
    "Your bowel must be completely empty for the test to be accurate. A bowel preparation pack "
    "containing two sachets of Klenzaprep will be posted to you separately. If it has not arrived "
    "by 20 November 2025, please ring the pre-assessment nurses on 01632 960 433.")
for s in [
    "Seven days before: stop taking iron tablets and any medicine containing loperamide.",
    "Three days before: eat a low-fibre diet. Avoid wholemeal bread, nuts, seeds, fruit skins and red meat.",
    "The day before: eat a light breakfast before 08:00, then have clear fluids only, such as water, black tea and clear apple juice.",
    "At 17:00 the day before, drink the first sachet of Klenzaprep dissolved in one litre of water.",
    "At 06:00 on the morning of your test, drink the second sachet, then nothing more except sips of water until two hours before your arrival.",
]:
    doc.add_paragraph(s, style="List Number")
doc.add_paragraph(
    "If you take blood-thinning medication such as warfarin, apixaban or clopidogrel, or if you have "
    "diabetes, please contact the pre-assessment nurses at least ten days before your appointment, as "
    "your medicines may need to be adjusted.")

doc.add_heading("On the day", level=2)
doc.add_paragraph(
    "Please bring a list of your current medicines, a dressing gown and slippers. Leave jewellery and "
    "valuables at home. You will be offered sedation through a cannula in the back of your hand. If you "
    "have sedation, a responsible adult must collect you from the unit and stay with you for 12 hours, "
    "and you must not drive, operate machinery or sign legal documents for 24 hours.")
doc.add_paragraph(
    "The consultant will explain the initial findings before you leave. Results of any biopsy are "
    "usually sent to you and to your GP within three weeks.")

doc.add_heading("Changing or cancelling your appointment", level=2)
doc.add_paragraph(
    "If you cannot attend, please tell us at least 48 hours in advance by calling the appointments line "
    "on 01632 960 400, open 08:30 to 17:00 Monday to Friday, so that we can offer your slot to another "
    "patient. Patients who do not attend twice without letting us know may be referred back to their GP.")
doc.add_paragraph(
    "An interpreter can be arranged free of charge; please tell us which language you need when you "
    "confirm your appointment.")
doc.add_paragraph("Yours sincerely,")
doc.add_paragraph("Gwendolyn Parris-Achebe\nEndoscopy Booking Coordinator")
doc.save(Path(__file__).resolve().parents[1] / "articles" / "colonoscopy-appointment-letter.docx")
