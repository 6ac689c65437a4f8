"""Writes ../articles/brackenfield-takeover.docx with python-docx: a takeover story with a table of key figures."""
from pathlib import Path

from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "articles" / "brackenfield-takeover.docx"

TITLE = "Brackenfield Foods agrees £1.2bn takeover by US buyout firm Sterling Oak"
STANDFIRST = ("Family-founded pie and pudding maker backs 415p-a-share offer, "
              "but unions seek guarantees over jobs")
BYLINE = "By Fiona Haldane, Business Reporter"
DATE = "Thursday 5 September 2024"

PARAS_1 = [
    "Brackenfield Foods, the maker of Hollin's pies and Old Mill puddings, has agreed to be bought by the "
    "American private equity firm Sterling Oak Capital in a deal that values the company at £1.2 billion.",
    "The board said on Thursday that it would recommend the cash offer of 415p a share to investors. The "
    "price is a premium of 38% to Brackenfield's closing share price of 301p on 3 September, the last "
    "day of trading before Sterling Oak's interest was made public.",
    "Shares in the company jumped 34% to 403p in morning trading, the biggest one-day rise in its history.",
    "Including debt, the deal gives Brackenfield an enterprise value of about £1.55 billion. Sterling "
    "Oak, which manages about $38 billion of assets, has already secured the "
    "support of shareholders with 29% of the shares, including the founding Hollin family.",
    "Sir Nigel Ambrose, Brackenfield's chairman, said the offer \"reflects the quality of our brands and "
    "the long-term prospects of the business\". He said the board had rejected two earlier approaches, "
    "at 360p and 390p, in July before agreeing terms.",
]

HEADING_2 = "Promises on jobs and headquarters"

PARAS_2 = [
    "Sterling Oak said it would keep Brackenfield's headquarters in Ashby Wold and had no plans to close "
    "any of its four factories in the next two years. The company employs 6,200 people, most of them at "
    "its sites in Ashby Wold, Corrington and Lessing Bridge.",
    "Harriet Lowell, Brackenfield's chief executive, will stay on to run the business. \"Sterling Oak "
    "shares our view that Brackenfield can grow much faster as a private company,\" she said. \"They "
    "have the capital to help us build a new bakery and expand into Europe.\"",
    "The Bakers and Allied Workers' Union said it would seek written guarantees. Its regional officer, "
    "Declan Muir, said: \"We have heard promises like these before. Two years is not long, and we want "
    "them in writing and binding on any future owner.\"",
]

HEADING_3 = "Key figures"

TABLE = [
    ("Item", "Figure"),
    ("Offer price per share", "415p"),
    ("Premium to undisturbed price", "38%"),
    ("Equity value", "£1.2bn"),
    ("Enterprise value (including debt)", "£1.55bn"),
    ("Employees", "6,200"),
    ("Factories", "4"),
    ("Revenue, year to March 2024", "£842m"),
    ("Pre-tax profit, year to March 2024", "£71m"),
    ("Expected completion", "First quarter of 2025"),
]

HEADING_4 = "What happens next"

PARAS_3 = [
    "The deal needs the approval of 75% of the shares voted at a court meeting, expected in late "
    "October, as well as clearance from the competition regulator. Brackenfield said it expected the "
    "takeover to be completed in the first quarter of 2025, after which its shares would be removed "
    "from the London stock market.",
    "Analysts at the broker Fennick Rowe said the price was fair but not generous. \"Brackenfield has "
    "had a tough two years, with flour and energy costs squeezing its margins,\" said Oliver Mackintosh, "
    "a food sector analyst. \"Sterling Oak is buying a strong set of brands at a point when the profits "
    "are near the bottom of the cycle.\"",
    "The takeover is the latest in a string of British food companies to be bought by overseas private "
    "equity firms this year. Brackenfield was founded in 1946 by Arthur Hollin, who sold pies from a "
    "handcart in Ashby Wold market, and floated on the stock market in 1988.",
    "Under the terms of the deal, Brackenfield shareholders will also receive the final dividend of "
    "6.2p a share that was announced in June.",
]


def main() -> None:
    doc = Document()
    doc.core_properties.title = TITLE
    doc.core_properties.author = "Fiona Haldane"
    doc.add_heading(TITLE, level=1)
    p = doc.add_paragraph(STANDFIRST)
    p.runs[0].italic = True
    doc.add_paragraph(BYLINE)
    doc.add_paragraph(DATE)
    for t in PARAS_1:
        doc.add_paragraph(t)
    doc.add_heading(HEADING_2, level=2)
    for t in PARAS_2:
        doc.add_paragraph(t)
    doc.add_heading(HEADING_3, level=2)
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for i, (a, b) in enumerate(TABLE):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = a, b
        if i == 0:
            for c in cells:
                c.paragraphs[0].runs[0].bold = True
    doc.add_heading(HEADING_4, level=2)
    for t in PARAS_3:
        doc.add_paragraph(t)
    for para in doc.paragraphs:
        for r in para.runs:
            r.font.size = Pt(11)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc.save(OUT)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
