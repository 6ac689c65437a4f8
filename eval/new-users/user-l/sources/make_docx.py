from pathlib import Path

from docx import Document

HERE = Path(__file__).resolve().parent
PARAS_BEFORE = [
 ("h", "Millbrook Dental Practice: Treatment Plan and Estimate"),
 ("p", "Millbrook Dental Practice, 27 Orchard Lane, Millbrook, MB4 9RS. Telephone 01793 552 118."),
 ("p", "Patient: Sophie Ranganathan, date of birth 2 February 1988."),
 ("p", "Dentist: Dr Owen Faraday. Date of examination: 12 September 2025."),
 ("h2", "Findings"),
 ("p", "At your examination Dr Faraday found a cracked filling in your upper right first molar and decay under an old filling in your lower left first molar. The X-rays showed that the decay in the lower left tooth has reached the nerve, which explains the sensitivity to cold you described."),
 ("p", "Your gums are generally healthy, but there is some build-up of tartar behind your lower front teeth. You told us you grind your teeth at night, and there is wear on the edges of your front teeth."),
 ("h2", "Proposed treatment"),
 ("p", "The table below lists each item of treatment, the tooth it applies to and its private fee. This plan is for private treatment; the practice no longer offers NHS treatment to adult patients."),
]
TABLE = [
 ("Treatment", "Tooth", "Fee"),
 ("Examination and two bitewing X-rays", "All", "£56.00"),
 ("White composite filling", "Upper right first molar (UR6)", "£145.00"),
 ("Root canal treatment, three canals", "Lower left first molar (LL6)", "£520.00"),
 ("Porcelain-bonded crown", "Lower left first molar (LL6)", "£685.00"),
 ("Scale and polish with the hygienist", "All", "£68.00"),
 ("Night guard to protect against grinding", "Upper arch", "£210.00"),
 ("Total", "", "£1,684.00"),
]
PARAS_AFTER = [
 ("h2", "Appointments"),
 ("p", "We expect the treatment to take four appointments over about six weeks. The filling and the first stage of the root canal treatment will be done on 30 September 2025, and the root canal will be completed on 14 October 2025. The crown will be prepared two weeks later and fitted once the dental laboratory has made it, usually after ten working days."),
 ("p", "Your hygienist appointment is with Kirsty Albrecht on 7 October 2025 at 8.40am."),
 ("h2", "Payment"),
 ("p", "A deposit of £300 is payable when you accept this plan. The balance can be paid at each appointment or spread over six monthly instalments with no interest through our partner, Medenta. Fees are fixed for six months from the date of this plan."),
 ("p", "If a crown or filling we have placed fails within 12 months, we will repair or replace it free of charge, provided you have kept your hygiene and examination appointments."),
 ("h2", "Cancellations"),
 ("p", "Please give us at least 48 hours' notice if you need to move an appointment. Appointments cancelled with less notice, or missed, are charged at £40 for each 30 minutes booked."),
 ("h2", "Alternatives and risks"),
 ("p", "The alternative to root canal treatment is to extract the lower left molar, which would cost £120 but would leave a gap that may later need a bridge or an implant. Root canal treatment succeeds in about nine cases out of ten. You may feel some tenderness for a few days after each stage, which ordinary painkillers usually relieve."),
 ("p", "Please sign and return a copy of this plan to show that you accept it. If you have any questions, ask for our treatment coordinator, Leanne Morris."),
]
def add(doc, items):
    for k, t in items:
        if k == "h":
            doc.add_heading(t, 0)
        elif k == "h2":
            doc.add_heading(t, 1)
        else:
            doc.add_paragraph(t)
doc = Document()
doc.core_properties.title = "Millbrook Dental Practice: Treatment Plan and Estimate"
add(doc, PARAS_BEFORE)
tbl = doc.add_table(rows=0, cols=3)
tbl.style = "Table Grid"
for row in TABLE:
    cells = tbl.add_row().cells
    for c, v in zip(cells, row):
        c.text = v
add(doc, PARAS_AFTER)
doc.save(HERE.parent / "articles" / "dental-treatment-plan.docx")
# plain text used for checking answers
lines = [t for _, t in PARAS_BEFORE] + [" | ".join(r) for r in TABLE] + [t for _, t in PARAS_AFTER]
(HERE / "dental-treatment-plan.txt").write_text("\n\n".join(lines) + "\n")
