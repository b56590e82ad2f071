"""``orgs import``: CSV files as Excel and LibreOffice save them; a bad row imports nothing."""

from __future__ import annotations

import codecs

import pytest

from fieldapp.errors import CsvError, InputError
from fieldapp.store.orgs import add_organization, get_organization, list_organizations
from fieldapp.store.orgs_csv import import_organizations

SPANISH = (
    "Código;Nombre;Tipo;País;Productos;Socias;Socios\r\n"
    "CAC-PE;Cooperativa Agraria Cafetalera;cooperativa;Perú;café, cacao;120;310\r\n"
    "APIC-MX;Apicultores del Sur;OPP;México;miel;45;60\r\n"
)
ENGLISH = (
    "id,name,type,country,products,women,men,notes\n"
    'BAN-CO,"Bananeros Unidos, S.A.",workers association,CO,bananas,80,200,visited\n'
)


def test_utf8_with_bom_and_english_headers(db, tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_bytes(codecs.BOM_UTF8 + ENGLISH.encode("utf-8"))
    result = import_organizations(db, path)
    assert (result.added, result.updated, result.unchanged) == (1, 0, 0)
    assert result.ignored_columns == ["notes"]
    org = get_organization(db, "BAN-CO")
    assert (org.name, org.type, org.members_total) == (
        "Bananeros Unidos, S.A.", "workers_association", 280)


def test_excel_spanish_locale_cp1252_with_semicolons(db, tmp_path):
    path = tmp_path / "organizaciones.csv"
    path.write_bytes(SPANISH.encode("cp1252"))
    result = import_organizations(db, path)
    assert result.added == 2
    org = get_organization(db, "CAC-PE")
    assert (org.name, org.country, org.products, org.members_women) == (
        "Cooperativa Agraria Cafetalera", "PE", "café, cacao", 120)
    assert get_organization(db, "APIC-MX").country_name == "México"


def test_reimport_is_idempotent_and_updates_in_place(db, tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text(SPANISH, encoding="utf-8")
    import_organizations(db, path)
    stamps = {o.id: o.updated_at for o in list_organizations(db)}
    again = import_organizations(db, path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    assert {o.id: o.updated_at for o in list_organizations(db)} == stamps
    path.write_text(SPANISH.replace(";120;", ";125;"), encoding="utf-8")
    changed = import_organizations(db, path)
    assert (changed.added, changed.updated, changed.unchanged) == (0, 1, 1)
    assert get_organization(db, "CAC-PE").members_women == 125
    assert len(list_organizations(db)) == 2


def test_a_bad_row_names_file_line_and_column_and_imports_nothing(db, tmp_path):
    add_organization(db, id="OLD", name="Ya estaba", type="spo", country="PE")
    path = tmp_path / "orgs.csv"
    path.write_text(SPANISH + "MAL-01;Mala;cooperativa;Narnia;café;1;2\r\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        import_organizations(db, path)
    error = info.value
    assert (error.code, error.context["line"], error.context["column"]) == ("STORE_022", 4, "País")
    assert str(path) in str(error) and "line 4" in str(error) and "'Narnia'" in str(error)
    assert [o.id for o in list_organizations(db)] == ["OLD"]


@pytest.mark.parametrize("row, code, column", [
    ("X;;cooperativa;PE;;1;2", "STORE_024", "Nombre"),
    ("X;Equis;empresa;PE;;1;2", "STORE_021", "Tipo"),
    ("X;Equis;spo;PE;;muchas;2", "STORE_023", "Socias"),
    ("CAC-PE;Otra vez;spo;PE;;1;2", "STORE_032", "Código"),
])
def test_each_kind_of_bad_cell(db, tmp_path, row, code, column):
    path = tmp_path / "orgs.csv"
    path.write_text(SPANISH + row + "\r\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        import_organizations(db, path)
    assert (info.value.code, info.value.context["line"], info.value.context["column"]) == (
        code, 4, column)
    assert list_organizations(db) == []


def test_missing_column_and_unreadable_files(db, tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text("id;nombre;tipo\nX;Equis;spo\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        import_organizations(db, path)
    assert (info.value.code, info.value.context["name"]) == ("STORE_030", "país (country)")
    path.write_bytes(b"")
    with pytest.raises(CsvError) as info:
        import_organizations(db, path)
    assert info.value.code == "CSV_001"
    with pytest.raises(CsvError) as info:
        import_organizations(db, tmp_path / "missing.csv")
    assert info.value.code == "CSV_008"


def test_blank_lines_are_skipped_and_lines_still_count(db, tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text("id,name,type,country\n\nA,Alfa,spo,PE\n,,,\nB,Beta,spo,XX\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as info:
        import_organizations(db, path)
    assert info.value.context["line"] == 5
