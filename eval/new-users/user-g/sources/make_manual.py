"""Write the product manual excerpt as a .docx with python-docx."""
from pathlib import Path

from docx import Document

doc = Document()
doc.core_properties.title = "Brightwell AquaPure 300 Countertop Water Filter - User Manual (excerpt)"
doc.core_properties.author = "Brightwell Home Appliances"

doc.add_heading("Brightwell AquaPure 300 Countertop Water Filter", level=0)
doc.add_paragraph("User Manual, sections 4 to 7. Model AP-300, manual revision C, June 2025.")

doc.add_heading("4. Installing the filter cartridge", level=1)
doc.add_paragraph(
    "The AquaPure 300 is supplied with one FC-30 filter cartridge in a sealed foil bag. "
    "Remove the cartridge from its bag only when you are ready to fit it, because the activated "
    "carbon begins to absorb odours from the air as soon as the bag is opened."
)
for step in [
    "Unplug the unit and lift off the top reservoir by pulling it straight up.",
    "Soak the new cartridge upright in a bowl of cold tap water for 15 minutes to release trapped air.",
    "Push the cartridge firmly into the socket in the base of the reservoir and turn it a quarter turn clockwise until it clicks.",
    "Refit the reservoir, fill it to the MAX line and let the unit run two full tanks through, discarding the water both times.",
    "Press and hold the RESET button for five seconds until the blue indicator flashes three times.",
]:
    doc.add_paragraph(step, style="List Number")
doc.add_paragraph(
    "The first two tanks may look slightly grey. This is harmless carbon dust and is the reason the "
    "water must be discarded."
)

doc.add_heading("5. Everyday use", level=1)
doc.add_paragraph(
    "Fill the top reservoir with cold drinking water from the mains supply. Water passes through the "
    "cartridge by gravity and collects in the lower tank, which holds 3.2 litres of filtered water. "
    "Filtering a full reservoir takes about eight minutes with a new cartridge; as the cartridge ages "
    "the flow slows, and a reservoir taking longer than 20 minutes is a sign that the cartridge should be replaced."
)
doc.add_paragraph(
    "Do not use the AquaPure 300 with water from a private well, a borehole or any source that has not "
    "been treated to drinking-water standard. The filter reduces chlorine, limescale, lead and some "
    "pesticides, but it is not designed to remove bacteria or viruses."
)
doc.add_paragraph(
    "Never fill the reservoir with hot water. Water above 35 °C can damage the ion-exchange resin and "
    "release trapped contaminants back into the filtered water."
)

doc.add_heading("6. The cartridge life indicator", level=1)
doc.add_paragraph(
    "The indicator on the front of the base counts the volume of water filtered since the last reset. "
    "Each FC-30 cartridge is rated for 150 litres, which is about 30 days for a household of three. "
    "The indicator shows blue while more than 20% of the cartridge life remains, amber for the last 20%, "
    "and red when the cartridge is used up. If you live in a hard-water area (above 200 mg/L calcium "
    "carbonate), we recommend changing the cartridge at 100 litres, when the indicator first turns amber."
)
doc.add_paragraph(
    "Replacement FC-30 cartridges are sold in packs of three and six. Used cartridges can be returned "
    "free of charge in the prepaid envelope included with each pack; the carbon is regenerated and the "
    "plastic housing is recycled."
)

doc.add_heading("7. Troubleshooting", level=1)
doc.add_paragraph(
    "Most problems can be solved without contacting us. Check the table below before calling the helpline."
)
rows = [
    ("Problem", "Likely cause", "What to do"),
    ("Water drips very slowly or not at all", "Air lock in a new cartridge", "Remove the cartridge, soak it for another 15 minutes and refit it."),
    ("Filtered water tastes of plastic", "New unit not rinsed", "Wash both tanks in warm soapy water and run three more tanks through."),
    ("Indicator does not light up", "Battery flat", "Replace the CR2032 coin cell under the base cover."),
    ("Indicator stays red after a new cartridge", "Counter not reset", "Hold RESET for five seconds until the light flashes three times."),
    ("Black specks in the water", "Carbon fines from a damaged cartridge", "Replace the cartridge and discard the water in the lower tank."),
    ("Water overflows onto the worktop", "Lower tank already full when refilling", "Empty the lower tank before filling the reservoir again."),
]
table = doc.add_table(rows=0, cols=3)
table.style = "Table Grid"
for r in rows:
    cells = table.add_row().cells
    for c, text in zip(cells, r):
        c.text = text

doc.add_paragraph(
    "If the problem persists, contact Brightwell Customer Care on 0800 046 7712 (Monday to Saturday, "
    "9am to 5pm) or through the support page. Please have the serial number ready; it is printed on a "
    "silver label under the base and begins with AP3."
)
doc.add_paragraph(
    "The AquaPure 300 is covered by a two-year guarantee from the date of purchase. The guarantee does "
    "not cover filter cartridges, damage caused by hot water, or units used with untreated water."
)

doc.save(Path(__file__).resolve().parent.parent / "articles" / "product-manual.docx")
print("written")
