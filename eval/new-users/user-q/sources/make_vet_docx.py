"""Writes articles/vet_report_biscuit.docx: a veterinary consultation report."""
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

OUT = Path(__file__).resolve().parent.parent / "articles" / "vet_report_biscuit.docx"

doc = Document()
doc.core_properties.title = "Consultation Report - Biscuit (Pardew)"
doc.core_properties.author = "Harrowgate Veterinary Clinic"

p = doc.add_paragraph()
r = p.add_run("Harrowgate Veterinary Clinic")
r.bold = True
r.font.size = Pt(16)
p.alignment = WD_ALIGN_PARAGRAPH.CENTER
p = doc.add_paragraph("14 Mill Lane, Kettleby KB4 7RT  ·  Tel 01632 960418  ·  reception@harrowgatevets.example")
p.alignment = WD_ALIGN_PARAGRAPH.CENTER

doc.add_heading("Consultation Report", level=1)

details = doc.add_table(rows=0, cols=2)
details.style = "Light Grid Accent 1"
for label, value in [
    ("Patient", "Biscuit"),
    ("Species / breed", "Dog, Border Collie cross"),
    ("Sex", "Male, neutered"),
    ("Microchip", "977200009415263"),
    ("Owner", "Mrs Geraldine Pardew, 22 Orchard Rise, Kettleby"),
    ("Date of visit", "11 March 2025"),
    ("Attending vet", "Dr Annika Welsby BVSc MRCVS"),
    ("Weight today", "23.4 kg (21.9 kg at his booster in September 2024)"),
]:
    row = details.add_row().cells
    row[0].text = label
    row[1].text = value

doc.add_heading("Reason for visit", level=2)
doc.add_paragraph(
    "Mrs Pardew brought Biscuit in because he has been limping on his left hind leg for about five "
    "days. The lameness is worst after he has been lying down and he has been reluctant to jump into "
    "the car. She has also noticed him shaking his head and scratching at his right ear since the "
    "weekend. He is eating and drinking normally and there has been no vomiting or diarrhoea."
)

doc.add_heading("Clinical examination", level=2)
doc.add_paragraph(
    "Biscuit was bright and alert, although anxious in the consulting room. His temperature was "
    "38.6 °C and his heart rate was 96 beats per minute, with no murmur heard. He was bearing weight "
    "on the left hind leg but with a shortened stride. There was mild swelling on the inside of the "
    "left stifle (knee) joint and he resented full flexion of it. The right hind leg, both hips and "
    "the spine were comfortable on palpation."
)
doc.add_paragraph(
    "Because he was too tense to allow a thorough joint examination, he was sedated. Under sedation "
    "there was a small amount of cranial drawer movement in the left stifle. Two X-ray views of the "
    "left stifle showed joint effusion and early arthritic change, with no fracture."
)
doc.add_paragraph(
    "The right ear canal was red and contained a brown waxy discharge. The eardrum could be seen and "
    "appeared intact. A swab was examined under the microscope in the clinic and showed large numbers "
    "of yeast organisms (Malassezia) and no bacteria of concern."
)

doc.add_heading("Assessment", level=2)
doc.add_paragraph(
    "1. Suspected partial tear of the cranial cruciate ligament in the left stifle.", style="List Number"
)
doc.add_paragraph("2. Yeast infection of the right outer ear canal (otitis externa).", style="List Number")
doc.add_paragraph(
    "3. Weight gain of 1.5 kg in six months, which puts extra strain on the injured joint.",
    style="List Number",
)

doc.add_heading("Treatments and costs", level=2)
table = doc.add_table(rows=1, cols=4)
table.style = "Light Grid Accent 1"
hdr = table.rows[0].cells
for i, h in enumerate(["Item", "Details", "Qty", "Cost"]):
    hdr[i].text = h
items = [
    ("Consultation", "Standard 15-minute appointment", "1", "£48.00"),
    ("Sedation", "For orthopaedic examination, reversed afterwards", "1", "£65.50"),
    ("Radiographs", "Left stifle, two views", "2", "£142.00"),
    ("Ear cytology", "In-house microscope examination of swab", "1", "£32.00"),
    ("Meloxicam oral suspension", "1.5 mg/ml, 32 ml bottle", "1", "£21.80"),
    ("Auritop ear drops", "17.5 ml bottle", "1", "£24.95"),
    ("Subtotal", "", "", "£334.25"),
    ("VAT at 20%", "", "", "£66.85"),
    ("Total", "", "", "£401.10"),
]
for item in items:
    cells = table.add_row().cells
    for i, v in enumerate(item):
        cells[i].text = v

doc.add_heading("Plan", level=2)
doc.add_paragraph(
    "Strict rest for six weeks: lead walks only, no longer than ten minutes, three times a day, and "
    "no running off the lead, jumping or stairs.",
    style="List Bullet",
)
doc.add_paragraph(
    "Meloxicam once daily with food, dosed by weight using the syringe supplied. Stop and call us if "
    "he vomits or his stools turn black.",
    style="List Bullet",
)
doc.add_paragraph(
    "Auritop drops into the right ear, five drops twice a day for seven days, after cleaning away "
    "any visible wax with cotton wool.",
    style="List Bullet",
)
doc.add_paragraph(
    "Reduce his food by about 10% and stop table scraps; we would like him back down to 21 kg.",
    style="List Bullet",
)
doc.add_paragraph(
    "Recheck appointment booked for 25 March 2025 at 4.40 pm with Dr Welsby.", style="List Bullet"
)
doc.add_paragraph(
    "If the lameness has not clearly improved by the recheck, we recommend referral to the orthopaedic "
    "team at Fenwick Referrals in Carrowmoor. Surgery (TPLO) was discussed; their estimate for this "
    "is usually between £3,800 and £4,500. Mrs Pardew would like to try rest first."
)
doc.add_paragraph(
    "Biscuit is insured with PetShield. We have given Mrs Pardew a claim form; the clinic will "
    "complete its section once today's invoice is paid. The policy excess is £99 per condition."
)

doc.add_paragraph("")
doc.add_paragraph("Signed: Annika Welsby")
doc.add_paragraph("Dr Annika Welsby BVSc MRCVS")
doc.add_paragraph("Veterinary Surgeon, Harrowgate Veterinary Clinic")
doc.add_paragraph("11 March 2025")

section = doc.sections[0]
section.footer.paragraphs[0].text = "Harrowgate Veterinary Clinic Ltd · Registered in England No. 08812345"

OUT.parent.mkdir(parents=True, exist_ok=True)
doc.save(OUT)
print("wrote", OUT)
