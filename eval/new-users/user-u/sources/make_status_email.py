"""Write the project status report email as ../articles/kingfisher-status-week-41.htm (Windows-1252)."""
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "articles" / "kingfisher-status-week-41.htm"

PAGE = """<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<meta name="Generator" content="Microsoft Word 15 (filtered medium)">
<title>Project Kingfisher – status report, week 41</title>
<style>
p.MsoNormal, li.MsoNormal { margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif; }
.hdr { font-size:10.0pt; font-family:"Segoe UI",sans-serif; color:#333; }
table.rag td { border:1px solid #999; padding:3px 6px; }
</style>
</head>
<body lang="EN-GB">
<div class="WordSection1">
<p class="hdr"><b>From:</b> Hannelore Quist &lt;h.quist@brightmoor-logistics.co.uk&gt;<br>
<b>Sent:</b> Friday, 10 October 2025 16:42<br>
<b>To:</b> Kingfisher Project Team &lt;kingfisher-team@brightmoor-logistics.co.uk&gt;<br>
<b>Cc:</b> Everton Mabuza &lt;e.mabuza@brightmoor-logistics.co.uk&gt;<br>
<b>Subject:</b> Project Kingfisher – weekly status report (week 41)</p>
<p class="MsoNormal">&nbsp;</p>
<p class="MsoNormal">Hi all,</p>
<p class="MsoNormal">&nbsp;</p>
<p class="MsoNormal">Here’s this week’s update on Kingfisher, the replacement of our warehouse management system at the Sandcross and Ellerby depots. Overall status is <b>amber</b>: we’re still aiming for the go-live date, but the data migration has slipped and we’ve used most of our contingency.</p>
<p class="MsoNormal">&nbsp;</p>
<p class="MsoNormal"><b>Headlines</b></p>
<ul>
<li class="MsoNormal">User acceptance testing at Sandcross finished on Tuesday with 212 of 230 test scripts passed. The 18 failures are all in returns processing and have been logged with Corvane, the software supplier.</li>
<li class="MsoNormal">The handheld scanners (146 units) arrived on 6 October and are being configured by Ravi Ondaatje’s team.</li>
<li class="MsoNormal">Spend to date is £612,400 against a total budget of £780,000, which is 78.5% of the budget with roughly 60% of the work complete.</li>
</ul>
<p class="MsoNormal">&nbsp;</p>
<p class="MsoNormal"><b>Milestones</b></p>
<table class="rag">
<tr><td>Milestone</td><td>Planned date</td><td>Status</td></tr>
<tr><td>Scanner configuration complete</td><td>24 October 2025</td><td>On track</td></tr>
<tr><td>Final data migration rehearsal</td><td>7 November 2025</td><td>At risk – was 31 October</td></tr>
<tr><td>Staff training (all shifts)</td><td>3–21 November 2025</td><td>On track</td></tr>
<tr><td>Go-live at Sandcross</td><td>1 December 2025</td><td>On track</td></tr>
<tr><td>Go-live at Ellerby</td><td>19 January 2026</td><td>On track</td></tr>
</table>
<p class="MsoNormal">&nbsp;</p>
<p class="MsoNormal">We have agreed with Operations that there will be a change freeze from 24 November until go-live, so no other system changes will be made at Sandcross in that period. Ellerby’s go-live was deliberately put after the Christmas peak.</p>
<p class="MsoNormal">&nbsp;</p>
<p class="MsoNormal"><b>Risks and issues</b></p>
<ol>
<li class="MsoNormal"><b>Data migration quality.</b> About 9,300 product records still have missing or inconsistent pallet dimensions. Without them the new system can’t plan where stock goes. Owner: Priscilla Nwachukwu. Mitigation: two temporary data clerks start on Monday to clean the records by hand.</li>
<li class="MsoNormal"><b>Returns processing defects.</b> If Corvane don’t fix the 18 failed scripts by 31 October, we will have to go live without the new returns screens and keep the old process for returns until January.</li>
<li class="MsoNormal"><b>Training attendance.</b> Night shift attendance at the pilot sessions was only 55%. We’re adding two extra sessions at 10pm and offering overtime pay for attending.</li>
<li class="MsoNormal"><b>Budget.</b> The extra clerks will cost about €14,000 through the agency’s Dutch office (roughly £12,200). This is within the remaining contingency of £21,000 but leaves very little for anything else.</li>
</ol>
<p class="MsoNormal">&nbsp;</p>
<p class="MsoNormal"><b>Decisions needed</b></p>
<p class="MsoNormal">I need a decision from the steering group by 17 October on whether we’re willing to go live without the new returns screens if it comes to that. Everton has kindly agreed to put it on the agenda for Thursday’s meeting.</p>
<p class="MsoNormal">&nbsp;</p>
<p class="MsoNormal">The next report will come out on 17 October. As always, shout if anything here looks wrong.</p>
<p class="MsoNormal">&nbsp;</p>
<p class="MsoNormal">Thanks,</p>
<p class="MsoNormal">Hannelore</p>
<p class="MsoNormal">&nbsp;</p>
<p class="MsoNormal">Hannelore Quist | Programme Manager, Kingfisher<br>
Brightmoor Logistics Ltd | Unit 4, Sandcross Distribution Park, Sandcross SX12 6PB<br>
Mobile: 07700 900 318</p>
</div>
</body>
</html>
"""

OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_bytes(PAGE.encode("cp1252"))
print("wrote", OUT)
