from pathlib import Path

from docx import Document

d = Document()
d.core_properties.title = "Penalty Charge Notice KV70418825"
sec = d.sections[0]
sec.header.paragraphs[0].text = "Kingsvale Borough Council  |  Parking Services  |  PO Box 4471, Kingsvale KV1 9ZT"
sec.footer.paragraphs[0].text = "PCN KV70418825  -  Page 1 of 2  -  Keep this notice. Quote the PCN number in all correspondence."

p = d.add_paragraph("KINGSVALE BOROUGH COUNCIL")
p.runs[0].bold = True
d.add_paragraph("Parking Services, Civic Offices, 2 Marlow Road, Kingsvale KV1 3AA\nTel: 01632 960 418 (Mon-Fri 9am-5pm)   Email: parking@kingsvale.gov.example")

d.add_heading("PENALTY CHARGE NOTICE", level=1)
d.add_paragraph("Traffic Management Act 2004 - The Civil Enforcement of Parking Contraventions (England) General Regulations 2007, Regulation 10 (notice served by post following CCTV enforcement)")

d.add_paragraph("Mr D. Okonkwo-Reid\n14 Larchfield Close\nKingsvale\nKV4 7PW")

t = d.add_table(rows=0, cols=2)
t.style = "Table Grid"
for k, v in [
    ("PCN number", "KV70418825"),
    ("Date of notice", "21 March 2025"),
    ("Vehicle registration mark", "YK21 HVB"),
    ("Vehicle make / colour", "Skoda Octavia / Grey"),
    ("Customer reference", "CR-558120"),
]:
    r = t.add_row().cells
    r[0].text = k
    r[1].text = v

d.add_heading("Contravention details", level=2)
d.add_paragraph(
    "The Council's records show that the vehicle shown above was recorded by an approved device "
    "(camera unit CAM-KV-031) stopped in a restricted area outside a school. A penalty charge is "
    "therefore payable by you as the registered keeper of the vehicle.")
t = d.add_table(rows=1, cols=4)
t.style = "Table Grid"
for c, h in zip(t.rows[0].cells, ["Date", "Time", "Location", "Contravention code and description"]):
    c.text = h
r = t.add_row().cells
r[0].text = "17 March 2025"
r[1].text = "08:41"
r[2].text = "St Aldhelm's Primary School, Upper Quarry Lane, Kingsvale"
r[3].text = "48 - Stopped in a restricted area outside a school when prohibited"
t2 = d.add_table(rows=1, cols=3)
t2.style = "Table Grid"
for c, h in zip(t2.rows[0].cells, ["Charge level", "Full penalty charge", "Discounted charge if paid within 14 days"]):
    c.text = h
r = t2.add_row().cells
r[0].text = "Higher (Band B)"
r[1].text = "£70.00"
r[2].text = "£35.00"

d.add_paragraph(
    "Still images and the video clip of the contravention can be viewed online at "
    "www.kingsvale.gov.example/pcnviewer using the PCN number and the vehicle registration mark.")

d.add_heading("Amount due", level=2)
d.add_paragraph(
    "A penalty charge of £70.00 is now payable. This must be paid no later than 28 days beginning "
    "with the date of service of this notice. The date of service is taken to be the second working "
    "day after the date of posting, which in this case is 25 March 2025. If the charge is paid within "
    "14 days beginning with the date of service, it will be reduced by 50% to £35.00. The discount "
    "therefore applies if payment is received on or before 7 April 2025.")
d.add_paragraph(
    "If the penalty charge is not paid, or representations are not made, before the end of the 28 day "
    "period, the Council may serve a Charge Certificate on the registered keeper. The penalty charge "
    "will then be increased by 50% to £105.00.")

d.add_heading("How to pay", level=2)
for line in [
    "Online: www.kingsvale.gov.example/paypcn - available 24 hours a day. Have your PCN number and a debit or credit card ready.",
    "By phone: call the automated payment line on 0300 555 0192 (24 hours). A card surcharge is not made.",
    "By post: send a cheque payable to Kingsvale Borough Council, with the PCN number written on the back, to Parking Services, PO Box 4471, Kingsvale KV1 9ZT. Do not send cash. Allow at least 5 working days for postal payments to reach us.",
    "In person: at the Customer Service Centre, Civic Offices, 2 Marlow Road (Monday to Friday, 9.00am to 4.30pm).",
]:
    d.add_paragraph(line, style="List Bullet")

d.add_heading("How to challenge this notice", level=2)
d.add_paragraph(
    "If you believe this penalty charge should not have been issued, you may make formal "
    "representations to the Council. Representations must be made in writing within 28 days "
    "beginning with the date of service. Please do not pay the charge if you wish to make "
    "representations, as payment will close the case. If representations are received within the "
    "14 day discount period, the discount will be held until the Council has replied.")
d.add_paragraph("Representations may be made on any of the following grounds:")
for i, g in enumerate([
    "The alleged contravention did not occur.",
    "You were not the owner of the vehicle at the time of the alleged contravention.",
    "The vehicle had been permitted to remain at rest by a person in control of it without the consent of the owner.",
    "We are a vehicle-hire firm and the vehicle was on hire under a hiring agreement.",
    "The penalty charge exceeded the amount applicable in the circumstances of the case.",
    "There has been a procedural impropriety on the part of the Council.",
    "The order which is alleged to have been contravened is invalid.",
    "The notice should not have been served because the penalty charge had already been paid in full.",
], 1):
    d.add_paragraph(f"({i}) {g}")
d.add_paragraph(
    "You may make representations online at www.kingsvale.gov.example/challengepcn or by writing to "
    "the Notice Processing Team at the postal address above. If the Council rejects your "
    "representations you will be sent a Notice of Rejection and may then appeal to the independent "
    "Traffic Penalty Tribunal within 28 days of that notice.")

d.add_heading("Important", level=2)
d.add_paragraph(
    "This notice is served on you as the person shown by DVLA records as the registered keeper on "
    "17 March 2025. If you had sold or transferred the vehicle before that date, please tell us the "
    "name and address of the new keeper, if known, and the date of sale.")
d.add_paragraph("Signed: R. Haverstock, Parking Enforcement Manager, on behalf of Kingsvale Borough Council")
d.add_paragraph("Ref: PS/CCTV/2025/0317/031     Form PCN-R10 (rev. 01/25)")
d.save(str(Path(__file__).resolve().parent.parent / "articles" / "penalty_charge_notice_KV70418825.docx"))
