"""``fill``: a submission from answers in a JSON file."""

from __future__ import annotations

from pathlib import Path

import click

from fieldapp.cli.common import Env, common_options, open_store


@click.command()
@click.argument("form_id")
@click.option("--org", "org_id", required=True, help="The organization's id.")
@click.option("--round", "round_id", required=True, help="The round's id.")
@click.option("--answers", "answers_file", required=True, type=click.Path(path_type=Path),
              help="A JSON object: field name or path → answer.")
@click.option("--respondent", default=None, help="Who answered (a code, never a name).")
@click.option("--finalize", is_flag=True, help="Finalize (lock) the submission at once.")
@click.option("--form-lang", default=None,
              help="Language of the form's messages (any label::X of the form, e.g. fr).")
@common_options
def fill(form_id: str, org_id: str, round_id: str, answers_file: Path, respondent: str | None,
         finalize: bool, form_lang: str | None, env: Env) -> None:
    """Create a submission from answers in a JSON file and print its UUID.

    A bad answer stops everything: nothing is stored.

    Example: python main.py fill medios_de_vida --org COOP1 --round R2024 --answers a.json
    """
    from fieldapp.capture.fill import fill_submission
    from fieldapp.forms.trial import read_answers

    answers = read_answers(answers_file)
    with open_store(env) as db:
        uuid = fill_submission(db, form_id, org_id=org_id, round_id=round_id, answers=answers,
                               respondent=respondent, finalize=finalize,
                               lang=env.lang, form_lang=form_lang)
    click.echo(uuid)
