"""Measure escalada's actor resolver against the NGEC actor-resolution cases.

Reads ``ngec_actor_resolution_cases.jsonl`` (from ``../shared/gold`` by default) at run time and
scores what our model can express:

* ``country``/``cc``: an ISO3 code, "" (no country), or NGEC's pseudo-countries for
  international organisations: ``UNO`` (we must give ``code`` UNO), ``EUR`` (code EUR), ``IGO``
  (any organisation code, no country). Values that are not country codes (a swapped field) are
  skipped.
* ``code_1``: the primary sector, when it is a sector code we use (or ""); for cases whose
  country is an IGO pseudo-country our sector ``IGO`` also counts as right, because our
  convention codes the organisation itself as IGO (``World Health Organization`` is not MED).
* Wikipedia titles, ``code_2``, patterns and left-over text are not part of our model: those
  fields are ignored, and a case with nothing else (all ``query_wiki`` cases) is skipped.

Usage: ``python scripts/measure_actor_resolution.py [cases.jsonl] [--verbose]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

from escalada.actors import ActorResolver
from escalada.models.records import ActorRef

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEFAULT_CASES = SHARED / "gold" / "ngec_actor_resolution_cases.jsonl"
IGO_PSEUDO = {"UNO": "UNO", "EUR": "EUR", "IGO": None}
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%d %b %Y")


def parse_date(value: str) -> dt.date | None:
    """NGEC's free-form dates ("today", "10 May 2015", "October 1, 2021")."""
    value = value.strip()
    if not value:
        return None
    if value.lower() == "today":
        return dt.date.today()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value.title(), fmt).date()
        except ValueError:
            continue
    return None


def country_ok(expected: str, ref: ActorRef) -> bool:
    """Does our ref satisfy NGEC's expected country?"""
    if expected in IGO_PSEUDO:
        code = IGO_PSEUDO[expected]
        return ref.country is None and ref.code is not None and (code is None or ref.code == code)
    return (ref.country or "") == expected


def main(argv: list[str] | None = None) -> int:
    """Run the measurement and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="?", type=Path, default=DEFAULT_CASES)
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    resolver = ActorResolver.load()
    sectors = set(resolver.sectors)  # the codes our model can express
    scores: Counter[str] = Counter()
    skipped: Counter[str] = Counter()
    misses: list[str] = []
    for line in args.cases.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        text, *rest = case["args"]
        context = resolver.resolve(rest[0]).country if rest and rest[0] else None
        on = parse_date(rest[1]) if len(rest) > 1 and rest[1] else None
        ref = resolver.resolve(text, context_country=context, on=on)
        checks: list[tuple[str, bool, str]] = []
        expect = {e["field"]: e for e in case["expect"]}
        igo_case = False
        for name in ("country", "cc"):
            if name not in expect:
                continue
            want, op = expect[name]["value"], expect[name]["op"]
            if want and want not in IGO_PSEUDO and not resolver.known_country(want):
                skipped["country value is not a country code"] += 1
                continue
            igo_case = want in IGO_PSEUDO
            ok = country_ok(want, ref) if op == "==" else not country_ok(want, ref)
            checks.append(("country", ok, f"{op} {want!r}"))
        if "code_1" in expect:
            want, op = expect["code_1"]["value"], expect["code_1"]["op"]
            wanted = set(want) if op == "in" else {want}
            if all(w == "" or w in sectors for w in wanted):
                got = ref.sector or ""
                ok = got in wanted or (igo_case and got == "IGO")
                checks.append(("sector", ok, f"{op} {want!r}"))
            else:
                skipped["sector value not a code we use"] += 1
        if not checks:
            skipped[f"nothing expressible ({case['method']})"] += 1
            continue
        scores["cases"] += 1
        scores["cases_ok"] += all(ok for _, ok, _ in checks)
        for kind, ok, want in checks:
            scores[kind] += 1
            scores[f"{kind}_ok"] += ok
            if not ok:
                misses.append(f"  {kind:7} {text!r} ctx={context} on={on}: want {want}, got "
                              f"country={ref.country} sector={ref.sector} code={ref.code}")
    print(f"NGEC actor-resolution cases: {args.cases}")
    print(f"dictionaries: {resolver.version}")
    for kind in ("country", "sector", "cases"):
        n, ok = scores[kind], scores[f"{kind}_ok"]
        print(f"{kind:8} accuracy {ok / n if n else 0:.3f}  ({ok}/{n})")
    print(f"skipped: {sum(skipped.values())} " + ", ".join(f"{k}: {v}" for k, v in
                                                           sorted(skipped.items())))
    if args.verbose:
        print("misses:", *misses, sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
