"""Writes ../articles/callowmere-by-election.html: a by-election result page saved from a news site."""
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "articles" / "callowmere-by-election.html"

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Callowmere and Tresham by-election: Civic Democrats overturn 19-year hold | Wessmoor Daily News</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="author" content="Rhiannon Castell">
<meta property="article:published_time" content="2024-03-15T05:10:00+00:00">
<link rel="stylesheet" href="/static/css/main.4f9a1c.css">
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date());</script>
<style>.cookie-banner{position:fixed;bottom:0;background:#222;color:#fff}.share a{margin-right:8px}</style>
</head>
<body>
<div class="cookie-banner" id="cookie-consent">
  <p>We use cookies to improve your experience, personalise content and ads, and analyse our traffic.
  By clicking "Accept all" you agree to the storing of cookies on your device. You can change your
  preferences at any time in Cookie Settings.</p>
  <button>Accept all</button> <button>Reject non-essential</button> <a href="/cookies">Cookie Settings</a>
</div>
<header class="site-header">
  <a class="logo" href="/">Wessmoor Daily News</a>
  <nav class="main-nav">
    <ul>
      <li><a href="/">Home</a></li>
      <li><a href="/news">News</a></li>
      <li><a href="/politics">Politics</a></li>
      <li><a href="/business">Business</a></li>
      <li><a href="/sport">Sport</a></li>
      <li><a href="/whats-on">What's On</a></li>
      <li><a href="/weather">Weather</a></li>
      <li><a href="/subscribe">Subscribe</a></li>
    </ul>
  </nav>
  <div class="breaking">BREAKING: Live updates from the count as results are declared</div>
</header>
<main>
<article class="story">
  <p class="breadcrumb"><a href="/news">News</a> &rsaquo; <a href="/politics">Politics</a> &rsaquo; Elections</p>
  <h1>Callowmere and Tresham by-election: Civic Democrats overturn 19-year hold</h1>
  <p class="standfirst">Imogen Rackstraw wins the seat with a majority of 3,653 after a night of drama at the count</p>
  <div class="byline">By <span class="author">Rhiannon Castell</span>, Political Correspondent</div>
  <time datetime="2024-03-15T05:10:00+00:00">Friday 15 March 2024, 5.10am</time>
  <div class="share">
    <a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Share on WhatsApp</a> <a href="#">Email</a> <a href="#">Copy link</a>
  </div>

  <p>The Civic Democrats have taken Callowmere and Tresham from the National Reform Party in a
  by-election that saw one of the largest swings in the constituency's history.</p>

  <p>Imogen Rackstraw, a former paramedic who has sat on Tresham Town Council since 2017, was declared
  the winner at 3.42am at Tresham Leisure Centre, polling 14,862 votes. National Reform's Desmond
  Pellow came second with 11,209, leaving Ms Rackstraw with a majority of 3,653.</p>

  <p>The contest was triggered by the resignation of Sir Geoffrey Alderton, who had represented the
  seat for 19 years. He stood down in January after a parliamentary standards inquiry found he had
  lobbied ministers on behalf of a quarry company that paid him as a consultant.</p>

  <p>Turnout was 41.4%, down from 67.2% at the last general election. Of an electorate of 87,604,
  36,253 people cast a valid vote. The returning officer, Gwendolyn Prior, said 212 ballot papers
  were rejected, most of them because voters had marked more than one candidate.</p>

  <h2>A long night at the count</h2>

  <p>Counting began shortly after polls closed at 10pm, but was held up for almost an hour when a
  batch of postal votes from the Fenby ward was found in the wrong ballot box. Party agents agreed
  to a bundle check rather than a full recount, and the result was read out to cheers from
  Civic Democrat activists in yellow rosettes.</p>

  <p>In her victory speech, Ms Rackstraw said voters had sent "a clear message that they want an MP
  who works for them, not for whoever is paying". She promised to hold her first constituency
  surgery in Callowmere market hall on Saturday morning.</p>

  <p>Mr Pellow, who conceded before the declaration, told reporters that his party had been
  "punished for the behaviour of one man" and said he would stand again at the general election.</p>

  <p>The Civic Democrat leader, Margaret Hollis-Dunne, who visited the constituency six times during
  the campaign, described the result as "a political earthquake" and said her party would now target
  a dozen seats across the county.</p>

  <h2>Full result</h2>

  <table class="results">
    <thead>
      <tr><th>Candidate</th><th>Party</th><th>Votes</th><th>Share</th></tr>
    </thead>
    <tbody>
      <tr><td>Imogen Rackstraw</td><td>Civic Democrats</td><td>14,862</td><td>41.0%</td></tr>
      <tr><td>Desmond Pellow</td><td>National Reform Party</td><td>11,209</td><td>30.9%</td></tr>
      <tr><td>Farida Okonkwo-Lane</td><td>Labour and Co-operative Alliance</td><td>6,473</td><td>17.9%</td></tr>
      <tr><td>Tobias Fennimore</td><td>Green Renewal</td><td>2,318</td><td>6.4%</td></tr>
      <tr><td>Walter Brimble</td><td>Independent</td><td>1,104</td><td>3.0%</td></tr>
      <tr><td>Captain Crumble</td><td>Sensible Biscuit Party</td><td>287</td><td>0.8%</td></tr>
    </tbody>
  </table>

  <p>The swing from National Reform to the Civic Democrats was 17.8%. Green Renewal and the
  Independent candidate both lost their deposits, as did the Sensible Biscuit Party, whose
  candidate arrived at the count dressed as a custard cream.</p>

  <h2>What happens next</h2>

  <p>Ms Rackstraw is expected to take her seat in Parliament on Tuesday, when she will be
  introduced by two fellow Civic Democrat MPs. Political analysts said the result would increase
  pressure on the National Reform leadership, which has now lost three by-elections in twelve
  months.</p>

  <p>Professor Alun Gethin, an elections expert at the University of Wessmoor, said the fall in
  turnout had hurt National Reform most. "Their voters simply stayed at home," he said. "The
  Civic Democrats ran a very local campaign, and it paid off."</p>

  <div class="share">
    <p>Share this article</p>
    <a href="#">Facebook</a> <a href="#">X</a> <a href="#">WhatsApp</a> <a href="#">Email</a>
  </div>
  <div class="tags">Topics: <a href="#">By-elections</a> <a href="#">Callowmere</a> <a href="#">Tresham</a></div>
</article>
<aside class="related-stories">
  <h3>Related stories</h3>
  <ul>
    <li><a href="/politics/alderton-standards-report">Alderton quits after standards report on quarry lobbying</a></li>
    <li><a href="/politics/by-election-candidates">Meet the six candidates standing in Callowmere and Tresham</a></li>
    <li><a href="/politics/poll-civic-democrats">Poll puts Civic Democrats ahead in by-election race</a></li>
  </ul>
</aside>
<aside class="most-read">
  <h3>Most read</h3>
  <ol>
    <li><a href="#">Bin collections to move to three-weekly cycle</a></li>
    <li><a href="#">Roadworks on the A614 to last until summer</a></li>
    <li><a href="#">Bakery chain to open 12 new shops</a></li>
  </ol>
</aside>
</main>
<footer class="site-footer">
  <ul>
    <li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li>
    <li><a href="/privacy">Privacy notice</a></li><li><a href="/terms">Terms and conditions</a></li>
    <li><a href="/advertise">Advertise with us</a></li>
  </ul>
  <p>&copy; 2024 Wessmoor Media Group Ltd. All rights reserved. Registered in England No. 04417823.</p>
</footer>
<script src="/static/js/app.93be1.js"></script>
</body>
</html>
"""

OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text(PAGE, encoding="utf-8")
print("wrote", OUT)
