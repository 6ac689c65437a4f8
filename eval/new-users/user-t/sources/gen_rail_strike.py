"""Writes rail-strike.html next to this script and prints it to ../articles/rail-strike.pdf with Chromium."""
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "rail-strike.html"
OUT = HERE.parent / "articles" / "rail-strike.pdf"

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Rail workers to strike for 48 hours as pay talks collapse</title>
<style>
  body { font-family: Georgia, serif; font-size: 12pt; line-height: 1.45; margin: 2cm 2.2cm; color: #111; }
  .kicker { font-family: Arial, sans-serif; text-transform: uppercase; color: #b00; font-size: 10pt; letter-spacing: 1px; }
  h1 { font-size: 24pt; margin: 4px 0 8px; line-height: 1.15; }
  .standfirst { font-size: 14pt; color: #333; margin-bottom: 10px; }
  .byline { font-family: Arial, sans-serif; font-size: 10pt; color: #444; }
  figure { margin: 14px 0; }
  .photo { width: 100%; height: 190px; background: #8a8f96; }
  figcaption { font-family: Arial, sans-serif; font-size: 9pt; color: #555; margin-top: 4px; }
  blockquote.pull { font-size: 17pt; font-style: italic; border-left: 5px solid #b00; margin: 16px 0; padding: 4px 16px; color: #222; }
  blockquote.pull cite { display: block; font-size: 10pt; font-style: normal; font-family: Arial, sans-serif; margin-top: 6px; }
  h2 { font-size: 15pt; margin-top: 18px; }
  p { text-align: justify; margin: 0 0 9px; }
</style>
</head>
<body>
<p class="kicker">Transport</p>
<h1>Rail workers to strike for 48 hours as pay talks collapse</h1>
<p class="standfirst">Drivers and guards on Western Pennine Railways will walk out next month after rejecting a 4.5% offer</p>
<p class="byline">By Nadia Trelawney, Transport Correspondent<br>Published Wednesday 29 May 2024</p>

<figure>
  <div class="photo"></div>
  <figcaption>Pickets outside Kelsby Central station during April's one-day walkout. Photograph: Owen Marchbank</figcaption>
</figure>

<p><strong>KELSBY, 29 May</strong> &mdash; Train drivers and guards on Western Pennine Railways are to stage a
48-hour strike on Friday 14 and Saturday 15 June after talks over pay and working conditions broke
down late on Tuesday night.</p>

<p>The United Rail Workers' Federation (URWF), which represents about 4,300 staff at the operator,
said its members had rejected a two-year deal worth 4.5% in the first year and 3% in the second. The
union is asking for 7% backdated to April, in line with what it says drivers at neighbouring
operators have received.</p>

<p>Members backed industrial action by 88% on a turnout of 71% in a ballot that closed on 9 May. It
will be the second walkout on the network this spring, following a one-day stoppage on 19 April that
left most stations across the region without a single train.</p>

<p>Brendan Oyelaran, the URWF general secretary, said the company had &ldquo;walked away from the table at
the moment a deal was in sight&rdquo;. He added: &ldquo;Nobody wants to lose two days&rsquo; pay, but our members have
been given no choice. This offer would leave a guard with twenty years&rsquo; service worse off in real terms
than in 2019.&rdquo;</p>

<blockquote class="pull">&ldquo;We cannot pay for a settlement by cutting the services that passengers rely on.&rdquo;
<cite>Clarissa Wendover, managing director, Western Pennine Railways</cite></blockquote>

<h2>Timetable cut to a fifth</h2>

<p>Western Pennine Railways said it would run about one train in five on the two strike days, using
managers who are qualified to drive. Services will be concentrated on the main line between Kelsby and
Harrowgate Spa, with trains every hour from 7am until 7pm. There will be no service at all on the
Skelwith Valley line or on the coastal branch to Port Ancrum.</p>

<p>Passengers holding tickets for 14 or 15 June can use them on the day before or up to two days after
the strike, or claim a full refund from the ticket office where they bought them. Season ticket
holders will be compensated through the operator&rsquo;s Delay Repay scheme.</p>

<p>Clarissa Wendover, the operator&rsquo;s managing director, said the offer was &ldquo;fair and affordable&rdquo;
and that the company had lost &pound;11 million in revenue since the dispute began in February. She said
the union&rsquo;s demand would add &pound;23 million a year to the wage bill at a time when passenger numbers
were still 12% below their level before the pandemic.</p>

<p>&ldquo;We cannot pay for a settlement by cutting the services that passengers rely on,&rdquo; Ms Wendover said.
&ldquo;Our door remains open, and I would urge the URWF to put this offer to its members in a referendum.&rdquo;</p>

<h2>Businesses count the cost</h2>

<p>Traders in Harrowgate Spa said the April strike had cost them dearly. Lorna Pickering, who chairs the
town&rsquo;s Chamber of Trade, said footfall in the high street fell by almost a third on the day.
&ldquo;Saturday is our busiest day of the week, and June is the start of the tourist season,&rdquo; she said.
&ldquo;A weekend strike is the worst possible timing for us.&rdquo;</p>

<p>The regional transport authority, Pennine Connect, said it would lay on extra buses between Kelsby and
Harrowgate Spa on both days. Its chair, Councillor Hamid Rasheed, urged both sides to return to the
conciliation service Acas before the strike dates.</p>

<p>Acas confirmed it had offered to host fresh talks but said no date had been agreed. The URWF said a
further ballot for action short of a strike, including an overtime ban, would open on 3 June.</p>
</body>
</html>
"""

SRC.write_text(PAGE, encoding="utf-8")
OUT.parent.mkdir(parents=True, exist_ok=True)
subprocess.run([
    "/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
    f"--print-to-pdf={OUT}", SRC.as_uri(),
], check=True)
print("wrote", SRC, "and", OUT)
