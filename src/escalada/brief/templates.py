# ruff: noqa: E501 - template lines follow the markup, not the code style
"""Jinja2 templates of the briefing (kept in code so they ship without package-data rules)."""

HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Briefing: {{ title }}</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1000px; padding: 16px;
       color: #1d1d1d; }
h1 { font-size: 24px; margin: 4px 0; } h2 { font-size: 18px; margin: 22px 0 6px;
     border-bottom: 1px solid #ddd; }
.meta { color: #666; font-size: 13px; }
.headline { font-size: 16px; padding: 10px 14px; border-left: 6px solid {{ colour }};
            background: #f7f7f7; }
.status { font-weight: bold; text-transform: uppercase; color: {{ colour }}; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 4px 6px; border-bottom: 1px solid #eee; }
.ladder td.rung { width: 170px; font-weight: bold; }
.reached { background: #fdecea; } .top { background: #f6c6c0; }
.muted { color: #888; } .tag { font-size: 11px; padding: 1px 5px; border-radius: 3px;
        background: #eee; } .options { background: #fffbea; }
tr.signal { background: #f3f0f8; } .signal-tag { background: #6a3d9a; color: #fff; }
.contradicts b { color: #b31d28; }
</style></head><body>
<p class="meta">escalada briefing · generated {{ generated }} · period {{ period }}</p>
<h1>{{ title }}</h1>
<p class="headline"><span class="status">{{ brief.status }}</span> — {{ brief.headline }}</p>

<h2>Escalation index</h2>
<figure>{{ chart }}<figcaption class="meta">Daily PLOVER conflict–cooperation index
(score × certainty × corroboration; below zero is conflict). Triangles mark alerts; symbols on
the time axis mark signals (air traffic, sanctions list changes, NOTAMs) about these countries.</figcaption>
</figure>

<h2>Escalation ladder</h2>
<table class="ladder">
{% for status in rungs %}<tr class="{{ 'top' if status.rung == top else ('reached' if status.reached else '') }}">
<td class="rung">{{ status.rung.value }}. {{ status.rung.label }}</td>
<td>{% if status.reached %}reached {{ status.first_date or 'undated' }}{% if status.last_date and status.last_date != status.first_date %}, latest {{ status.last_date }}{% endif %}
· {{ status.events|length }} event(s){% if status.rung == top %} · <b>highest rung</b>{% endif %}
{% else %}<span class="muted">not reached</span>{% endif %}</td></tr>
{% endfor %}</table>

<h2>Alerts</h2>
{% if alerts %}<table><tr><th>Date</th><th>Dyad</th><th>Rule</th><th>Change</th>
<th>Events behind the jump</th></tr>
{% for alert in alerts %}<tr><td>{{ alert.date }}</td><td>{{ alert.dyad }}</td>
<td>{{ alert.rule }}</td><td>{{ '%+.1f'|format(alert.change) }}</td><td>
{% for e in alert.events[:4] %}<div>{{ e.event_type }}: “{{ e.sentence }}”
<span class="muted">({{ e.n_sources }} source(s))</span></div>{% endfor %}</td></tr>
{% endfor %}</table>{% else %}<p class="muted">No alert in this period.</p>{% endif %}

<h2>Timeline of key events</h2>
<table><tr><th>Date</th><th>What happened</th><th>Rung</th><th>Sources</th></tr>
{% for kind, item in timeline %}{% if kind == 'signal' %}<tr class="signal"><td>{{ item.day }}</td>
<td><span class="tag signal-tag">signal · {{ item.kind }}{% if item.status %} · {{ item.status }}{% endif %}</span>{% if item.country %} <span class="muted">({{ name(item.country) }})</span>{% endif %}
<br>{{ item.label }}{% for word, ids in (('corroborates', item.corroborates), ('contradicts', item.contradicts)) if ids %}
<div class="{{ word }}"><b>{{ word }}</b>: {% for event_id in ids %}{{ event_label(event_id) }}{{ '; ' if not loop.last }}{% endfor %}</div>{% endfor %}</td>
<td></td><td>{{ signal_sources.get(item.kind, item.kind) }}<br><span class="muted">not a news report</span></td></tr>
{% else %}<tr><td>{{ item.date or 'undated' }}</td>
<td><b>{{ name(item.actor) }} → {{ name(item.recipient) }}</b>
<span class="tag">{{ item.event_type }}{% if item.mode %}/{{ item.mode }}{% endif %}</span>
{% if item.inferred %}<span class="tag" title="one party inferred from the article">inferred party</span>{% endif %}
<br>“{{ item.sentence }}”</td>
<td>{{ item.rung.label if item.rung else '' }}</td>
<td>{% for outlet, url in item.sources %}{% if url %}<a href="{{ url }}">{{ outlet }}</a>{% else %}{{ outlet }}{% endif %}{{ ', ' if not loop.last }}{% endfor %}
<br><span class="muted">{{ item.n_sources }} independent · certainty {{ '%.2f'|format(item.certainty) }}</span></td></tr>
{% endif %}{% else %}<tr><td colspan="4" class="muted">No events.</td></tr>{% endfor %}</table>

{% if brief.signals and not brief.signals.empty %}{% set sig = brief.signals %}<h2>Signals</h2>
{% if sig.flights %}<figure>{{ flights_chart }}<figcaption class="meta">Daily flights per FIR
(bars) against the same-weekday baseline (dashed); red bars are collapses, grey ones receiver
data gaps; triangles mark collapse alerts.</figcaption></figure>{% endif %}
{% if sig.evidence %}<h3>News events checked against signals</h3>
<table><tr><th>Date</th><th>News event</th><th>Signal</th></tr>
{% for ev in sig.evidence %}<tr><td>{{ ev.date or 'undated' }}</td><td><span class="tag">{{ ev.event_type }}</span> “{{ ev.sentence }}”</td>
<td><b>{{ ev.relation }}</b>: {{ ev.signal }}</td></tr>
{% endfor %}</table>{% endif %}
<h3>Sanctions list changes</h3>
{% if sig.list_changes %}<table><tr><th>List date</th><th>Change</th><th>Entry</th><th>Programs</th></tr>
{% for s in sig.list_changes %}<tr><td>{{ s.date }}</td><td>{{ s.payload.change }}</td><td>{{ s.payload.name }}{% if s.country %} <span class="muted">({{ s.country }})</span>{% endif %}</td>
<td>{{ (s.payload.programs or [])|join(', ') }}</td></tr>
{% endfor %}</table>{% else %}<p class="muted">No list change in this period.</p>{% endif %}
<h3>Active NOTAMs</h3>
{% if sig.notams %}<table><tr><th>NOTAM</th><th>FIRs</th><th>Valid</th><th>Text</th></tr>
{% for s in sig.notams %}<tr><td>{{ s.payload.id }} {{ s.payload.location or '' }}</td><td>{{ (s.payload.firs or [])|join(', ') }}</td>
<td>{{ s.payload.valid_from }} to {{ s.payload.valid_to or 'permanent' }}{% if s.payload.estimated %} (est.){% endif %}</td><td>{{ s.payload.text|truncate(600) }}</td></tr>
{% endfor %}</table>{% else %}<p class="muted">No active NOTAM for these countries.</p>{% endif %}
{% endif %}
<h2>Contested claims</h2>
{% if brief.contested %}<table><tr><th>Event</th><th>On</th><th>One source says</th><th>Another says</th></tr>
{% for claim, item in brief.contested %}<tr><td>{{ item.date }} {{ item.event_type }}:
“{{ item.sentence }}”</td><td>{{ claim.field }}</td>
<td>{{ claim.claim_a }} <span class="muted">({{ source(claim.source_a) }})</span></td>
<td>{{ claim.claim_b }} <span class="muted">({{ source(claim.source_b) }})</span></td></tr>
{% endfor %}</table>{% else %}<p class="muted">Sources agree on what they report.</p>{% endif %}

<h2>Options under discussion (not events)</h2>
{% if brief.options %}<table class="options"><tr><th>Reported on</th><th>What could happen</th><th>Rung if taken</th><th>Source</th></tr>
{% for item in brief.options %}<tr><td>{{ item.date or 'undated' }}</td><td>“{{ item.sentence }}”
<span class="tag">{{ item.event_type }} · {{ item.aux|join(', ') }}</span></td>
<td>{{ item.rung.label if item.rung else '' }}</td>
<td>{% for outlet, url in item.sources %}{{ outlet }}{{ ', ' if not loop.last }}{% endfor %}</td></tr>
{% endfor %}</table>{% else %}<p class="muted">None reported.</p>{% endif %}
<p class="meta">Hypothetical and future events never count as rungs reached and carry no weight
in the index.</p>
</body></html>
"""

MARKDOWN = """# Briefing: {{ title }}

*escalada briefing · generated {{ generated }} · period {{ period }}*

**{{ brief.status|upper }}** — {{ brief.headline|md }}

## Escalation index

![Escalation index]({{ chart_uri }})

Daily index {{ series_name }}: `{{ spark }}` (min {{ '%+.1f'|format(low) }} on {{ low_day }})

## Escalation ladder

| Rung | Status |
|---|---|
{% for status in rungs %}| {{ status.rung.value }}. {{ status.rung.label }}{% if status.rung == top %} **(highest)**{% endif %} | {% if status.reached %}reached {{ status.first_date or 'undated' }}, {{ status.events|length }} event(s){% else %}not reached{% endif %} |
{% endfor %}
## Alerts

{% for alert in alerts %}- **{{ alert.date }}** {{ alert.dyad }} `{{ alert.rule }}` change {{ '%+.1f'|format(alert.change) }}
{% for e in alert.events[:4] %}  - {{ e.event_type }}: “{{ e.sentence|md }}” ({{ e.n_sources }} source(s))
{% endfor %}{% else %}No alert in this period.
{% endfor %}
## Timeline of key events

| Date | What happened | Rung | Sources |
|---|---|---|---|
{% for kind, item in timeline %}{% if kind == 'signal' %}| {{ item.day }} | *Signal ({{ item.kind }}{% if item.status %}, {{ item.status|md }}{% endif %}, not news):* {{ item.label|md }}{% for word, ids in (('corroborates', item.corroborates), ('contradicts', item.contradicts)) if ids %}; **{{ word }}** {% for event_id in ids %}{{ event_label(event_id)|md }}{{ ', ' if not loop.last }}{% endfor %}{% endfor %} |  | {{ signal_sources.get(item.kind, item.kind) }} |
{% else %}| {{ item.date or 'undated' }} | **{{ name(item.actor)|md }} → {{ name(item.recipient)|md }}** {{ item.event_type }}{% if item.inferred %} (party inferred){% endif %}: “{{ item.sentence|md }}” | {{ item.rung.label if item.rung else '' }} | {% for outlet, url in item.sources %}{{ outlet|md }}{{ ', ' if not loop.last }}{% endfor %} ({{ item.n_sources }} independent, certainty {{ '%.2f'|format(item.certainty) }}) |
{% endif %}{% endfor %}
{% if brief.signals and not brief.signals.empty %}{% set sig = brief.signals %}## Signals

{% if sig.flights %}![Daily flights per FIR]({{ flights_uri }})

{% for fir, points in sig.flights.items() %}- {{ fir }}: {% for p in points if p.status == 'collapse' %}collapse {{ p.date }} ({{ p.flights }} flights vs baseline {{ p.baseline }}){{ ', ' if not loop.last }}{% else %}no collapse{% endfor %}
{% endfor %}
{% endif %}{% for ev in sig.evidence %}- {{ ev.date or 'undated' }} {{ ev.event_type }} “{{ ev.sentence|md }}” **{{ ev.relation }}**: {{ ev.signal|md }}
{% endfor %}
Sanctions list changes: {% for s in sig.list_changes %}{{ s.date }} {{ s.payload.change }} {{ s.payload.name|md }}{{ '; ' if not loop.last }}{% else %}none{% endfor %}

Active NOTAMs: {% for s in sig.notams %}{{ s.payload.id }} ({{ (s.payload.firs or [])|join(', ') }}, {{ s.payload.valid_from }} to {{ s.payload.valid_to or 'permanent' }}): {{ s.payload.text|md }}{{ '; ' if not loop.last }}{% else %}none{% endfor %}

{% endif %}## Contested claims

{% for claim, item in brief.contested %}- {{ item.date }} {{ item.event_type }}, **{{ claim.field }}**: “{{ claim.claim_a|md }}” ({{ source(claim.source_a)|md }}) vs “{{ claim.claim_b|md }}” ({{ source(claim.source_b)|md }})
{% else %}Sources agree on what they report.
{% endfor %}
## Options under discussion (not events)

{% for item in brief.options %}- {{ item.date or 'undated' }}: “{{ item.sentence|md }}” ({{ item.event_type }}, {{ item.aux|join(', ') }}{% if item.rung %}; rung if taken: {{ item.rung.label }}{% endif %})
{% else %}None reported.
{% endfor %}"""
