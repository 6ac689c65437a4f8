from docx import Document

d = Document()
d.add_heading("Tollerby Community Garden Association: Minutes of the Committee Meeting", 1)
d.add_paragraph("Held on Tuesday 18 February 2025 at 7pm in the Tollerby Village Hall, Room 2.")
d.add_paragraph("Present: Beatrice Hollins (chair), Omar Qureshi (treasurer), Lydia Fenn (secretary), Graham Tully, Priya Nair, Colin Ashdown. Apologies: Stella Marr.")
d.add_heading("1. Minutes of the previous meeting", 2)
d.add_paragraph("The minutes of the January meeting were approved without changes. Proposed by Graham Tully, seconded by Priya Nair.")
d.add_heading("2. Treasurer's report", 2)
d.add_paragraph("Omar Qureshi reported that the association had £4,812 in its bank account at the end of January. Plot rents for the new season brought in £2,340, and the winter plant sale raised £618. The largest expense of the quarter was the repair of the polytunnel roof, which cost £1,150.")
d.add_paragraph("The treasurer proposed raising the annual rent for a full plot from £45 to £50, the first increase since 2019. Half plots would rise from £25 to £28. After discussion, the committee agreed to the increase by five votes to one, with Colin Ashdown voting against.")
d.add_heading("3. Plot allocations", 2)
d.add_paragraph("Lydia Fenn reported that all 36 plots are now let and that the waiting list has grown to 21 names. The following changes were agreed for the coming season:")
t = d.add_table(rows=1, cols=3)
t.style = "Table Grid"
h = t.rows[0].cells
h[0].text, h[1].text, h[2].text = "Plot", "Outgoing holder", "New holder"
for row in [("7", "Derek Loame", "Hannah Cole"), ("12", "Sunita Rao", "Marcus Webb"), ("23", "vacant", "Elsie and Tom Fairclough"), ("31", "Bill Prentice", "Agnieszka Nowak")]:
    c = t.add_row().cells
    for i, v in enumerate(row):
        c[i].text = v
d.add_paragraph("")
d.add_paragraph("Plot 12 will be split into two half plots from next year if the waiting list stays above twenty.")
d.add_heading("4. Water supply", 2)
d.add_paragraph("Graham Tully reported that the main water tap near the shed froze and split during the cold spell in January. A plumber, Ken Morley, has quoted £380 to replace it with a frost-proof standpipe. The committee approved the spending. Graham will also apply to the water company for a rainwater harvesting grant of up to £500 to fund two new 1,000-litre tanks.")
d.add_heading("5. Open day", 2)
d.add_paragraph("The annual open day will be held on Sunday 15 June from 11am to 4pm. Priya Nair will organise a seed swap and a children's scarecrow competition. The committee agreed to invite the Tollerby Brass Band to play, at a fee of £150. Volunteers are needed to run the tea tent.")
d.add_heading("6. Any other business", 2)
d.add_paragraph("Colin Ashdown raised complaints about a bonfire on plot 19 in December. The chair reminded members that bonfires are only allowed between October and March and must be out by dusk. A reminder will go in the spring newsletter.")
d.add_paragraph("Beatrice Hollins announced that she will stand down as chair at the annual general meeting in April after six years in the role.")
d.add_paragraph("The meeting closed at 8.40pm. The next committee meeting will be held on Tuesday 18 March.")
d.save("../articles/tollerby-garden-minutes.docx")
