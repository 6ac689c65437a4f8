"""Build the residential lease agreement .docx with python-docx."""
from pathlib import Path

from docx import Document
from docx.shared import Pt

OUT = str(Path(__file__).resolve().parent.parent / "articles" / "lease-14b-tanners-row.docx")

TITLE = "Assured Shorthold Tenancy Agreement"
INTRO = ("This agreement is made on 12 August 2025 between the landlord and the tenant named below "
         "for the letting of the property described in clause 2. Please read every clause carefully "
         "before signing.")

CLAUSES = [
    ("Parties",
     ["The landlord is Priyanka Hollis of 3 Fernleigh Avenue, Elmbridge, EB2 5RT.",
      "The tenant is Dmitri Osei, currently of 27 Gaskell Street, Marbury."]),
    ("The property",
     ["The property is the first-floor flat known as 14B Tanner's Row, Elmbridge, EB1 4LN, together with "
      "the use of the shared rear garden and one allocated bicycle space in the communal store.",
      "The flat is let furnished, as set out in the inventory signed by both parties at check-in."]),
    ("Term",
     ["The tenancy is for a fixed term of 12 months, beginning on 1 September 2025 and ending on 31 August 2026.",
      "Either party may end the tenancy after the first six months by giving the other at least two months' "
      "notice in writing."]),
    ("Rent",
     ["The rent is £1,150 per calendar month, payable in advance on the first day of each month by standing "
      "order to the landlord's nominated account.",
      "If the rent is more than 14 days late, the landlord may charge interest at 3% above the Bank of England "
      "base rate on the overdue amount."]),
    ("Deposit",
     ["The tenant shall pay a security deposit of £1,327, equal to five weeks' rent.",
      "The landlord will protect the deposit with the Safeguard Deposit Scheme within 30 days of receiving it "
      "and will give the tenant the prescribed information about the scheme."]),
    ("Payments due before the tenancy starts",
     ["The following sums are due before the keys are released. The holding deposit already paid will be "
      "credited against the first month's rent."]),
    ("Bills and council tax",
     ["The tenant is responsible for council tax, gas, electricity, broadband and the television licence.",
      "Water and sewerage charges are included in the rent and will be paid by the landlord."]),
    ("Repairs and maintenance",
     ["The landlord is responsible for repairs to the structure and exterior of the building, and for keeping "
      "the boiler, plumbing and wiring in working order.",
      "The tenant must report any leak, damp or fault to the landlord within 48 hours of noticing it.",
      "The boiler will be serviced once a year by a Gas Safe registered engineer, and the landlord will give "
      "the tenant at least 24 hours' notice of any visit."]),
    ("Pets and smoking",
     ["The tenant may keep one cat at the property, with the landlord's written consent already given, "
      "provided that any damage caused by the animal is made good.",
      "No other animals may be kept. Smoking and vaping are not permitted anywhere inside the flat."]),
    ("Guarantor",
     ["Mrs Adaeze Osei of 27 Gaskell Street, Marbury, the tenant's mother, guarantees the payment of the rent "
      "and the tenant's other obligations under this agreement for the whole of the fixed term."]),
    ("Signatures",
     ["Signed by the landlord, Priyanka Hollis, and by the tenant, Dmitri Osei, in the presence of a witness."]),
]

PAYMENTS = [
    ("Payment", "Amount", "Due date"),
    ("Holding deposit", "£265", "Paid 5 August 2025"),
    ("Security deposit", "£1,327", "15 August 2025"),
    ("First month's rent (less holding deposit)", "£885", "15 August 2025"),
    ("Total due on 15 August 2025", "£2,212", ""),
]


def build():
    doc = Document()
    doc.core_properties.title = TITLE
    doc.core_properties.author = "Priyanka Hollis"
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_heading(TITLE, level=0)
    doc.add_paragraph(INTRO)
    for i, (heading, paras) in enumerate(CLAUSES, 1):
        doc.add_heading(f"{i}. {heading}", level=2)
        for j, p in enumerate(paras, 1):
            doc.add_paragraph(f"{i}.{j} {p}")
        if heading.startswith("Payments due"):
            table = doc.add_table(rows=len(PAYMENTS), cols=3)
            table.style = "Table Grid"
            for r, row in enumerate(PAYMENTS):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    doc.save(OUT)


def plain_text():
    """All the text of the document, for checking question answers."""
    parts = [TITLE, INTRO]
    for i, (heading, paras) in enumerate(CLAUSES, 1):
        parts.append(f"{i}. {heading}")
        parts += [f"{i}.{j} {p}" for j, p in enumerate(paras, 1)]
        if heading.startswith("Payments due"):
            parts += [" | ".join(r) for r in PAYMENTS]
    return "\n".join(parts)


if __name__ == "__main__":
    build()
    print(len(plain_text().split()), "words")
