"""``forms`` commands: check workbooks, list and show forms, try a form with answers, add a
workbook to the database, preview one in the window."""

from __future__ import annotations

from pathlib import Path

import click

from fieldapp.cli.common import (Env, column_width, common_options, echo_json, gui_app,
                                 one_line, open_store, read_store)
from fieldapp.errors import FieldappError
from fieldapp.i18n import _, ngettext


@click.group()
def forms() -> None:
    """Check, list, show, try and add XLSForm forms.

    Example: python main.py forms check forms/*.xlsx
    """


@forms.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@common_options(json_output=True)
def check_cmd(files: tuple[Path, ...], env: Env) -> None:
    """Check XLSForm workbooks and print a summary or their errors.

    Exits 1 if any file has an error.

    Example: python main.py forms check forms/*.xlsx
    """
    from fieldapp.forms.summary import summarize
    from fieldapp.forms.workbooks import check_workbook

    results = [check_workbook(path) for path in files]
    if env.as_json:
        echo_json([_check_json(r, summarize) for r in results])
    else:
        for r in results:
            _print_check(r, summarize)
    if any(not r.ok for r in results):
        raise SystemExit(1)


def _check_json(result, summarize) -> dict:
    data = {"file": str(result.path), "ok": result.ok,
            "form_id": result.form.form_id if result.form else None,
            "errors": [_error_json(e) for e in result.errors],
            "warnings": list(result.warnings)}
    if result.ok and result.form is not None:
        data["summary"] = summarize(result.form)
    return data


def _error_json(error: FieldappError) -> dict:
    data = error.as_dict()
    return {k: data[k] for k in ("code", "sheet", "row", "column", "field", "message")}


def _print_check(result, summarize) -> None:
    if result.ok and result.form is not None:
        s = summarize(result.form)
        click.echo(_("{file}: OK — {form_id} version {version}").format(
            file=result.path, form_id=s["form_id"], version=s["version"] or "-"))
        click.echo("  " + _("languages: {languages}").format(languages=", ".join(s["languages"])))
        counts = (ngettext("{n} question", "{n} questions", s["questions"]),
                  ngettext("{n} group", "{n} groups", s["groups"]),
                  ngettext("{n} repeat", "{n} repeats", s["repeats"]),
                  ngettext("{n} choice list", "{n} choice lists", s["choice_lists"]))
        click.echo("  " + ", ".join(text.format(n=n) for text, n in zip(
            counts, (s["questions"], s["groups"], s["repeats"], s["choice_lists"]))))
        scoring = ", ".join(s["scores"]) if s["scores"] else _("none")
        click.echo("  " + _("scoring sheet: {scores}").format(scores=scoring))
    else:
        click.echo(_("{file}: ERROR").format(file=result.path), err=True)
        for error in result.errors:
            click.echo(f"  {error}", err=True)
    for warning in result.warnings:
        click.echo("  " + _("warning: {warning}").format(warning=warning))


@forms.command("list")
@common_options(json_output=True)
def list_cmd(env: Env) -> None:
    """List the forms available: the built-in ones and those added to the database.

    Example: python main.py forms list
    """
    from fieldapp.registry import available_forms

    with read_store(env) as db:
        rows = available_forms(db)
    if env.as_json:
        echo_json(rows)
        return
    for row in rows:
        click.echo(f"{row['form_id']:<28} {row['version'] or '-':<10} {row['title']}")


@forms.command("show")
@click.argument("form_id")
@click.option("--form-lang", default=None,
              help="Language of the form's labels (any label::X of the form, e.g. fr).")
@common_options(json_output=True)
def show_cmd(form_id: str, form_lang: str | None, env: Env) -> None:
    """Show a form's summary and its questions: a registered form by its id, or a
    workbook file (no database needed).

    Example: python main.py forms show desarrollo_organizacional
    Example: python main.py forms show mi_formulario.xlsx --form-lang fr
    """
    from fieldapp.forms.summary import outline, summarize
    from fieldapp.registry import latest_form

    if Path(form_id).suffix.lower() in (".xlsx", ".xlsm", ".xls") or Path(form_id).is_file():
        from fieldapp.forms.workbooks import open_workbook

        form = open_workbook(Path(form_id))
    else:
        with read_store(env) as db:
            form = latest_form(db, form_id)
    data = {**summarize(form), "elements": outline(form, form_language(form, form_lang, env))}
    if env.as_json:
        echo_json(data)
        return
    click.echo(f"{data['form_id']} {data['version']} — {data['title']}")
    names = [f"{'  ' * str(r['path']).count('/')}{r['path'].rsplit('/', 1)[-1]}"
             for r in data["elements"]]
    name_width = column_width(names, 26)
    type_width = column_width([str(r["type"]) for r in data["elements"]], 18)
    for name, row in zip(names, data["elements"]):
        click.echo(f"{name:<{name_width}}{row['type']:<{type_width}}{one_line(row['label'])}")


@forms.command("try")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--answers", "answers_file", type=click.Path(path_type=Path), required=True,
              help="A JSON object: field name or path → answer.")
@click.option("--form-lang", default=None,
              help="Language of the form's labels and messages (any label::X of the form).")
@common_options(json_output=True)
def try_cmd(file: Path, answers_file: Path, form_lang: str | None, env: Env) -> None:
    """Evaluate a form with the given answers, without a database.

    Prints for every field whether it is relevant, required and valid, its value
    (calculations included), and the form's scores.

    Example: python main.py forms try forms/medios_de_vida.xlsx --answers answers.json
    """
    from fieldapp.formatting import number
    from fieldapp.forms.trial import read_answers, run_trial
    from fieldapp.forms.workbooks import open_workbook

    form = open_workbook(file)
    result = run_trial(form, read_answers(answers_file), lang=form_language(form, form_lang, env))
    if env.as_json:
        echo_json(result)
        return
    width = column_width([row["path"] for row in result["fields"]], 32)
    click.echo(_("Field").ljust(width) + _("relevant").ljust(10) + _("required").ljust(10)
               + _("valid").ljust(8) + _("value"))
    yes, no = _("yes"), _("no")
    for row in result["fields"]:
        message = f"  ← {one_line(row['message'])}" if row["message"] else ""
        click.echo(f"{row['path']:<{width}}{(yes if row['relevant'] else no):<10}"
                   f"{(yes if row['required'] else no):<10}{(yes if row['valid'] else no):<8}"
                   f"{one_line(row['value'])}{message}")
    for error in result["errors"]:
        click.echo(_("Cannot evaluate the {column} of {path}: {message}").format(**error),
                   err=True)
    if result["scores"]:
        click.echo("")
        click.echo(_("Scores"))
        for score in result["scores"]:
            value = "—" if score["value"] is None else number(score["value"])
            band = score.get("band_label") or ""
            click.echo(f"  {score['name']:<10} {value:>7}  {score['label']}  {band}")


@forms.command("add")
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


@forms.command("preview")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@common_options
def preview(file: Path, env: Env) -> None:
    """Open an XLSForm in the form window to try it; nothing is saved.

    Example: python main.py forms preview mi_formulario.xlsx
    """
    gui_app().run_preview(file, env.lang)


def form_language(form, wanted: str | None, env: Env) -> str | None:
    """The language of the form's content: ``--form-lang``, else the interface language
    when the form has it, else the form's default."""
    from fieldapp.forms.languages import resolve_language

    return resolve_language(form, wanted, env.lang)
