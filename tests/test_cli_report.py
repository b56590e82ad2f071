"""``report coop`` and ``report network``, run through click's CliRunner on the demo data."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from fieldapp.cli import cli


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    from fieldapp.demo import load_demo
    from fieldapp.store.database import open_db

    path = tmp_path_factory.mktemp("cli-demo") / "demo.db"
    db = open_db(path)
    load_demo(db)
    db.close()
    return path


def _run(db_path, *args, code=0, lang="en"):
    result = CliRunner().invoke(cli, ["--lang", lang, "--db", str(db_path), *args],
                                catch_exceptions=False)
    assert result.exit_code == code, result.output + result.stderr
    return result


def test_report_coop_one_organization(demo_path, tmp_path):
    out = tmp_path / "cacao.pdf"
    result = _run(demo_path, "report", "coop", "--org", "CACAO-DO", "--round", "R2024",
                  "--paper", "letter", "--out", str(out))
    pages = len(PdfReader(out).pages)
    assert f"({pages} pages)" in result.output
    assert round(float(PdfReader(out).pages[0].mediabox.width)) == 612


def test_report_coop_all_prints_progress(demo_path, tmp_path):
    result = _run(demo_path, "report", "coop", "--all", "--round", "R2024", "--out",
                  str(tmp_path / "all"), lang="pt")
    assert len(list((tmp_path / "all").glob("*_R2024_pt.pdf"))) == 12
    assert "Relatórios: 12 de 12" in result.stderr
    assert re.search(r"12 relatórios gravados", result.output)


def test_report_network_with_country(demo_path, tmp_path):
    out = tmp_path / "pe.pdf"
    _run(demo_path, "report", "network", "--round", "R2024", "--baseline", "LB2022",
         "--country", "PE", "--out", str(out))
    page = PdfReader(out).pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape


def test_org_and_all_are_exclusive(demo_path, tmp_path):
    result = _run(demo_path, "report", "coop", "--round", "R2024", "--out", str(tmp_path),
                  code=2)
    assert "--org ORG or --all" in result.output + result.stderr


def test_unknown_organization_is_a_clear_error(demo_path, tmp_path):
    result = _run(demo_path, "report", "coop", "--org", "NOPE", "--round", "R2024", "--out",
                  str(tmp_path / "x.pdf"), code=1)
    assert "NOPE" in result.stderr and "Traceback" not in result.stderr


def test_unwritable_output_is_a_clear_error(demo_path, tmp_path):
    result = _run(demo_path, "report", "coop", "--org", "CACAO-DO", "--round", "R2024",
                  "--out", str(tmp_path / "missing" / "x.pdf"), code=1)
    assert "cannot be written" in result.stderr and "Traceback" not in result.stderr


def test_every_report_command_has_help():
    for name in ("coop", "network"):
        result = CliRunner().invoke(cli, ["report", name, "--help"], catch_exceptions=False)
        assert result.exit_code == 0 and "Example:" in result.output
