"""Write the podcast transcript as ../articles/ledger-and-loaf-ep47-transcript.txt."""
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "articles" / "ledger-and-loaf-ep47-transcript.txt"

TEXT = """Ledger & Loaf - Episode 47: "Never sign the second lease on a Friday"
Transcript (auto-generated, lightly edited)

[00:00:04] PRIYA: Hello and welcome to Ledger & Loaf, the podcast about the money side of running a small food business. I'm Priya Ramsbottom. This week I'm in a very warm back room in Wexley, sitting on a sack of rye flour, with Colm Eastwood, who runs Three Hares Bakery. Colm, welcome.

[00:00:19] COLM: Thanks for having me. Sorry about the sack. It's the only seat that doesn't wobble.

[00:00:24] PRIYA: It's very comfortable. So, start at the beginning. When did Three Hares open?

[00:00:29] COLM: We opened the doors in March 2019. Before that I was a quantity surveyor for eleven years, which sounds like the opposite of baking, but honestly the spreadsheets have been more useful than the romance.

[00:00:42] PRIYA: And how big is the business now?

[00:00:45] COLM: There are eleven of us, including me. Four bakers, five on the shop counter, one delivery driver, and Nadia, who does the books two days a week and keeps me honest.

[00:00:57] PRIYA: What time does your day start?

[00:01:00] COLM: The ovens go on at four in the morning. The first bake is the country sourdough, because it needs the longest in the oven, then baguettes, then the pastries. We open the shop at half seven.

[00:01:14] PRIYA: Let's talk about the sourdough, because that's what people queue for. What do you charge for a loaf?

[00:01:19] COLM: A large country loaf is four pounds eighty. It went up from four twenty last spring. I agonised over that forty pence for about a month.

[00:01:28] PRIYA: Why did it go up?

[00:01:31] COLM: Flour and energy, mostly. Our flour comes from Hollins Mill, a water mill about twenty miles away in Dunmore, and their price went up by almost a third in eighteen months. Then our electricity contract renewed at nearly double. I could either shave the loaf or charge for it, and I'm not making a smaller loaf.

[00:01:51] PRIYA: Did you lose customers?

[00:01:53] COLM: We lost a few for a couple of weeks. Most came back. What actually helped was explaining it. We put a little chalkboard by the till that said exactly where the forty pence goes. People respond to being told the truth.

[00:02:08] PRIYA: Now, the title of this episode comes from something you said to me before we started recording. Tell listeners about the second shop.

[00:02:15] COLM: (laughs) Right. In 2022 things were going well, and I signed a lease on a second shop in Carrow Street in Halverton. I signed it on a Friday afternoon, in a great mood, without getting a solicitor to read the repair clause properly.

[00:02:31] PRIYA: What was in the repair clause?

[00:02:33] COLM: It made us responsible for the roof. A flat roof, which, it turns out, leaked. The bill was eighteen thousand pounds, and that was before we'd sold a single croissant. We kept the shop open for fourteen months and then closed it. I'd say it cost us about forty thousand all in, once you add the fit-out.

[00:02:52] PRIYA: That's a painful number for a bakery.

[00:02:55] COLM: It wiped out two years of profit. Hence the rule: never sign the second lease on a Friday. Sleep on it, pay a solicitor, read every clause that has the word "repair" in it.

[00:03:07] PRIYA: What would you tell someone thinking of opening a bakery now?

[00:03:11] COLM: Know your cost per loaf to the penny before you set a price. Ours is one pound ninety-five for the sourdough, including labour. And keep three months of wages in a separate account. That's what got us through the roof business.

[00:03:25] PRIYA: Do you sell anywhere other than the shop?

[00:03:28] COLM: We supply six cafes around Wexley and we have a stall at Halverton farmers' market on the second Saturday of every month. Wholesale is about a third of our turnover now. The margin is thinner, but it's steady and it keeps the ovens full on quiet days.

[00:03:44] PRIYA: And what's next for Three Hares?

[00:03:47] COLM: We're starting bread-making classes in the new year, on Sunday mornings, twelve people at a time. And I'd like to get the bakery to use one hundred per cent renewable electricity by 2027. But no second shop. Not yet, anyway.

[00:04:01] PRIYA: Colm Eastwood, thank you so much.

[00:04:03] COLM: Thank you. Mind the sack on your way out.

[00:04:06] PRIYA: That's it for this week. Ledger & Loaf is produced by Tamsin Achebe-Lowe. Next week we'll be talking about VAT on hot food with accountant Joel Strachan. See you then.
"""

OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text(TEXT, encoding="utf-8")
print("wrote", OUT)
