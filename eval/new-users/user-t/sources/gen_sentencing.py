"""Writes ../articles/merriweather-sentenced.htm: an older news page encoded in cp1252 (Windows-1252)."""
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "articles" / "merriweather-sentenced.htm"

PAGE = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>Rogue builder jailed for conning pensioners out of £340,000 - Pellingford Evening Echo</title>
<meta name="keywords" content="court, fraud, builder, Pellingford, Kingsbarrow Crown Court">
<script type="text/javascript" src="/js/adserver.js"></script>
</head>
<body bgcolor="#ffffff" topmargin="0" leftmargin="0">
<table width="980" border="0" cellpadding="0" cellspacing="0" align="center">
<tr><td colspan="3" class="masthead"><img src="/img/echo_logo.gif" alt="Pellingford Evening Echo" width="400" height="60"></td></tr>
<tr><td colspan="3" class="topnav">
<a href="/">Home</a> | <a href="/news/">News</a> | <a href="/news/crime/">Crime</a> | <a href="/sport/">Sport</a> |
<a href="/business/">Business</a> | <a href="/leisure/">Leisure</a> | <a href="/jobs/">Jobs</a> | <a href="/motors/">Motors</a> |
<a href="/property/">Property</a> | <a href="/announcements/">Births, Marriages &amp; Deaths</a>
</td></tr>
<tr>
<td width="160" valign="top" class="leftcol">
<p><b>News sections</b></p>
<a href="/news/local/">Local news</a><br>
<a href="/news/crime/">Crime &amp; courts</a><br>
<a href="/news/schools/">Schools</a><br>
<a href="/news/health/">Health</a><br>
<a href="/news/letters/">Letters</a><br>
<p><b>Weather</b><br>Pellingford: 7°C, light rain</p>
</td>
<td width="560" valign="top" class="story">
<font face="Verdana, Arial" size="1"><a href="/">Home</a> &gt; <a href="/news/">News</a> &gt; <a href="/news/crime/">Crime &amp; courts</a></font>
<h1><font face="Georgia">Rogue builder jailed for conning pensioners out of £340,000</font></h1>
<p><font face="Verdana, Arial" size="2"><b>By Martin Ashgrove</b><br>
<i>10:48am Friday 4th December 2009</i></font></p>
<p><a href="#">Print this story</a> | <a href="#">Email to a friend</a> | <a href="#">Comment on this story</a> | <a href="#">Text size: A A A</a></p>

<p><font face="Verdana, Arial" size="2">A rogue builder who targeted elderly homeowners with bogus repair bills
totalling more than £340,000 has been jailed for six years and four months.</font></p>

<p><font face="Verdana, Arial" size="2">Craig Merriweather, 47, of Lynstead Road, Pellingford, preyed on
11 pensioners aged between 71 and 93, telling them their roofs and chimneys were dangerous and
charging them thousands of pounds for work that was never done or was not needed.</font></p>

<p><font face="Verdana, Arial" size="2">Kingsbarrow Crown Court heard that one victim, an 88-year-old widow
from Upper Dalby, handed over £96,500 &#8212; almost all of her life savings &#8212; over a period of
seven months.</font></p>

<p><font face="Verdana, Arial" size="2">Merriweather, who traded as Heritage Roofing &amp; Restoration,
pleaded guilty at an earlier hearing to 14 counts of fraud by false representation and one count of
money laundering.</font></p>

<p><font face="Verdana, Arial" size="2">Sentencing him on Thursday, Judge Philippa Aske told him:
“You chose your victims precisely because they were old, lived alone and trusted you. You took not
only their money but their sense of safety in their own homes.”</font></p>

<p><font face="Verdana, Arial" size="2"><b>‘Cold and calculated’</b></font></p>

<p><font face="Verdana, Arial" size="2">Prosecuting, Rupert Danvers said Merriweather would knock on doors
in the villages around Pellingford, claiming to have noticed loose slates while working nearby. He
would then climb on to the roof, sometimes breaking tiles himself, and show the homeowner
photographs of the “damage”.</font></p>

<p><font face="Verdana, Arial" size="2">Mr Danvers described the offending as “cold and calculated”. He
said Merriweather spent much of the money on a holiday villa in Spain, a £58,000 motor-home and
gambling. The scam came to light in March 2008 when a bank cashier at the Pellingford branch of the
Kingsbarrow Building Society became suspicious after an 81-year-old customer tried to withdraw
£20,000 in cash.</font></p>

<p><font face="Verdana, Arial" size="2">In mitigation, Shona Kilbride said her client had run up large
debts after his previous business collapsed and had “lost sight of right and wrong”. She said he
had shown genuine remorse and had written letters of apology to each of his victims.</font></p>

<p><font face="Verdana, Arial" size="2">As well as the prison sentence, Merriweather was disqualified
from acting as a company director for ten years. A Proceeds of Crime Act hearing to recover money for
the victims will take place on 22 January next year.</font></p>

<p><font face="Verdana, Arial" size="2"><b>Daughter’s anger</b></font></p>

<p><font face="Verdana, Arial" size="2">Outside court, Janet Colebrook, whose 84-year-old father Reginald
lost £41,000, said the sentence was “a start, but nothing can give Dad back the last years of his
life”. Mr Colebrook died in August, before the case came to court.</font></p>

<p><font face="Verdana, Arial" size="2">“He was a proud man who had worked all his life,” she said.
“After this happened he wouldn’t open the front door to anybody. He never went to the café
in the village again.”</font></p>

<p><font face="Verdana, Arial" size="2">Detective Constable Lewis Harrop, of Kingsbarrow Police’s
economic crime unit, said the investigation had involved more than 200 witness statements. He urged
older people never to agree to work from a trader who turns up uninvited, and to call the
Trading Standards helpline on 0800 917 4402 if they were worried.</font></p>

<p><font face="Verdana, Arial" size="2">Merriweather’s former business partner, Dean Sollis, 39, of
Church Lane, Hexley, was given an 18-month suspended sentence and ordered to do 200 hours of unpaid
work after admitting one count of fraud.</font></p>

<p><font size="1"><i>&copy; Copyright 2001-2009 Newsquire Regional Ltd. All rights reserved.</i></font></p>
<p><b>Comments (3)</b><br>
<i>Disgraceful &#8211; should have got twice that. &#8211; Pellingford Pete</i><br>
<i>Well done to the bank cashier who spotted it. &#8211; Concerned, Dalby</i></p>
</td>
<td width="260" valign="top" class="rightcol">
<p><b>Most read</b></p>
<ol>
<li><a href="#">Christmas lights switch-on draws record crowd</a></li>
<li><a href="#">Pellingford Town 2 Hexley United 2</a></li>
<li><a href="#">Plans for 400 homes on old brickworks site</a></li>
</ol>
<p><b>Advertisement</b></p>
<img src="/ads/banner_260x200.gif" width="260" height="200" alt="Advertisement">
<p><b>Latest jobs</b><br><a href="#">Care assistant, Pellingford – £6.20 per hour</a></p>
</td>
</tr>
<tr><td colspan="3" class="footer"><font size="1">
<a href="/contact/">Contact us</a> | <a href="/advertise/">Advertise</a> | <a href="/terms/">Terms &amp; Conditions</a> |
<a href="/privacy/">Privacy Policy</a> | <a href="/sitemap/">Site Map</a><br>
This site is part of Newsquire Regional Ltd, Registered in England &amp; Wales No. 02983317. Pellingford Evening Echo, 14–16 Abbey Street, Pellingford PG1 4RT.
</font></td></tr>
</table>
</body>
</html>
"""

OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_bytes(PAGE.encode("cp1252"))
print("wrote", OUT)
