"""``fill``, ``scores``, ``demo`` and ``forms add``: capture and scores from the command line."""

from __future__ import annotations

from pathlib import Path

import click

from fieldapp.cli.common import Env, common_options, echo_json, echo_table, open_store
from fieldapp.i18n import _, ngettext


def register(cli: click.Group) -> None:
    for command in (fill, scores, demo):
        cli.add_command(command)
    forms_group = cli.commands["forms"]
    forms_group.add_command(forms_add)


@click.command()
@click.argument("form_id")
@click.option("--org", "org_id", required=True, help="The organization's id.")
@click.option("--round", "round_id", required=True, help="The round's id.")
@click.option("--answers", "answers_file", required=True, type=click.Path(path_type=Path),
              help="A JSON object: field name or path → answer.")
@click.option("--respondent", default=None, help="Who answered (a code, never a name).")
@click.option("--finalize", is_flag=True, help="Finalize (lock) the submission at once.")
@common_options
def fill(form_id: str, org_id: str, round_id: str, answers_file: Path, respondent: str | None,
         finalize: bool, env: Env) -> None:
    """Create a submission from answers in a JSON file and print its UUID.

    A bad answer stops everything: nothing is stored.

    Example: python main.py fill medios_de_vida --org COOP1 --round R2024 --answers a.json
    """
    from fieldapp.capture.fill import fill_submission
    from fieldapp.forms.trial import read_answers

    answers = read_answers(answers_file)
    with open_store(env) as db:
        uuid = fill_submission(db, form_id, org_id=org_id, round_id=round_id, answers=answers,
                               respondent=respondent, finalize=finalize, lang=env.lang)
    click.echo(uuid)


@click.command()
@click.option("--org", "org_id", required=True, help="The organization's id.")
@click.option("--round", "round_id", required=True, help="The round's id.")
@click.option("--drafts", is_flag=True, help="Score draft submissions instead of final ones.")
@common_options(json_output=True)
def scores(org_id: str, round_id: str, drafts: bool, env: Env) -> None:
    """An organization's scores for a round: areas, development index, livelihood indicator.

    Example: python main.py scores --org COOP1 --round R2024
    """
    from fieldapp.analysis.orgscores import org_round_scores

    with open_store(env, write=False) as db:
        data = org_round_scores(db, org_id, round_id, lang=env.lang,
                                status="draft" if drafts else "final")
    if env.as_json:
        echo_json(data)
        return
    click.echo(f"{data['org']['name']} ({data['org']['id']}) — {data['round']['name']}")
    if not data["forms"]:
        click.echo(_("No scored submissions for this organization and round."))
    for form in data["forms"]:
        click.echo("")
        click.echo(ngettext("{title}: {n} submission", "{title}: {n} submissions",
                            form["submissions"]).format(title=form["title"], n=form["submissions"]))
        rows = [[s["name"], s["label"], _score_text(s), _score_note(s)] for s in form["scores"]]
        echo_table([_("Score"), _("Name"), _("Value"), _("Notes")], rows)
    if data["drafts_excluded"]:
        click.echo(ngettext("{n} draft submission is not counted.",
                            "{n} draft submissions are not counted.",
                            data["drafts_excluded"]).format(n=data["drafts_excluded"]))


def _score_text(score: dict) -> str:
    value = score.get("value")
    if value is None:
        return _("insufficient data")
    from fieldapp.forms.bands import display_round

    # display_round, as reports do, so the number agrees with the band printed beside it
    percent = score["kind"] != "indicator" or "n" in score
    text = f"{display_round(value):.1f}" + ("%" if percent else "")
    if score.get("low") is not None:
        text += f" [{display_round(score['low']):.1f}; {display_round(score['high']):.1f}]"
    return text


def _score_note(score: dict) -> str:
    notes = []
    if score.get("band"):
        notes.append(score["band"])  # already in the form's language
    if score.get("status") == "partial":
        notes.append(_("partial"))
    if score.get("n") is not None and score["kind"] == "indicator" and "x" in score:
        notes.append(_("{x} of {n}").format(x=score["x"], n=score["n"]))
    if score.get("excluded"):
        notes.append(_("{n} excluded (DK/NR)").format(n=score["excluded"]))
    if score.get("target") is not None:
        notes.append(_("target {target:g}").format(target=score["target"]))
    return ", ".join(notes)


@click.command()
@common_options
def demo(env: Env) -> None:
    """Fill an empty database with fictional demo data (running it again changes nothing).

    Example: python main.py demo
    """
    from fieldapp.demo import load_demo

    with open_store(env) as db:
        report = load_demo(db)
    if report.created:
        click.echo(_("Demo data loaded: {orgs} organizations, {rounds} rounds, {subs} submissions.")
                   .format(orgs=report.organizations, rounds=report.rounds, subs=report.submissions))
    else:
        click.echo(_("The database already has data; nothing was changed."))


@click.command("add")
@click.argument("file", type=click.Path(path_type=Path))
@common_options
def forms_add(file: Path, env: Env) -> None:
    """Check a coordinator's XLSForm and register it (old versions are kept).

    Example: python main.py forms add mi_formulario.xlsx
    """
    from fieldapp.registry import add_form

    with open_store(env) as db:
        form = add_form(db, file)
    click.echo(_("Form {form_id} version {version} added.").format(
        form_id=form.form_id, version=form.version or "1"))
