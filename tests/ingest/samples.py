"""Small inputs written for these tests (no scraped text is copied into the repo)."""

from __future__ import annotations

HEADLINE = "Border Talks Resume in Geneva After Two-Month Pause"

BODY = [
    "Negotiators from the two neighbouring governments met again in Geneva on Tuesday, ending "
    "a pause of almost two months that followed an exchange of artillery fire along the "
    "disputed frontier.",
    "The foreign ministry said both delegations had agreed an agenda covering troop "
    "withdrawals, the return of displaced families and a hotline between army commanders.",
    "An advertisement campaign paid for by the defence ministry had urged citizens to support "
    "the army, but officials said on Tuesday that it had been withdrawn during the talks.",
    "Under international law",
    "Observers from the regional bloc will monitor the ceasefire line, according to a "
    "statement issued late on Monday.",
    "Troops, tanks, and",
    "artillery units will pull back ten kilometres from the line by the end of the month.",
]

ENGLISH = "\n\n".join(BODY)

SPANISH = (
    "El gobierno anunció el martes que las negociaciones con el país vecino se reanudarán la "
    "próxima semana en Ginebra, después de una pausa de casi dos meses. Los delegados "
    "acordaron una agenda que incluye la retirada de tropas y el regreso de las familias "
    "desplazadas a sus hogares."
)

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Frontier Herald</title>
  <link>https://herald.example/</link>
  <description>News from the frontier</description>
  <item>
    <title>Ceasefire holds for third day</title>
    <link>https://herald.example/ceasefire-holds</link>
    <dc:creator>Ana Ortiz</dc:creator>
    <pubDate>Tue, 05 Mar 2024 23:30:00 -0500</pubDate>
    <description>Short summary only.</description>
    <content:encoded><![CDATA[<p>The ceasefire along the northern frontier held for a third
      day on Tuesday, military officials on both sides said.</p>
      <script>alert("feed")</script>
      <p>Aid convoys reached two villages that had been cut off since January.</p>]]>
    </content:encoded>
  </item>
  <item>
    <title>Minister visits displaced families</title>
    <link>https://herald.example/minister-visit</link>
    <pubDate>Wed, 06 Mar 2024 08:00:00 GMT</pubDate>
    <description>&lt;p&gt;The interior minister visited a camp for displaced families on
      Wednesday and promised new shelters before the rainy season.&lt;/p&gt;</description>
  </item>
</channel>
</rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Wire Service Bulletins</title>
  <id>urn:uuid:feed-1</id>
  <updated>2024-04-02T12:00:00Z</updated>
  <entry>
    <title>Parliament approves emergency budget</title>
    <link href="https://wire.example/budget"/>
    <id>urn:uuid:entry-1</id>
    <published>2024-04-01T22:15:00-03:00</published>
    <updated>2024-04-02T09:00:00Z</updated>
    <author><name>Lee Park</name></author>
    <content type="html">&lt;p&gt;Parliament approved an emergency budget for the flooded
      provinces on Monday night after a debate lasting eleven hours.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title type="html">Protesters &lt;em&gt;march&lt;/em&gt; on capital</title>
    <link href="https://wire.example/march"/>
    <id>urn:uuid:entry-2</id>
    <updated>2024-04-02T11:00:00Z</updated>
    <summary>Thousands of protesters marched on the capital on Tuesday to demand the
      release of detained journalists.</summary>
  </entry>
</feed>
"""

HTML_PAGE = b"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Ceasefire talks open in Geneva | Frontier Herald</title>
  <meta property="og:site_name" content="Frontier Herald">
  <meta name="author" content="Ana Ortiz">
  <meta property="article:published_time" content="2024-03-05T10:00:00+00:00">
  <link rel="canonical" href="https://herald.example/ceasefire-talks">
  <script>var leaked = "SCRIPT-SECRET"; alert(1)</script>
  <style>body { color: red } .STYLE-SECRET {}</style>
</head>
<body onload="alert('onload')">
  <nav><a href="/">Home</a> <a href="javascript:alert('nav')">News</a></nav>
  <article>
    <h1>Ceasefire talks open in Geneva</h1>
    <p onclick="alert('click')">Delegations from the two governments opened ceasefire talks
      in Geneva on Tuesday, the first direct meeting since fighting broke out in January.</p>
    <script>alert(1)</script>
    <p>The mediators said the agenda included prisoner exchanges and the reopening of two
      border crossings that have been closed to traders for three months.</p>
    <p><img src="x" onerror="alert('img')">A spokesman for the army declined to comment on
      reports that artillery units had already moved back from the frontier.</p>
    <p><a href="javascript:alert('link')">A regional diplomat</a> said the talks could last
      until the end of the week if both sides agreed on the first points.</p>
  </article>
  <footer>Copyright 2019 Frontier Herald</footer>
</body>
</html>
"""
