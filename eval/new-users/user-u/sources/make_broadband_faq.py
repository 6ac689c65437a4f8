"""Write the broadband provider's saved help page as ../articles/lumenwave-broadband-help.html."""
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "articles" / "lumenwave-broadband-help.html"

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Help &amp; FAQs | Lumenwave Broadband</title>
<meta name="description" content="Answers to common questions about Lumenwave full fibre broadband plans, setup, bills and moving home.">
<link rel="stylesheet" href="/assets/css/site.4f2a9c.css">
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date());</script>
</head>
<body>
<div id="cookie-banner" class="cookie-banner" role="dialog" aria-label="Cookie consent">
  <p>We use cookies to make our site work, to understand how you use it and to show you relevant offers.
  You can accept all cookies or choose which ones we use. Read our <a href="/cookies">cookie policy</a>.</p>
  <button id="accept-all">Accept all cookies</button> <button id="manage">Manage preferences</button>
</div>
<header class="site-header">
  <a class="logo" href="/"><img src="/assets/img/lumenwave-logo.svg" alt="Lumenwave"></a>
  <nav class="main-nav" aria-label="Main">
    <ul>
      <li><a href="/broadband">Broadband</a></li>
      <li><a href="/tv">TV</a></li>
      <li><a href="/mobile">Mobile</a></li>
      <li><a href="/deals">Deals</a></li>
      <li><a href="/help" aria-current="page">Help</a></li>
      <li><a href="/account">My Account</a></li>
    </ul>
  </nav>
  <form class="search" action="/search"><input type="search" name="q" placeholder="Search help"><button>Search</button></form>
</header>
<nav class="breadcrumb" aria-label="Breadcrumb"><a href="/">Home</a> &rsaquo; <a href="/help">Help</a> &rsaquo; Broadband FAQs</nav>
<main id="content">
<article>
<h1>Broadband help and frequently asked questions</h1>
<p>Everything you need to know about getting connected with Lumenwave full fibre, from choosing a plan to
moving home. Can't find what you're looking for? Our team is here to help.</p>

<h2>Which plans do you offer, and how much do they cost?</h2>
<p>All our plans run over our own full fibre network, with the same upload and download speeds on the
faster tiers. Prices below are for new customers on an 18-month contract.</p>
<table class="plans">
  <thead><tr><th>Plan</th><th>Average download speed</th><th>Average upload speed</th><th>Monthly price</th></tr></thead>
  <tbody>
    <tr><td>Spark 150</td><td>150 Mbps</td><td>30 Mbps</td><td>£24.00</td></tr>
    <tr><td>Glow 500</td><td>500 Mbps</td><td>100 Mbps</td><td>£31.00</td></tr>
    <tr><td>Blaze 900</td><td>900 Mbps</td><td>900 Mbps</td><td>£39.00</td></tr>
    <tr><td>Beam 1600</td><td>1.6 Gbps</td><td>1.6 Gbps</td><td>£52.00</td></tr>
  </tbody>
</table>
<p>A one-month rolling version of every plan is also available for £6 a month more, with no minimum term.</p>

<h2>How long is the contract, and will my price go up?</h2>
<p>Our standard contract lasts 18 months. Your monthly price rises by a fixed £3 every April, and we
tell you the exact new price before you sign up, so there are no surprises. The first rise happens in
the April after you join, unless you join in February or March.</p>

<h2>Is there a setup or installation charge?</h2>
<p>Installation costs a one-off £35, which is added to your first bill. If you order online through the
Deals page, installation is free. An engineer visit usually takes around two hours, and you'll need to
be at home for the whole appointment.</p>

<h2>What router do I get?</h2>
<p>Every plan comes with the LumenHub 3 wifi router at no extra cost. Customers on Beam 1600 also receive
two wifi boosters to spread the signal around larger homes. The router stays our property, and you must
send it back within 30 days of leaving us, or we will charge a £60 non-return fee.</p>

<h2>How do I set up my router?</h2>
<ul>
  <li>Plug the LumenHub 3 into the white optical network box the engineer fitted, using the grey cable in the box.</li>
  <li>Connect the power lead and switch on. The light on the front flashes amber while it starts.</li>
  <li>Wait until the light turns solid blue, which normally takes about five minutes.</li>
  <li>Join the wifi network using the name and password printed on the card on the back of the router.</li>
</ul>

<h2>What happens if I want to leave before my contract ends?</h2>
<p>You can leave at any time, but if you are still in your minimum term we charge an early termination
fee of £4.50 for each remaining month. If we raise your price beyond what we told you when you joined,
you can leave without paying this fee within 30 days of our letter.</p>

<h2>I'm moving home. Can I take my broadband with me?</h2>
<p>Yes, if your new home is on our network. Tell us at least 21 days before you move so we can book an
engineer for your moving day. Moving is free if you stay on the same plan, and your contract does not
restart. If your new address is not covered, you can leave without an early termination fee.</p>

<h2>How do I contact customer support?</h2>
<p>Call us free on 0330 094 1177 between 8am and 9pm, seven days a week, or start a live chat in the
Lumenwave app. If your broadband stops working, our automated fault line runs a line test for you at any
hour.</p>

<h2>What compensation do I get if my service is down?</h2>
<p>If a fault is not fixed within two full working days, we automatically pay £9.76 for each calendar day
your service is not working. You don't need to claim: the credit appears on your next bill.</p>
</article>
</main>
<aside class="promo"><p>Switch today and get your first three months at half price. <a href="/deals">See deals</a></p></aside>
<footer class="site-footer">
  <ul>
    <li><a href="/about">About Lumenwave</a></li>
    <li><a href="/careers">Careers</a></li>
    <li><a href="/accessibility">Accessibility</a></li>
    <li><a href="/privacy">Privacy notice</a></li>
    <li><a href="/cookies">Cookies</a></li>
    <li><a href="/complaints">Complaints code</a></li>
  </ul>
  <p>&copy; 2025 Lumenwave Networks Ltd. Registered in England and Wales, company number 11872045.
  Registered office: Unit 7, Ferrier Park, Coldbrook CB9 4WX.</p>
</footer>
<script src="/assets/js/site.88ad1e.js" defer></script>
</body>
</html>
"""

OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text(PAGE, encoding="utf-8")
print("wrote", OUT)
