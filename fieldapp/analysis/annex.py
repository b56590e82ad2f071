"""One line per organization for the network report's annex: its development index and band
in the round, the change since the baseline, and its own livelihood share (rule D) with n.

Added for the printed reports (issue "Printed reports"); it reads the same records as the
indicators and uses their estimates, so a line equals the organization's own table.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp.analysis import estimates
from fieldapp.analysis.assessment import choose
from fieldapp.analysis.catalogue import ASSESSMENT, RULE_D, SURVEY
from fieldapp.analysis.livelihood import FIELDS
from fieldapp.analysis.records import load_records
from fieldapp.analysis.results import Estimate
from fieldapp.forms.bands import band_for
from fieldapp.forms.model import Form
from fieldapp.store.connection import Database
from fieldapp.store.orgs import Organization


@dataclass(slots=True)
class OrganizationLine:
    """An organization's line: index (None without a valid one), its status and band, the
    change since the baseline in points (both rounds assessed), and its rule-D share."""

    org_id: str
    org_name: str
    country: str
    org_type: str
    index: float | None
    index_status: str
    band: str | None
    change: float | None
    livelihood: Estimate


def organization_lines(db: Database, round_id: str, baseline_round_id: str | None,
                       orgs: dict[str, Organization], form: Form | None) -> list[OrganizationLine]:
    """The annex lines of ``orgs``, in name order."""
    ids = list(orgs)
    now = choose(load_records(db, ASSESSMENT, round_id, org_ids=ids).records, orgs, form)
    before = (choose(load_records(db, ASSESSMENT, baseline_round_id, org_ids=ids).records, orgs,
                     form) if baseline_round_id else None)
    counts: dict[str, list[int]] = {}
    # the indicators' own fields: inside ``shared_loads`` this is the read they already made
    for record in load_records(db, SURVEY, round_id, org_ids=ids, fields=FIELDS).records:
        value = record.scores.get(RULE_D, (None, ""))[0]
        if value is not None:
            counts.setdefault(record.org_id, [0, 0])
            counts[record.org_id][0] += int(value)
            counts[record.org_id][1] += 1
    bands = next((s.bands for s in (form.scores if form else []) if s.name == "IDO"), ())
    lines = []
    for org in sorted(orgs.values(), key=lambda o: o.name.lower()):
        record = now.by_org.get(org.id)
        base = before.by_org.get(org.id) if before else None
        index = record.index if record else None
        change = None
        if index is not None and base is not None and base.index is not None:
            change = index - base.index
        x, n = counts.get(org.id, (0, 0))
        lines.append(OrganizationLine(
            org.id, org.name, org.country, org.type, index,
            record.index_status if record else "", band_for(bands, index) if bands else None,
            change, estimates.share(x, n)))
    return lines
