"""The form window's seam (``gui/binding.py``): both bindings define every member of the
protocol, and the window never probes a binding for what it may lack."""

from __future__ import annotations

import re
from pathlib import Path

from fieldapp.capture import CaptureSession, open_capture, start_capture
from fieldapp.errors import FinalizeError
from fieldapp.forms.session import FormSession
from fieldapp.gui.binding import Binding, PreviewBinding
from fieldapp.registry import add_form
from fieldapp.store.orgs import add_organization
from fieldapp.store.rounds import add_round
from tests.xlsform_md import md_to_xlsx

ROOT = Path(__file__).resolve().parents[1]
FORM = """
| survey   |
|          | type  | name | label | required |
|          | image | foto | Foto  |          |
|          | text  | nota | Nota  | yes      |
| settings |
|          | form_id | version |
|          | finca   | 1       |
"""


def _members() -> set[str]:
    return set(Binding.__annotations__) | {name for name in vars(Binding)
                                           if not name.startswith("_")}


def test_both_bindings_define_the_whole_protocol():
    expected = {"session", "form", "stored", "uuid", "status", "read_only", "current_page",
                "set", "add_repeat", "remove_repeat", "attach", "attachment_bytes",
                "set_page", "problems", "finalize", "reopen", "close", "pending",
                "save_pending", "busy_with"}
    assert _members() == expected
    for cls in (CaptureSession, PreviewBinding):
        missing = [m for m in expected - {"session", "form"} if not hasattr(cls, m)]
        assert missing == [], cls.__name__


def test_the_window_does_not_probe_its_binding():
    probes = re.compile(r"(getattr|hasattr)\([^)]*(binding|host)\b")
    found = [f"{p.relative_to(ROOT)}:{n}" for p in sorted((ROOT / "fieldapp" / "gui").rglob("*.py"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if probes.search(line)]
    assert found == []


def test_a_stored_capture_and_a_preview_are_bindings(db, db_path, tmp_path):
    from PIL import Image

    add_organization(db, id="C1", name="Coop", type="cooperative", country="PE")
    add_round(db, id="R1", name="2024", year=2024)
    form = add_form(db, md_to_xlsx(FORM, tmp_path / "finca.xlsx"))
    photo = tmp_path / "p.png"
    Image.new("RGB", (4, 4), "red").save(photo)

    capture = start_capture(db_path, "finca", org_id="C1", round_id="R1", db=db)
    preview = PreviewBinding(FormSession(form))
    for binding in (capture, preview):
        assert isinstance(binding, Binding)
        binding.attach("foto", photo)
        assert binding.attachment_bytes("p.png") == photo.read_bytes()
        assert binding.attachment_bytes("other.png") is None
        try:
            binding.finalize()
        except FinalizeError as exc:
            assert [p.path for p in exc.problems] == ["nota"]
        else:
            raise AssertionError("finalized with a required answer missing")
    assert capture.stored and not preview.stored
    photo.unlink()
    resumed = open_capture(db_path, capture.uuid, db=db)
    assert resumed.attachment_bytes("p.png")[:4] == b"\x89PNG"  # from the database
