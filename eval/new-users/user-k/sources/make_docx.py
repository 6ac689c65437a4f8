from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent
paras = [
("h", "Warranty claim decision"),
("p", "Thornbury Home Appliances Ltd, Customer Care Centre, Unit 5 Kingsway Business Park, Rotherfield, RF2 8QA"),
("p", "Mrs Eleanor Whitcombe\n27 Linden Avenue\nBarnstow\nBW6 3HJ"),
("p", "18 August 2025"),
("p", "Our reference: TWC-558190"),
("p", "Dear Mrs Whitcombe,"),
("p", "Re: Thornbury AquaClean 9 washing machine, model WM9140, serial number 4412A0987"),
("p", "Thank you for contacting us on 4 August 2025 to report that your washing machine stops part-way through the spin cycle and shows the error code E21. I am writing to confirm the outcome of your warranty claim."),
("p", "Our records show that the machine was bought from Corrigan Electrical in Barnstow on 2 November 2022 for £549.00 and registered with us on 9 November 2022. It is therefore covered by our five-year parts and labour warranty, which runs until 1 November 2027. The first two years of this warranty are our standard guarantee, and the remaining three years were added free of charge because you registered the product within 28 days of purchase."),
("p", "Our engineer, Mr Tomasz Nowicki, visited your home on 12 August 2025. He found that the drain pump had failed and that a sock had caused damage to the pump filter housing. Under the terms of the warranty, the failure of the drain pump is a manufacturing fault and will be repaired free of charge. The damage to the filter housing, however, was caused by a foreign object and is not covered. We are nevertheless prepared to replace the filter housing as a gesture of goodwill, on this occasion only."),
("p", "Mr Nowicki will return to fit both parts on Tuesday 26 August 2025, between 8am and 1pm. There will be no charge for the visit, the parts or the labour. If this date is not convenient, please call our Customer Care Centre on 0800 046 7713, which is open from 8am to 8pm Monday to Friday and from 9am to 5pm on Saturdays."),
("p", "Please note that the warranty does not cover:"),
("l", "damage caused by foreign objects such as coins, underwired bras or socks, except as agreed above;"),
("l", "limescale damage in hard water areas where a water softener or descaler has not been used;"),
("l", "consumable items such as door seals and filters after the first 12 months;"),
("l", "machines used for commercial purposes, for example in a launderette or holiday let."),
("p", "To help avoid a repeat of this problem, we recommend cleaning the pump filter every three months. Instructions are on page 31 of your user manual, which can also be downloaded from our website."),
("p", "You also asked whether you could have a refund instead of a repair. Because the machine is more than 30 days old and can be repaired within a reasonable time, we are not able to offer a refund. If the same fault occurs again within the warranty period and cannot be repaired, we will offer you a replacement machine of the same or a higher specification."),
("p", "I am sorry for the inconvenience you have experienced, and as an apology we are sending you a £25 voucher that can be used on our online shop until 31 December 2025."),
("p", "If you are unhappy with this decision, you may ask for it to be reviewed by our Complaints Manager, Ms Fiona Gallacher, by writing to the address above within 8 weeks. You may also refer the matter to the Appliance Standards Ombudsman once our review is complete."),
("p", "Yours sincerely,"),
("p", "Jonathan Pryce\nWarranty Claims Supervisor\nThornbury Home Appliances Ltd"),
]
d = docx.Document()
d.core_properties.title = "Warranty claim decision TWC-558190"
text = []
for kind, t in paras:
    if kind == "h":
        d.add_heading(t, level=1)
    elif kind == "l":
        d.add_paragraph(t, style="List Bullet")
    else:
        d.add_paragraph(t)
    text.append(t)
# small table
tb = d.add_table(rows=1, cols=2)
tb.rows[0].cells[0].text = "Item"
tb.rows[0].cells[1].text = "Cost to you"
for a, b in [("Drain pump (part WM-DP220)", "£0.00"), ("Filter housing (goodwill)", "£0.00"), ("Engineer visits (2)", "£0.00")]:
    r = tb.add_row()
    r.cells[0].text = a
    r.cells[1].text = b
    text.append(a + " | " + b)
d.save(HERE.parent / "articles" / "warranty-letter.docx")
(HERE / "warranty-letter.txt").write_text("\n\n".join(text))
print(len(" ".join(text).split()))
