"""``scores``: an organization's scores for a round."""

from __future__ import annotations

import click

from fieldapp.cli.common import Env, common_options, echo_json, echo_table, open_store
from fieldapp.i18n import _, ngettext


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
        echo_json(data.as_dict())
        return
    click.echo(f"{data.org.name} ({data.org.id}) — {data.round.name}")
    if not data.forms:
        click.echo(_("No scored submissions for this organization and round."))
    for form in data.forms:
        click.echo("")
        click.echo(ngettext("{title}: {n} submission", "{title}: {n} submissions",
                            form.submissions).format(title=form.title, n=form.submissions))
        rows = [[s.name, s.label, _score_text(s, env.lang), _score_note(s, form.census)]
                for s in form.scores]
        echo_table([_("Score"), _("Name"), _("Value"), _("Notes")], rows)
        if form.also_recorded:
            click.echo(_("Also recorded, not counted: {uuids}").format(
                uuids=", ".join(u[:8] for u in form.also_recorded)))
    if data.drafts_excluded:
        click.echo(ngettext("{n} draft submission is not counted.",
                            "{n} draft submissions are not counted.",
                            data.drafts_excluded).format(n=data.drafts_excluded))


def _score_text(score, lang: str) -> str:
    from fieldapp.formatting import score_text

    if score.suppressed:
        return _("insufficient n (n = {n})").format(n=score.n)
    if score.value is None and score.status == "not_applicable":
        return _("not applicable")
    return score_text(score.value, low=score.low, high=score.high, lang=lang)


def _score_note(score, census: bool) -> str:
    notes = []
    if score.band:
        notes.append(score.band)  # already in the form's language
    if score.status == "partial":
        notes.append(_("partial"))
    if score.kind == "indicator" and score.x is not None:
        notes.append(_("{x} of {n}").format(x=score.x, n=score.n))
    elif not census and score.kind != "indicator":
        notes.append(_("n = {n}").format(n=score.n))
    if score.excluded:
        notes.append(_("{n} excluded (DK/NR)").format(n=score.excluded))
    if score.target is not None:
        notes.append(_("target {target:g}").format(target=score.target))
    return ", ".join(notes)
