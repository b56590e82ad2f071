"""Submission lists a page at a time: form order, newest first, search, counts."""

from __future__ import annotations

from fieldapp.store import clock
from fieldapp.store.submission_list import submission_page
from fieldapp.store.submissions import create_submission, delete_draft


def _stamp(n: int) -> str:
    return f"2024-05-01T10:{n // 60:02d}:{n % 60:02d}.000Z"


def test_pages_follow_form_order_then_newest(seeded_db, monkeypatch):
    from fieldapp.store.formsreg import register_form

    register_form(seeded_db, form_id="g", version="1", workbook=b"g", file_name="g.xlsx")
    made = []
    for n in range(25):
        monkeypatch.setattr(clock, "now", lambda n=n: _stamp(n))
        form = "g" if n % 5 == 0 else "f"
        made.append((form, n, create_submission(
            seeded_db, form_id=form, form_version="1", org_id="C1", round_id="R24",
            respondent=f"Socia {n}")))
    expected = [uuid for _f, _n, uuid in sorted(made, key=lambda m: (m[0] != "g", -m[1]))]
    first = submission_page(seeded_db, org="C1", round="R24", form_order=["g", "f"], limit=10)
    assert (first.total, first.more) == (25, True)
    second = submission_page(seeded_db, org="C1", round="R24", form_order=["g", "f"],
                             offset=10, limit=10)
    third = submission_page(seeded_db, org="C1", round="R24", form_order=["g", "f"],
                            offset=20, limit=10)
    assert not third.more
    assert [s.uuid for p in (first, second, third) for s in p.rows] == expected
    delete_draft(seeded_db, expected[0])
    assert submission_page(seeded_db, org="C1", round="R24").total == 24
    assert submission_page(seeded_db, org="C1", round="R22").total == 0


def test_search_ignores_accents_and_case_and_reads_every_page(seeded_db):
    for n in range(30):
        create_submission(seeded_db, form_id="f", form_version="1", org_id="C1",
                          round_id="R24", respondent=f"Socio {n}")
    wanted = create_submission(seeded_db, form_id="f", form_version="1", org_id="C1",
                               round_id="R24", respondent="José Ñuñez 100%")
    for typed in ("jose", "ÑUÑEZ", "josé ñuñez", "100%", wanted[:6]):
        page = submission_page(seeded_db, org="C1", round="R24", search=typed, limit=5)
        assert [s.uuid for s in page.rows] == [wanted], typed
    assert submission_page(seeded_db, org="C1", round="R24", search="socio 1",
                           limit=100).total == 11  # 1, 10 … 19
