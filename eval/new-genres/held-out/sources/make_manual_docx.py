"""Build the Halloway AquaJet PX-300 user manual as a .docx (python-docx)."""
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

OUT = str(__import__("pathlib").Path(__file__).parent.parent / "articles" / "halloway-px300-pressure-washer-manual.docx")

doc = Document()
style = doc.styles["Normal"]
style.font.name = "Calibri"
style.font.size = Pt(11)

doc.add_heading("Halloway AquaJet PX-300 Cordless Pressure Washer", level=0)
p = doc.add_paragraph("User Manual – Original Instructions")
p.alignment = WD_ALIGN_PARAGRAPH.LEFT
doc.add_paragraph("Document ref. HW-PX300-UM-EN, Revision 2, March 2025")

doc.add_heading("1. Introduction", level=1)
doc.add_paragraph(
    "Thank you for choosing the Halloway AquaJet PX-300. This portable pressure washer runs from an "
    "18 V battery and can draw water from a garden tap, a bucket or a water butt, so you can clean "
    "bikes, garden furniture, patios and cars where there is no mains socket. Please read this manual "
    "in full before first use and keep it for future reference."
)

doc.add_heading("2. Safety warnings", level=1)
for line in [
    "Never point the lance at people, animals, electrical sockets or the unit itself.",
    "Keep the nozzle at least 30 cm away from car paintwork, tyres and other delicate surfaces.",
    "Wear safety glasses and closed footwear while operating the washer.",
    "Do not use the PX-300 to spray flammable liquids, acids or solvents.",
    "Remove the battery before fitting accessories, cleaning the filter or storing the unit.",
    "Children under 16 must not use the washer, and it must be stored out of their reach.",
]:
    doc.add_paragraph(line, style="List Bullet")

doc.add_heading("3. Technical specifications", level=1)
specs = [
    ("Specification", "Value"),
    ("Model", "PX-300"),
    ("Battery", "18 V, 4.0 Ah lithium-ion (HB-18/4)"),
    ("Maximum pressure", "24 bar (348 psi)"),
    ("Rated working pressure", "18 bar"),
    ("Flow rate", "180 litres per hour"),
    ("Runtime per charge", "Up to 22 minutes (Eco mode: up to 35 minutes)"),
    ("Charging time", "90 minutes with the FC-18 fast charger"),
    ("Suction hose length", "5 m"),
    ("Weight including battery", "2.3 kg"),
    ("Maximum inlet water temperature", "40 °C"),
    ("Sound pressure level", "78 dB(A)"),
    ("Water protection rating", "IPX5"),
]
t = doc.add_table(rows=0, cols=2)
t.style = "Table Grid"
for i, (a, b) in enumerate(specs):
    cells = t.add_row().cells
    cells[0].text = a
    cells[1].text = b
    if i == 0:
        for c in cells:
            for r in c.paragraphs[0].runs:
                r.bold = True

doc.add_heading("4. What’s in the box", level=1)
doc.add_paragraph(
    "PX-300 main unit; spray lance with five-in-one rotating nozzle; 5 m suction hose with inlet filter; "
    "0.5 litre detergent bottle; accessory bag with two spare O-rings; this manual. The battery and "
    "charger are supplied only with kit version PX-300K."
)

doc.add_heading("5. Getting started", level=1)
for line in [
    "Charge the battery fully. The four green lights on the battery stop flashing when it is ready.",
    "Push the inlet filter onto the end of the suction hose and place it in your water source.",
    "Connect the other end of the hose to the inlet on the base of the unit and turn it clockwise until it locks.",
    "Click the spray lance into the outlet and choose a nozzle setting: red 0° for stubborn dirt, green 25° for general cleaning, black for detergent.",
    "Slide the battery into the housing until it clicks.",
    "Hold the lance pointing at the ground and press the trigger for about 10 seconds until water flows steadily; this primes the pump.",
    "Press the ECO button if you need a longer runtime at lower pressure.",
]:
    doc.add_paragraph(line, style="List Number")

doc.add_heading("6. Care and storage", level=1)
doc.add_paragraph(
    "After each use, run clean water through the unit for 30 seconds, rinse the inlet filter and let all "
    "parts drain. Store the washer indoors above 5 °C; water left inside the pump can freeze and crack "
    "the housing, which is not covered by the warranty."
)

doc.add_heading("7. Troubleshooting", level=1)
trouble = [
    ("Problem", "Possible cause", "What to do"),
    ("Unit does not start", "Battery flat or not fully seated", "Charge the battery; push it in until it clicks"),
    ("Pressure rises and falls", "Air in the suction hose or blocked inlet filter", "Prime the hose again; rinse the inlet filter"),
    ("Water leaks from the lance connection", "Worn or missing O-ring", "Replace the O-ring with a spare from the accessory bag"),
    ("Motor stops after a few seconds", "Thermal cut-out or pump running dry", "Let the unit cool for 15 minutes and check the water supply"),
    ("Battery lights flash red", "Battery too hot or too cold", "Bring the battery to between 5 °C and 40 °C before use"),
]
t2 = doc.add_table(rows=0, cols=3)
t2.style = "Table Grid"
for i, row in enumerate(trouble):
    cells = t2.add_row().cells
    for c, val in zip(cells, row):
        c.text = val
        if i == 0:
            for r in c.paragraphs[0].runs:
                r.bold = True
doc.add_paragraph(
    "If the problem continues, stop using the washer and contact Halloway Customer Care. Do not open the "
    "motor housing; doing so voids the warranty."
)

doc.add_heading("8. Warranty and support", level=1)
doc.add_paragraph(
    "The PX-300 carries a 2-year warranty against manufacturing faults from the date of purchase. This is "
    "extended to 3 years if you register the product online within 28 days of purchase. Batteries and "
    "chargers are covered for 1 year. The warranty does not cover nozzles, O-rings or filters, which are "
    "wearing parts, nor damage from frost, misuse or commercial hire."
)
doc.add_paragraph(
    "Halloway Customer Care: telephone 01632 960 728 (Monday to Friday 8.30am–5.30pm, Saturday 9am–1pm); "
    "email support@halloway-tools.example; post: Halloway Tools Ltd, Unit 7, Wendell Park Industrial "
    "Estate, Northwick NK4 2RT. Please have your proof of purchase and the serial number from the label "
    "under the battery housing ready when you call."
)

doc.save(OUT)
print("wrote", OUT)
