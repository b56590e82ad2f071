"""The headline indicators (i1.1, i1.2, i2.1 with its difference) of each country or each
type of organization, for the network report's breakdown tables.

Added for the printed reports (issue "Printed reports"). It uses the indicators' own pieces
(``choose`` and ``assessment_rows`` for instrument A, ``Population`` and the estimates for
rule D) over the rows already read for the network's table (``records.shared_loads``), so a
breakdown equals the same figure of ``indicator_table`` for that country or type, at a
fraction of the cost of building every row of every table.
"""

from __future__ import annotations

from fieldapp.analysis import estimates
from fieldapp.analysis.assessment import assessment_rows, choose
from fieldapp.analysis.catalogue import ASSESSMENT, INDICATORS, RULE_D, SURVEY
from fieldapp.analysis.livelihood import FIELDS, Population
from fieldapp.analysis.records import Record, load_records
from fieldapp.analysis.results import IndicatorRow, IndicatorTable, RoundRef, Scope
from fieldapp.errors import FieldappError
from fieldapp.registry import load_form
from fieldapp.store.connection import Database
from fieldapp.store.orgs import Organization

HEADLINE = ("i1.1", "i1.2", "i2.1")


def _rule_d(record: Record) -> float | None:
    return record.scores.get(RULE_D, (None, ""))[0]


def headline_tables(db: Database, current: RoundRef, baseline: RoundRef | None,
                    groups: dict[str, dict[str, Organization]], *,
                    level: str) -> dict[str, IndicatorTable]:
    """Per group (a country code or a type of organization → its organizations), a table
    holding the headline rows and instrument A's summary.

    :param level: "country" or "type", written in each table's scope.
    """
    try:
        form = load_form(db, ASSESSMENT)
    except FieldappError:
        form = None
    ids = [org_id for orgs in groups.values() for org_id in orgs]
    a_now = load_records(db, ASSESSMENT, current.id, org_ids=ids).records
    a_before = load_records(db, ASSESSMENT, baseline.id, org_ids=ids).records if baseline else []
    b_now = load_records(db, SURVEY, current.id, org_ids=ids, fields=FIELDS).records
    b_before = (load_records(db, SURVEY, baseline.id, org_ids=ids, fields=FIELDS).records
                if baseline else [])
    people_now, people_before = _by_group(b_now, groups), _by_group(b_before, groups)
    tables = {}
    for key, orgs in groups.items():
        before = choose(a_before, orgs, form) if a_before else None
        if before is not None and not before.by_org:
            before = None
        rows, summary = assessment_rows(choose(a_now, orgs, form), before, orgs, form,
                                        census=False)
        rows = [row for row in rows if row.code in HEADLINE and row.group is None]
        people = Population(people_now[key], orgs, False)
        share = IndicatorRow("i2.1", INDICATORS["i2.1"].label, SURVEY, people.share(_rule_d))
        then = people_before[key]
        if then:
            share.baseline = Population(then, orgs, False).share(_rule_d)
            share.difference = estimates.share_difference(share.current, share.baseline)
        scope = Scope(level, country=key if level == "country" else None,
                      org_type=key if level == "type" else None)
        tables[key] = IndicatorTable(current, baseline, scope, [*rows, share], summary)
    return tables


def _by_group(records: list[Record], groups: dict[str, dict[str, Organization]]
              ) -> dict[str, list[Record]]:
    """The records of each group's organizations, in their order (one pass for all groups)."""
    out: dict[str, list[Record]] = {key: [] for key in groups}
    member_of: dict[str, list[str]] = {}
    for key, orgs in groups.items():
        for org_id in orgs:
            member_of.setdefault(org_id, []).append(key)
    for record in records:
        for key in member_of.get(record.org_id, ()):
            out[key].append(record)
    return out
