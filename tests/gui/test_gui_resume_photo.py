"""A photo attached in an earlier session shows its thumbnail when the draft is resumed: the
window reads the stored bytes through the binding (the file chosen then may be long gone)."""

from __future__ import annotations

import pytest
from guidrive import close_app, open_new, pump, settle, shown, start_app

from tests.xlsform_md import md_to_xlsx

pytestmark = pytest.mark.gui

FORM = """
| survey   |
|          | type  | name   | label          |
|          | image | foto   | Foto de la finca |
|          | text  | nota   | Nota           |
| settings |
|          | form_id | version | form_title |
|          | finca   | 1       | Visita a la finca |
"""


def test_a_resumed_draft_shows_the_photo_attached_before(db_path, tmp_path):
    from PIL import Image

    from fieldapp.gui.opening import open_submission
    from fieldapp.registry import add_form
    from fieldapp.store import open_db

    db = open_db(db_path)
    try:
        add_form(db, md_to_xlsx(FORM, tmp_path / "finca.xlsx"))
    finally:
        db.conn.close()
    photo = tmp_path / "finca.png"
    Image.new("RGB", (640, 480), (30, 120, 60)).save(photo)

    shell = start_app(db_path, "es")
    try:
        view = open_new(shell, "finca")
        uuid = view.binding.uuid
        widget = view.page_view.widgets["foto"]
        assert widget.attach_file(photo)
        assert shown(widget.thumb)
    finally:
        close_app(shell)
    photo.unlink()  # only the database has the photo now

    shell = start_app(db_path, "es")
    try:
        open_submission(shell, uuid)
        pump(shell.root, until=lambda: shell.form_view is not None or shell.reporter.shown)
        assert not shell.reporter.shown
        settle(shell.root)
        widget = shell.form_view.page_view.widgets["foto"]
        assert widget.name.cget("text") == "finca.png"
        assert shown(widget.thumb) and widget.thumb.cget("image")
    finally:
        close_app(shell)
