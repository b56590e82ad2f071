"""``indicators``: the network's indicator table, external baselines and targets, stored
scores (recompute, rescale)."""

from __future__ import annotations

from pathlib import Path

import click

from fieldapp.cli.common import (Env, FieldappGroup, common_options, echo_json, echo_table,
                                 open_store)
from fieldapp.i18n import _


@click.group("indicators", cls=FieldappGroup, invoke_without_command=True)
@click.option("--round", "round_id", default=None, help="The round to report (e.g. R2024).")
@click.option("--baseline", default=None,
              help="The round to compare with (default: the baseline round).")
@click.option("--country", default=None, help="Only this country (code or name).")
@click.option("--type", "org_type", default=None, help="Only this type of organization.")
@click.option("--org", "org_id", default=None, help="Only this organization.")
@common_options(json_output=True)
@click.pass_context
def indicators(ctx: click.Context, round_id: str | None, baseline: str | None,
               country: str | None, org_type: str | None, org_id: str | None,
               env: Env) -> None:
    """The indicator table of a round: code, indicator, baseline, current, difference,
    target, n and notes, for the network, a country, a type or one organization.

    Example: python main.py indicators --round R2024 --baseline LB2022 --country PE
    """
    if ctx.invoked_subcommand is not None:
        return
    if not round_id:
        raise click.UsageError(_("Missing option '--round'."))
    from fieldapp.analysis.indicators import indicator_table
    from fieldapp.cli.indicator_text import print_table

    with open_store(env, write=False) as db:
        table = indicator_table(db, round_id, baseline=baseline, country=country,
                                org_type_=org_type, org_id=org_id)
    if env.as_json:
        echo_json(table.as_dict())
        return
    print_table(table, env.lang)


@indicators.command("recompute")
@click.option("--form", "form_id", default=None, help="Only this form (default: all).")
@click.option("--stale", is_flag=True, help="Only submissions whose scores are not stored.")
@common_options
def recompute(form_id: str | None, stale: bool, env: Env) -> None:
    """Compute and store again the scores of final submissions.

    Example: python main.py indicators recompute --stale
    """
    from fieldapp.storedscores import recompute_scores

    with open_store(env) as db:
        count = recompute_scores(db, form_id=form_id, stale_only=stale)
    click.echo(_("Scores stored for {n} submission(s).").format(n=count))


@indicators.command("rescale")
@click.argument("form_id")
@click.argument("score")
@click.argument("method", type=click.Choice(["range", "max", "workbook"]))
@common_options
def rescale(form_id: str, score: str, method: str, env: Env) -> None:
    """Choose how a mean score is rescaled to 0–100: 'range' (mean − min)/(max − min),
    'max' mean/max (to match an earlier baseline's method), or 'workbook' (as the form's
    scoring sheet says). The stored scores of the form are recomputed.

    Example: python main.py indicators rescale desarrollo_organizacional A1 max
    """
    from fieldapp.storedscores import set_rescale

    with open_store(env) as db:
        count = set_rescale(db, form_id, score, None if method == "workbook" else method)
    click.echo(_("Scores stored for {n} submission(s).").format(n=count))


@indicators.group("baselines", cls=FieldappGroup)
def baselines() -> None:
    """Values measured outside fieldapp (a baseline on paper), used where no captured round
    is the baseline.

    Example: python main.py indicators baselines import linea_base_2022.csv
    """


@baselines.command("list")
@common_options(json_output=True)
def baselines_list(env: Env) -> None:
    """The external values entered.

    Example: python main.py indicators baselines list
    """
    from dataclasses import asdict

    from fieldapp.store.baselines import list_external_values

    with open_store(env, write=False) as db:
        found = list_external_values(db)
    if env.as_json:
        echo_json([asdict(v) for v in found])
        return
    echo_table([_("Code"), _("Level"), _("Unit"), _("Year"), _("Value"), "n", _("Interval"),
                _("Source")],
               [[v.indicator, v.level, v.unit, v.year, f"{v.value:g}",
                 "" if v.n is None else v.n,
                 "" if v.low is None or v.high is None else f"[{v.low:g}; {v.high:g}]",
                 v.source] for v in found],
               empty=_("No external values."))


@baselines.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@common_options
def baselines_import(file: Path, env: Env) -> None:
    """Add or replace external values (and targets) from a CSV file, all rows or none.

    Columns: indicator, level (network/country/organization), unit (country code or
    organization id), year, value, n, low, high, source, and optionally target.

    Example: python main.py indicators baselines import linea_base_2022.csv
    """
    from fieldapp.store.baselines_csv import import_baselines

    with open_store(env) as db:
        result = import_baselines(db, file)
    click.echo(_("{values} value(s) and {targets} target(s) saved from {file}.").format(
        values=result.values, targets=result.targets, file=file))
    if result.ignored_columns:
        click.echo(_("Columns ignored: {names}").format(names=", ".join(result.ignored_columns)))


@baselines.command("set")
@click.argument("indicator")
@click.option("--level", type=click.Choice(["network", "country", "organization"]),
              default="network", show_default=True)
@click.option("--unit", default="", help="The country code or organization id.")
@click.option("--year", type=int, required=True)
@click.option("--value", type=float, required=True, help="In % for shares.")
@click.option("--n", type=int, default=None, help="Respondents or organizations.")
@click.option("--low", type=float, default=None, help="95% interval, lower bound.")
@click.option("--high", type=float, default=None, help="95% interval, upper bound.")
@click.option("--source", default="", help="Where the value comes from.")
@common_options
def baselines_set(indicator: str, level: str, unit: str, year: int, value: float,
                  n: int | None, low: float | None, high: float | None, source: str,
                  env: Env) -> None:
    """Enter one external value.

    Example: python main.py indicators baselines set i2.1 --year 2022 --value 45 --n 100
    """
    from fieldapp.store.baselines import ExternalValue, save_external_values

    with open_store(env) as db:
        save_external_values(db, [ExternalValue(indicator, level, unit, year, value, n, low,
                                                 high, source)])
    click.echo(_("Saved."))


@baselines.command("delete")
@click.argument("indicator")
@click.option("--level", type=click.Choice(["network", "country", "organization"]),
              default="network", show_default=True)
@click.option("--unit", default="")
@click.option("--year", type=int, required=True)
@common_options
def baselines_delete(indicator: str, level: str, unit: str, year: int, env: Env) -> None:
    """Remove one external value.

    Example: python main.py indicators baselines delete i2.1 --year 2022
    """
    from fieldapp.store.baselines import delete_external_value

    with open_store(env) as db:
        found = delete_external_value(db, indicator, level, unit, year)
    click.echo(_("Deleted.") if found else _("There was no such value."))


@indicators.group("targets", cls=FieldappGroup)
def targets() -> None:
    """The target of each indicator (85 for i1.1 unless set).

    Example: python main.py indicators targets set i1.2 50
    """


@targets.command("list")
@common_options(json_output=True)
def targets_list(env: Env) -> None:
    """Every indicator with its target (the network's own or the default).

    Example: python main.py indicators targets list
    """
    from fieldapp.analysis.catalogue import INDICATORS
    from fieldapp.store.baselines import list_targets

    with open_store(env, write=False) as db:
        chosen = list_targets(db)
    rows = []
    for code, spec in INDICATORS.items():
        setting = chosen.get(code)
        if setting is not None:
            value, own, note = setting.value, True, setting.note
        else:
            value, own, note = spec.target_value, False, ""
            if spec.target_rule is None:
                value = None
        rule = "at_least" if value is not None else (
            "above_baseline" if own or spec.target_rule == "above_baseline" else None)
        rows.append({"indicator": code, "rule": rule, "value": value, "set": own, "note": note})
    if env.as_json:
        echo_json(rows)
        return
    echo_table([_("Code"), _("Target"), _("Set by the network"), _("Note")],
               [[r["indicator"], _target_text(r["rule"], r["value"]),
                 _("yes") if r["set"] else "", r["note"]] for r in rows])


def _target_text(rule: str | None, value: float | None) -> str:
    if rule == "at_least":
        return f"≥ {value:g}"
    if rule == "above_baseline":
        return _("above the baseline")
    return "–"


@targets.command("set")
@click.argument("indicator")
@click.argument("value")
@click.option("--note", default="", help="Why, or who decided it.")
@common_options
def targets_set(indicator: str, value: str, note: str, env: Env) -> None:
    """Set an indicator's target: a number, or 'baseline' for "above the baseline".

    Example: python main.py indicators targets set i1.2 50
    """
    from fieldapp.store.baselines import set_target

    number = None
    if value.strip().lower() not in ("baseline", "linea_base", "linha_de_base"):
        try:
            number = float(value.replace(",", "."))
        except ValueError:
            raise click.BadParameter(_("a number, or 'baseline'"), param_hint="VALUE")
    with open_store(env) as db:
        set_target(db, indicator, number, note)
    click.echo(_("Saved."))


@targets.command("clear")
@click.argument("indicator")
@common_options
def targets_clear(indicator: str, env: Env) -> None:
    """Go back to an indicator's default target.

    Example: python main.py indicators targets clear i1.1
    """
    from fieldapp.store.baselines import clear_target

    with open_store(env) as db:
        clear_target(db, indicator)
    click.echo(_("Saved."))
