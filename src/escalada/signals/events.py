"""OFAC list changes as PLOVER event mentions (signal-derived).

A new sanction (an added entry, or a changed entry that gained a program) becomes one
``SANCTION`` :class:`~escalada.models.EventMention`: actor the US government, recipient the
listed entity with its country when the program or the remarks state one. The mentions belong
to a pseudo-document ``ofac:<list date>`` and carry ``coder_version`` ``signals-ofac-<version>``
so they are told apart from mentions coded from news text, while being stored and fused alike.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable

from escalada import __version__
from escalada.models import ActorRef, Document, EventMention
from escalada.models.records import SourceInfo
from escalada.signals.records import SanctionChange
from escalada.signals.sanctions import SdnList

__all__ = [
    "CODER_VERSION",
    "change_country",
    "is_signal_derived",
    "list_date",
    "mention_id",
    "program_country",
    "remarks_country",
    "sanction_document",
    "sanction_mentions",
]

CODER_VERSION = f"signals-ofac-{__version__}"
SIGNAL_PREFIX = "signals-"
US_GOV = ActorRef(text="U.S. Department of the Treasury (OFAC)", name="United States",
                  country="USA", sector="GOV")
SANCTION_SCORE = -6.0

#: OFAC program tags that name one country (the sanctioned country, ISO 3166-1 alpha-3)
PROGRAM_COUNTRIES = {
    "VENEZUELA": "VEN", "VENEZUELA-EO13850": "VEN", "VENEZUELA-EO13884": "VEN",
    "VENEZUELA-EO13692": "VEN", "CUBA": "CUB", "IRAN": "IRN", "IRGC": "IRN", "IFSR": "IRN",
    "IRAN-EO13846": "IRN", "IRAN-EO13902": "IRN", "IRAN-HR": "IRN", "IRAN-TRA": "IRN",
    "SYRIA": "SYR", "SYRIA-EO13894": "SYR", "DPRK": "PRK", "DPRK2": "PRK", "DPRK3": "PRK",
    "DPRK4": "PRK", "NKSPEA": "PRK", "RUSSIA-EO14024": "RUS", "UKRAINE-EO13662": "RUS",
    "BELARUS": "BLR", "BELARUS-EO14038": "BLR", "ZIMBABWE": "ZWE", "SUDAN": "SDN",
    "SOUTH SUDAN": "SSD", "SOMALIA": "SOM", "LIBYA2": "LBY", "LIBYA3": "LBY", "YEMEN": "YEM",
    "BURMA-EO14014": "MMR", "NICARAGUA": "NIC", "NICARAGUA-NHRAA": "NIC", "MALI-EO13882": "MLI",
    "CAR": "CAF", "DRCONGO": "COD", "IRAQ2": "IRQ", "IRAQ3": "IRQ", "LEBANON": "LBN",
    "BALKANS": None, "HONGKONG-EO13936": "CHN",
}
_NATIONALITY = re.compile(r"\b(?:nationality|citizen|Nationality|Citizen)"
                          r"(?:\s+of\s+Registration)?\s*:?\s*"
                          r"([A-Z][A-Za-z .'-]+?)\s*(?:[;,.]|$)")
_DATE_IN_NAME = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")


def is_signal_derived(coder_version: str | None) -> bool:
    """Whether a mention or fused event was made from a signal rather than news text."""
    return bool(coder_version) and coder_version.startswith(SIGNAL_PREFIX)


def list_date(path: str, default: dt.date | None = None) -> dt.date | None:
    """The date a list file is from, read from its name (``sdn_2024-03-04.csv``)."""
    for match in _DATE_IN_NAME.finditer(path.rsplit("/", 1)[-1]):
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            continue
    return default


def _alpha3(name: str) -> str | None:
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a dependency of actors
        return None
    try:
        return pycountry.countries.lookup(name.strip()).alpha_3
    except LookupError:
        return None


def program_country(programs: Iterable[str]) -> str | None:
    """The country a program names (first one that names one)."""
    for program in programs:
        if code := PROGRAM_COUNTRIES.get(program.upper()):
            return code
    return None


def remarks_country(remarks: str | None) -> str | None:
    """The nationality, citizenship or (for an entity) nationality of registration the SDN
    remarks state (``nationality Venezuela;``, ``Nationality of Registration Panama;``)."""
    for match in _NATIONALITY.finditer(remarks or ""):
        if code := _alpha3(match.group(1)):
            return code
    return None


def change_country(change: SanctionChange, new: SdnList | None) -> str | None:
    """Country of a listed entity: from its programs, else its remarks (newer list)."""
    entry = new.entries.get(change.ent_num) if new is not None else None
    remarks = entry.fields.get("remarks") if entry is not None else None
    return program_country(change.programs) or remarks_country(remarks)


def mention_id(ent_num: int, date: dt.date | None) -> str:
    key = f"ofac\x1f{ent_num}\x1f{date.isoformat() if date else ''}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _sentence(change: SanctionChange, date: dt.date | None) -> str:
    when = f" on {date.isoformat()}" if date else ""
    if change.effect == "eased":
        programs = ", ".join(change.lost_programs or change.programs) or "no program"
        verb = "removed" if change.change == "removed" else "lifted programs of"
        return f"OFAC {verb} {change.name} from the SDN list{when} [{programs}]."
    programs = ", ".join(change.gained_programs or change.programs) or "no program"
    verb = "added" if change.change == "added" else "designated under new programs"
    return f"OFAC {verb} {change.name} to the SDN list{when} [{programs}]."


#: an eased sanction (delisting, a program lifted) has immediate material consequences:
#: PLOVER RETREAT, as CONVENTIONS.md asks ("entries that only lose one are eased sanctions")
EASED_TYPE = "RETREAT"
RETREAT_SCORE = 6.5  # PLOVER score table, RETREAT without mode


def sanction_mentions(changes: Iterable[SanctionChange], new: SdnList | None,
                      date: dt.date | None) -> list[EventMention]:
    """One SANCTION mention per new sanction among ``changes`` and one RETREAT mention per
    eased one (``new`` gives remarks)."""
    doc_id = f"ofac:{date.isoformat() if date else 'undated'}"
    mentions: list[EventMention] = []
    for change in changes:
        if change.is_new_sanction:
            event_type, trigger, score = "SANCTION", "SDN designation", SANCTION_SCORE
        elif change.effect == "eased":
            event_type, trigger = EASED_TYPE, "SDN delisting"
            score = RETREAT_SCORE
        else:
            continue
        country = change_country(change, new)
        recipient = ActorRef(text=change.name, name=change.name, country=country)
        mentions.append(EventMention(
            id=mention_id(change.ent_num, date), doc_id=doc_id, event_type=event_type,
            mode=None, context=["economic"], aux=[], actor=[US_GOV], recipient=[recipient],
            date=date, date_precision="day" if date else "none", date_inferred=False,
            location=None, sentence=_sentence(change, date), sentence_index=len(mentions),
            trigger=trigger, attribution="OFAC SDN list", certainty=1.0, score=score,
            source=SourceInfo(title=f"OFAC SDN list {date or ''}".strip(), outlet="OFAC",
                              url=None),
            coder_version=CODER_VERSION))
    return mentions


def sanction_document(mentions: list[EventMention], date: dt.date | None,
                      origin: str | None = None) -> Document:
    """The pseudo-document ``ofac:<date>`` the mentions belong to (text: their sentences)."""
    doc_id = mentions[0].doc_id if mentions else f"ofac:{date or 'undated'}"
    text = "\n".join(m.sentence for m in mentions) or f"OFAC SDN list {date}: no additions."
    return Document(id=doc_id, text=text, title=f"OFAC SDN list changes {date or ''}".strip(),
                    outlet="OFAC", published=date, origin=origin, language="en")
