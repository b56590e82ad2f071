"""Organizations: the producer organizations, cooperatives and workers' associations assessed."""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass, fields

from fieldapp.errors import InputError, StoreError
from fieldapp.formatting import territories
from fieldapp.i18n import N_
from fieldapp.store import clock
from fieldapp.store.connection import Database
from fieldapp.store.database import atomic, guarded, rows
from fieldapp.store.values import clean_id, clean_list, clean_text, fold, parse_count

ORG_TYPES: dict[str, str] = {
    "spo": N_("small producer organization"),
    "cooperative": N_("cooperative"),
    "workers_association": N_("workers' association"),
    "second_level": N_("second-level organization"),
}
# What people write in a spreadsheet (compared after ``fold``), in es/en/pt.
_TYPE_ALIASES = {
    "spo": (
        "opp", "small producer organization", "small producers organization",
        "small producer organisation", "organizacion de pequenos productores",
        "organizacao de pequenos produtores", "pequenos productores",
    ),
    "cooperative": ("coop", "co op", "cooperativa", "cooperativo"),
    "workers_association": (
        "workers association", "worker association", "asociacion de trabajadores",
        "associacao de trabalhadores", "trabajadores", "hired labour", "hired labor",
    ),
    "second_level": (
        "second level", "second level organization", "segundo nivel", "segundo grado",
        "organizacion de segundo nivel", "organizacion de segundo grado",
        "organizacao de segundo nivel", "segundo grau",
    ),
}
# Babel territory codes that are not countries.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}

# The data columns of an organization: what a re-import compares to tell "unchanged".
_DATA = (
    "name", "type", "country", "country_name", "products",
    "members_women", "members_men", "members_total", "workers_total",
)


@dataclass(slots=True)
class Organization:
    """An assessed organization; ``country`` is the ISO 3166-1 alpha-2 code."""

    id: str
    name: str
    type: str
    country: str
    country_name: str = ""
    products: str = ""
    members_women: int | None = None
    members_men: int | None = None
    members_total: int | None = None
    created_at: str = ""
    updated_at: str = ""
    workers_total: int | None = None  # hired workers: the weight of their stratum (§5.5)


@dataclass(slots=True)
class SaveCounts:
    """How many organizations a save added, changed and found already as given."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0


def org_type(value: object) -> str:
    """The type code (``cooperative`` …) for a code or a name in es/en/pt.

    :raises InputError: STORE_021 for an unknown type
    """
    key = fold(str(value or ""))
    for code, aliases in _TYPE_ALIASES.items():
        if key == fold(code) or key in aliases:
            return code
    raise InputError("STORE_021", field="type", value=value, choices=", ".join(ORG_TYPES))


@functools.lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    """({code: Spanish name}, {folded name or code in es/en/pt: code})."""
    names = {
        code: name
        for code, name in territories("es").items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    }
    lookup = {fold(code): code for code in names}
    for lang in ("pt", "en", "es"):  # later languages win ties
        for code, name in territories(lang).items():
            if code in names:
                lookup[fold(name)] = code
    return names, lookup


def resolve_country(value: object) -> tuple[str, str]:
    """(ISO code, Spanish name) for a code (``PE``) or a name (``Perú``, ``Peru``).

    :raises InputError: STORE_022 for an unknown country
    """
    names, lookup = _countries()
    code = lookup.get(fold(str(value or "")))
    if code is None:
        raise InputError("STORE_022", field="country", value=value)
    return code, names[code]


def make_organization(
    *,
    id: object,
    name: object,
    type: object,
    country: object,
    products: object = "",
    women: object = None,
    men: object = None,
    total: object = None,
    workers: object = None,
) -> Organization:
    """A checked, normalized organization (not stored). The total defaults to women + men.

    :raises StoreError: naming the ``field`` that is wrong
    """
    code, country_name = resolve_country(country)
    org = Organization(
        id=clean_id(id),
        name=clean_text(name, "name"),
        type=org_type(type),
        country=code,
        country_name=country_name,
        products=clean_list(products),
        members_women=parse_count(women, "women"),
        members_men=parse_count(men, "men"),
        members_total=parse_count(total, "total"),
        workers_total=parse_count(workers, "workers"),
    )
    known = [n for n in (org.members_women, org.members_men) if n is not None]
    if org.members_total is None and len(known) == 2:
        org.members_total = sum(known)
    elif org.members_total is not None and sum(known) > org.members_total:
        raise InputError("STORE_025", field="total", total=org.members_total, sum=sum(known))
    return org


@guarded
def find_organization(db: Database, org_id: str) -> Organization | None:
    """The organization with this id, or None."""
    found = rows(db, "SELECT * FROM organizations WHERE id = ?", (org_id,))
    return Organization(**found[0]) if found else None


def get_organization(db: Database, org_id: str) -> Organization:
    """The organization with this id.

    :raises StoreError: STORE_010 if there is none
    """
    org = find_organization(db, org_id)
    if org is None:
        raise StoreError("STORE_010", id=org_id)
    return org


@guarded
def list_organizations(db: Database) -> list[Organization]:
    """All organizations, by country then name."""
    found = rows(db, "SELECT * FROM organizations ORDER BY country, name COLLATE NOCASE, id")
    return [Organization(**row) for row in found]


def _upsert(db: Database, org: Organization, stamp: str) -> None:
    data = asdict(org)
    data["created_at"] = data["created_at"] or stamp
    data["updated_at"] = stamp
    names = [f.name for f in fields(Organization)]
    db.conn.execute(
        f"INSERT INTO organizations ({', '.join(names)})"
        f" VALUES ({', '.join(':' + n for n in names)})"
        f" ON CONFLICT (id) DO UPDATE SET {', '.join(f'{n} = excluded.{n}' for n in _DATA)},"
        " updated_at = excluded.updated_at",
        data,
    )


@guarded
def save_organizations(db: Database, orgs: list[Organization]) -> SaveCounts:
    """Add or update ``orgs`` in one transaction (all or none)."""
    counts = SaveCounts()
    stamp = clock.now()
    with atomic(db):
        for org in orgs:
            old = find_organization(db, org.id)
            if old is None:
                counts.added += 1
            elif all(getattr(old, n) == getattr(org, n) for n in _DATA):
                counts.unchanged += 1
                continue
            else:
                counts.updated += 1
                org.created_at = old.created_at
            _upsert(db, org, stamp)
    return counts


@guarded
def add_organization(db: Database, **values: object) -> Organization:
    """Check and store a new organization (keywords as ``make_organization``).

    :raises StoreError: STORE_020 if the id exists, or naming the wrong field
    """
    org = make_organization(**values)  # type: ignore[arg-type]
    with atomic(db):
        if find_organization(db, org.id) is not None:
            raise StoreError("STORE_020", id=org.id)
        save_organizations(db, [org])
    return get_organization(db, org.id)


@guarded
def update_organization(db: Database, org_id: str, **changes: object) -> Organization:
    """Change some fields (keywords as ``make_organization``, except ``id``) of one organization.

    :raises StoreError: STORE_010 if there is none, or naming the wrong field
    """
    with atomic(db):
        old = get_organization(db, org_id)
        values: dict[str, object] = {
            "id": old.id, "name": old.name, "type": old.type, "country": old.country,
            "products": old.products, "women": old.members_women, "men": old.members_men,
            "total": old.members_total, "workers": old.workers_total,
        }
        derived = old.members_total == (old.members_women or 0) + (old.members_men or 0)
        if derived and "total" not in changes and ("women" in changes or "men" in changes):
            values["total"] = None  # it was women + men: recompute it
        values.update({k: v for k, v in changes.items() if k != "id"})
        save_organizations(db, [make_organization(**values)])  # type: ignore[arg-type]
    return get_organization(db, org_id)
