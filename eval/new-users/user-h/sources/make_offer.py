"""Write the job offer letter as ../articles/offer.docx with python-docx."""
from pathlib import Path

from docx import Document
from docx.shared import Pt

doc = Document()
doc.core_properties.title = "Offer of Employment - Senior Hydrologist"
doc.core_properties.author = "Brindlecombe Water Partnership"

style = doc.styles["Normal"]
style.font.name = "Calibri"
style.font.size = Pt(11)

section = doc.sections[0]
section.header.paragraphs[0].text = "Brindlecombe Water Partnership - Private and Confidential"
section.footer.paragraphs[0].text = "Registered office: Weir House, 2 Millstream Lane, Tavenham TV4 9QP"

doc.add_paragraph("Brindlecombe Water Partnership\nWeir House\n2 Millstream Lane\nTavenham TV4 9QP")
doc.add_paragraph("10 February 2025")
doc.add_paragraph("Mr Tobias Wrenfield\n14 Alder Close\nNorth Kessing\nKS2 7HU")

doc.add_heading("Offer of employment: Senior Hydrologist", level=1)

doc.add_paragraph("Dear Tobias,")
doc.add_paragraph(
    "Thank you for meeting the panel at Weir House on 4 February. We enjoyed hearing about your "
    "flood-modelling work on the Lower Esk catchment, and I am delighted to offer you the post of "
    "Senior Hydrologist in our Catchment Resilience team. This letter sets out the main terms of "
    "the offer; your full contract of employment will follow once you have accepted."
)

doc.add_heading("The role", level=2)
doc.add_paragraph(
    "You will report to Dr Mirela Kostadinova, Head of Catchment Resilience, and will lead a small "
    "group of two hydrologists and one graduate trainee. Your main responsibility in the first year "
    "will be the river-level forecasting model for the Tavenham and Ouseley reservoirs, which we "
    "expect to bring into daily use before the winter of 2025."
)
doc.add_paragraph(
    "Your normal place of work will be our Tavenham office. We operate a hybrid arrangement, and "
    "after your probationary period you may work from home for up to two days a week, subject to "
    "the needs of the team. Some fieldwork at gauging stations is required, typically two or three "
    "days a month, and a pool vehicle is provided for these visits."
)

doc.add_heading("Start date and probation", level=2)
doc.add_paragraph(
    "Your employment will begin on Monday 7 April 2025. The first six months will be a probationary "
    "period, during which either party may end the employment by giving two weeks' notice in writing. "
    "After probation the notice period on either side will be three months."
)

doc.add_heading("Pay and benefits", level=2)
doc.add_paragraph("The table below summarises your pay and main benefits.")

rows = [
    ("Item", "Detail"),
    ("Basic salary", "£52,400 per year, paid monthly in arrears on the 28th"),
    ("Salary review", "Annually in July; first review July 2026"),
    ("Pension", "Employer contribution of 8% with a 4% employee contribution"),
    ("Annual leave", "27 days plus bank holidays, rising to 30 days after five years"),
    ("Relocation", "Up to £3,500 against receipts, claimable within 12 months"),
    ("Professional fees", "CIWEM membership paid by the Partnership"),
    ("Life assurance", "Four times basic salary"),
]
table = doc.add_table(rows=len(rows), cols=2)
table.style = "Table Grid"
for i, (a, b) in enumerate(rows):
    table.cell(i, 0).text = a
    table.cell(i, 1).text = b

doc.add_paragraph(
    "If you leave the Partnership of your own accord within 18 months of your start date, you will be "
    "asked to repay half of any relocation expenses we have reimbursed."
)

doc.add_heading("Conditions of the offer", level=2)
doc.add_paragraph(
    "This offer is conditional on two satisfactory references, one of which must be from your "
    "current employer, and on evidence of your right to work in the United Kingdom. Because the role "
    "involves driving to remote gauging stations, you will also need to hold a full UK driving "
    "licence."
)
doc.add_paragraph(
    "Our standard working week is 37 hours, Monday to Friday, with flexible start times between "
    "7.30am and 10am. During flood events you may be asked to join the on-call rota, for which an "
    "additional allowance of £45 per night is paid."
)

doc.add_heading("Next steps", level=2)
doc.add_paragraph(
    "Please confirm whether you accept this offer by signing and returning the enclosed copy by "
    "Friday 21 February 2025. If you have any questions about the terms, our HR adviser, Gwen "
    "Tallis, can be reached on 01632 960 418. We will arrange your induction, including a two-day "
    "health and safety course, once we hear from you."
)
doc.add_paragraph(
    "We very much hope you will join us, and I look forward to working with you."
)

doc.add_paragraph("Yours sincerely,")
doc.add_paragraph("\n\nRosalind Achebe-Marr\nDirector of Operations\nBrindlecombe Water Partnership")

doc.add_heading("Acceptance", level=2)
doc.add_paragraph(
    "I accept the offer of employment on the terms set out in this letter."
)
doc.add_paragraph("Signed: ______________________________    Date: ________________")
doc.add_paragraph("Name: Tobias Wrenfield")

doc.save(Path(__file__).resolve().parent.parent / "articles" / "offer.docx")
print("wrote offer.docx")
