"""List changes as PLOVER events: new sanctions are SANCTION, eased ones RETREAT."""

from __future__ import annotations

import datetime as dt

from escalada.signals.events import remarks_country, sanction_mentions
from escalada.signals.records import SanctionChange

DAY = dt.date(2024, 3, 4)


def test_additions_are_sanctions_and_removals_retreats():
    changes = [
        SanctionChange("added", 101, "NORTHWIND SHIPPING", "Vessel", ("IRAN",)),
        SanctionChange("removed", 102, "OLD HARBOUR TRADING", None, ("CUBA",)),
        SanctionChange("changed", 103, "GREY FALCON", "Individual", ("SDGT",),
                       changed_fields=("program",), lost_programs=("IRGC",)),
        SanctionChange("changed", 104, "BLUE LAKE", None, ("SDGT",),
                       changed_fields=("remarks",)),
    ]
    mentions = {m.recipient[0].name: m for m in sanction_mentions(changes, None, DAY)}
    assert mentions["NORTHWIND SHIPPING"].event_type == "SANCTION"
    assert mentions["OLD HARBOUR TRADING"].event_type == "RETREAT"
    assert mentions["GREY FALCON"].event_type == "RETREAT"
    assert mentions["GREY FALCON"].score > 0 > mentions["NORTHWIND SHIPPING"].score
    assert "BLUE LAKE" not in mentions  # an amended remark is no event
    assert "removed OLD HARBOUR TRADING from the SDN list" in mentions[
        "OLD HARBOUR TRADING"].sentence


def test_country_comes_from_the_remarks_of_a_person_or_an_entity():
    assert remarks_country("DOB 23 Nov 1962; nationality Venezuela; Gender Male.") == "VEN"
    assert remarks_country("Target Type Criminal Organization; "
                           "Nationality of Registration Panama.") == "PAN"
    assert remarks_country("Linked To: EXAMPLE TRADING CO.") is None
