"""Writes ../articles/valdrin-transfer.txt: a football transfer story as plain text."""
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "articles" / "valdrin-transfer.txt"

TEXT = """Northbury Rovers smash club record to sign Valdrin from Halvergate

By Callum Threlfall, Chief Football Writer

NORTHBURY, Tuesday 6 August 2024

Northbury Rovers have broken their transfer record to sign striker Mateus Valdrin from Halvergate Athletic in a deal worth an initial £38 million that could rise to £45m with add-ons.

The forward, who finished as the division's second-highest scorer last season with 24 league goals, completed a medical at Rovers' Cresswick training ground on Monday evening and signed a five-year contract, with the club holding an option for a further year.

The fee comfortably beats the £27.5m Rovers paid for midfielder Jonah Ekwueme two summers ago, and makes Valdrin the most expensive player ever sold by Halvergate. The selling club has also secured a 15% sell-on clause, meaning it would receive a share of any profit if Rovers sell him in future.

Valdrin will wear the number nine shirt, which has been vacant since the club captain, Elias Brandtner, retired in May.

"This is a club with huge ambition and a manager who wants to play on the front foot," Valdrin told the club's media channel. "As soon as I spoke to the coach I knew this was the right place for me. I cannot wait to hear the supporters at the Lantern Road Stadium."

A long chase

Rovers first made an approach in January, when Halvergate rejected a bid of £30m and insisted their top scorer was not for sale. Northbury returned with an improved offer last week after their manager, Lars Oberholt, made the striker his priority for the summer.

Oberholt, who took charge in March after the sacking of Terry Coldwell, said he had watched Valdrin "at least fifteen times" last season. "He presses, he runs in behind and he finishes with both feet," he said. "We scored only 39 goals last season. That is not enough for a club that wants to finish in the top six."

The deal was held up for several days over the structure of the add-ons, which are understood to be linked to appearances, goals and European qualification. Halvergate's chief executive, Priya Sandhu, flew to Northbury on Sunday to finalise the terms with the Rovers sporting director, Anders Lykke.

In a statement, Halvergate thanked Valdrin for "three outstanding seasons" in which he scored 61 goals in 118 appearances in all competitions, and said the money would be reinvested in the squad. The club is already in talks to bring in a replacement, with a decision expected before the transfer window closes on 30 August.

Fans divided

Not every Halvergate supporter was sorry to see the striker go. Valdrin missed a penalty in the play-off semi-final defeat by Ossington Town in May and was booed by a section of the crowd when he was substituted in the second leg.

Graham Pettigrew, chair of the Halvergate Supporters' Trust, said the fee was "too good to turn down" but warned that the board "must not sit on the money". He said: "We have been told for years that selling our best players is how we build. Now we want to see the building."

At Northbury, season-ticket sales rose by more than 800 in the 24 hours after the club confirmed that terms had been agreed, according to the club's commercial director.

Valdrin could make his debut in Saturday's opening league game away at Ferrisham United. Oberholt said he would decide after Thursday's training session whether the striker was fit enough to start, having missed most of pre-season while the transfer was negotiated.

Rovers are also expected to complete the loan signing of the Portuguese goalkeeper Tiago Sereno before the weekend, which would take the club's summer spending past £60m for the first time.
"""

OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text(TEXT, encoding="utf-8")
print("wrote", OUT)
