"""fieldapp.csvio: CSV files read as Excel and LibreOffice save them, written as they open them."""

from __future__ import annotations

import codecs
import csv
import io

import pytest

from fieldapp.csvio import (
    CsvWriter, cell, decode, neutralise, read_csv, read_csv_file, sniff_delimiter, write_csv,
)
from fieldapp.errors import CsvError

HEADER = "id;nombre;país\r\n"
ROWS = "CACAO-DO;Cooperativa Ñandú;DO\r\n\r\nCAFE-PE;\"Asociación \"\"Café\"\" Perú\";PE\r\n"


@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("cp1252", b""), ("utf-16", b""),
])
def test_reads_what_excel_saves(encoding: str, prefix: bytes) -> None:
    data = prefix + (HEADER + ROWS).encode(encoding)
    table = read_csv(data, source="orgs.csv")
    assert table.header == ["id", "nombre", "país"]
    assert table.delimiter == ";"
    assert [r.line for r in table.rows] == [2, 4]  # the blank line 3 is dropped, lines kept
    assert table.rows[0].cells == ["CACAO-DO", "Cooperativa Ñandú", "DO"]
    assert table.rows[1].cells[1] == 'Asociación "Café" Perú'
    assert dict(table.records())[4]["país"] == "PE"


def test_a_multiline_cell_keeps_the_line_where_its_row_starts() -> None:
    data = b'id,notas\n1,"uno\ndos"\n2,tres\n'
    table = read_csv(data, source="x.csv")
    assert [(r.line, r.cells[1]) for r in table.rows] == [(2, "uno\ndos"), (4, "tres")]


def test_delimiters_are_sniffed_from_the_header() -> None:
    assert sniff_delimiter("a,b,c") == ","
    assert sniff_delimiter("a;b;c") == ";"
    assert sniff_delimiter("a\tb\tc") == "\t"
    assert sniff_delimiter("solo") == ","


def test_an_unclosed_quote_names_the_line_where_it_opens() -> None:
    data = b'id,nombre\n1,ok\n2,"sin cerrar\n3,otra\n'
    with pytest.raises(CsvError) as info:
        read_csv(data, source="x.csv")
    assert info.value.code == "CSV_006"
    assert info.value.context["line"] == 3


@pytest.mark.parametrize("data,code", [
    (b"", "CSV_001"), (b"\r\n \r\n", "CSV_001"), (b"id,x\n1,\x00\n", "CSV_004"),
])
def test_empty_or_binary_files_are_refused(data: bytes, code: str) -> None:
    with pytest.raises(CsvError) as info:
        read_csv(data, source="x.csv")
    assert info.value.code == code
    assert "x.csv" in str(info.value)


def test_a_chosen_encoding_is_used_and_a_wrong_one_refused() -> None:
    data = "id,nombre\n1,Ñandú\n".encode("cp850")
    assert read_csv(data, source="x.csv", encoding="cp850").rows[0].cells[1] == "Ñandú"
    with pytest.raises(CsvError) as info:
        decode(b"\xff\xfe\xfa", source="x.csv", encoding="utf-8")
    assert info.value.code == "CSV_002"
    with pytest.raises(CsvError) as info:
        decode(b"abc", source="x.csv", encoding="klingon")
    assert info.value.code == "CSV_005"


def test_a_folder_or_missing_file_is_named(tmp_path) -> None:
    with pytest.raises(CsvError) as info:
        read_csv_file(tmp_path)
    assert info.value.code == "CSV_007"
    with pytest.raises(CsvError) as info:
        read_csv_file(tmp_path / "missing.csv")
    assert info.value.code == "CSV_008"


@pytest.mark.parametrize("payload", ["=1+1", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx",
                                     "=HYPERLINK(\"http://x\",\"y\")"])
def test_formula_like_text_is_neutralised(payload: str) -> None:
    assert neutralise(payload) == "'" + payload
    assert cell(payload) == "'" + payload


def test_plain_values_are_kept() -> None:
    assert neutralise("Café") == "Café"
    assert cell(None) == "" and cell(float("nan")) == ""
    assert cell(-3) == "-3" and cell(2.5) == "2.5" and cell(2.0) == "2"
    assert cell(2.5, "excel-es") == "2,5" and cell(True) == "1"


def test_utf8_file_round_trips_with_bom(tmp_path) -> None:
    path = tmp_path / "out.csv"
    rows = [["a", 1, 0.5, None, "=cmd"], ["Ñandú, \"x\"", -2, 1e-7, "", "línea\nnueva"]]
    assert write_csv(path, ["t", "i", "f", "n", "s"], rows) == 2
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    back = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert back[0] == ["t", "i", "f", "n", "s"]
    assert back[1] == ["a", "1", "0.5", "", "'=cmd"]
    assert back[2] == ["Ñandú, \"x\"", "-2", "1e-07", "", "línea\nnueva"]
    assert float(back[2][2]) == 1e-7


def test_excel_es_round_trips_through_a_semicolon_decimal_comma_reader(tmp_path) -> None:
    path = tmp_path / "out.csv"
    write_csv(path, ["org", "indice"], [["A; B", 85.25], ["C", 70.0]], dialect="excel-es")
    table = read_csv_file(path)
    assert table.delimiter == ";"
    assert [r.cells for r in table.rows] == [["A; B", "85,25"], ["C", "70"]]
    assert float(table.rows[0].cells[1].replace(",", ".")) == 85.25


def test_writer_streams_many_rows() -> None:
    stream = io.StringIO()
    writer = CsvWriter(stream)
    writer.rows([i, f"r{i}"] for i in range(3))
    assert stream.getvalue() == "0,r0\r\n1,r1\r\n2,r2\r\n"
    with pytest.raises(ValueError):
        CsvWriter(stream, "excel-fr")  # type: ignore[arg-type]
