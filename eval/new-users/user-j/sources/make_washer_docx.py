from pathlib import Path

from docx import Document

d = Document()
d.core_properties.title = "Kelmarsh WM8420 Washing Machine: Warranty and Care Guide"
d.add_heading("Kelmarsh WM8420 Washing Machine", 0)
d.add_paragraph("Warranty and Care Guide for the 8 kg, 1400 spin front-loading washing machine")

d.add_heading("Your warranty", 1)
d.add_paragraph(
    "Your Kelmarsh WM8420 comes with a two-year manufacturer's guarantee covering parts and labour "
    "from the date of purchase. If you register the machine online within 60 days of buying it, "
    "we extend the guarantee on the inverter motor to ten years. The motor extension covers the part "
    "only; labour for fitting a replacement motor after the second year is charged at a fixed fee of £79.")
d.add_paragraph(
    "The guarantee applies only to machines bought new in the United Kingdom from an authorised "
    "retailer and used in a private household. It does not cover damage caused by incorrect "
    "installation, foreign objects such as coins or underwired bras, limescale, frost, or use of "
    "the wrong detergent. Consumable parts, including the door seal and the filter cap, are covered "
    "for six months only.")
d.add_paragraph(
    "To make a claim, call Kelmarsh Customer Care on 0345 602 3390 (Monday to Saturday, 8am to 6pm) "
    "and have your proof of purchase and the serial number ready. The serial number is printed on a "
    "silver label inside the door rim. An engineer will normally visit within five working days.")

d.add_heading("Before the first wash", 1)
for step in [
    "Remove the three transit bolts from the back of the machine with the spanner supplied, and fit the plastic caps over the holes. Keep the bolts in case you move house.",
    "Check that the machine is level by placing a spirit level on the top, and adjust the front feet if needed.",
    "Turn on the cold water tap and check the inlet hose for leaks.",
    "Run the Drum Clean programme at 90°C with no laundry and no detergent, to wash out any oil left from manufacture.",
]:
    d.add_paragraph(step, style="List Number")

d.add_heading("Cleaning the drain pump filter", 1)
d.add_paragraph(
    "Clean the drain pump filter every three months, or straight away if the machine shows error E03. "
    "The filter is behind the small flap at the bottom right of the front panel.")
for step in [
    "Switch the machine off at the wall and wait until the water inside has cooled.",
    "Place a shallow tray and an old towel under the flap; up to two litres of water may come out.",
    "Open the flap and pull out the small black emergency drain hose. Remove its plug and let the water run into the tray.",
    "Turn the filter cap anticlockwise and pull it out slowly.",
    "Rinse the filter under a running tap and remove any fluff, hair or coins.",
    "Screw the filter back in firmly, clockwise, until the handle is upright, then replace the hose plug and close the flap.",
]:
    d.add_paragraph(step, style="List Number")

d.add_heading("Everyday care", 1)
d.add_paragraph(
    "Leave the door and the detergent drawer slightly open after each wash so that the drum can dry out. "
    "Wipe the rubber door seal with a dry cloth once a week, paying attention to the fold at the bottom "
    "where water collects. Run Drum Clean once a month; the display shows a drum symbol as a reminder "
    "after every 40 washes. Pull the detergent drawer out fully by pressing the blue release catch, "
    "and wash it in warm water when you see a build-up of powder.")
d.add_paragraph(
    "Use no more than the amount of detergent recommended on the packet for soft water. Too much "
    "detergent leaves residue in the seal and can cause a musty smell.")

d.add_heading("Error codes", 1)
d.add_paragraph("If the display shows one of these codes, try the suggested fix before calling us.")
rows = [
    ("Code", "Meaning", "What to do"),
    ("E01", "Door not locked", "Close the door firmly until it clicks and restart the programme."),
    ("E02", "Water not filling", "Check that the tap is on and the inlet hose is not kinked."),
    ("E03", "Water not draining", "Clean the drain pump filter and check the drain hose."),
    ("E05", "Water not heating", "Switch off for ten minutes and restart; if it happens again, call Customer Care."),
    ("E08", "Load out of balance", "Redistribute the laundry or add a few more items, then restart."),
    ("E21", "Too much foam", "Run a rinse-only cycle and use less detergent next time."),
    ("F13", "Motor fault", "Do not use the machine; call Customer Care."),
]
t = d.add_table(rows=len(rows), cols=3)
t.style = "Table Grid"
for i, r in enumerate(rows):
    for j, c in enumerate(r):
        t.cell(i, j).text = c

d.add_heading("Child lock", 1)
d.add_paragraph(
    "To stop children changing a programme, press and hold the Temp and Spin buttons together for "
    "three seconds until a padlock appears on the display. Do the same to unlock it. The child lock "
    "stays on after the programme ends, until you turn it off.")

d.add_paragraph(
    "Kelmarsh Appliances Ltd, Unit 9, Calder Park, Wakefield WF2 7AW. Registered in England, company number 05521987.")
d.save(Path(__file__).resolve().parent.parent / "articles" / "washing-machine-guide.docx")
