"""regex() constraints as their authors wrote them for ODK Collect (Java) or Enketo (JavaScript):
read in that dialect, refused at load time when unreadable, bounded in time when run."""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

from fieldapp.cli import cli
from fieldapp.errors import ExprError
from fieldapp.expr import patterns
from fieldapp.forms.workbooks import check_workbook, open_workbook
from fieldapp.forms.session import FormSession
from tests.xlsform_md import md_to_xlsx

# The shape of a KoboToolbox contact-registration form: an e-mail and a phone checked by
# regex(), a name that must be letters (any script) and a national id with a fixed shape.
CONTACT = """
| survey |
|        | type  | name   | label        | constraint                                            | constraint_message |
|        | text  | email  | E-mail       | regex(., '^[\\w-\\.]+@([\\w-]+\\.)+[\\w-]{2,}$')      | Not an e-mail      |
|        | text  | phone  | Phone        | regex(., '^\\+?\\d{8,12}$')                           | 8 to 12 digits     |
|        | text  | name   | Name         | regex(., '^[\\p{L} \\x{27}-]+$')                       | Letters only       |
|        | text  | idnum  | ID number    | regex(., '\\QID-\\E\\d{4}+')                           | ID-0000            |
|        | text  | word   | Plain word   | regex(., '^\\w+$')                                    | a-z, 0-9 and _     |
| settings |
|          | form_id    | version |
|          | contacto   | 1       |
"""


def contact(tmp_path):
    return FormSession(open_workbook(md_to_xlsx(CONTACT, tmp_path / "contact.xlsx")))


@pytest.mark.parametrize("field, answer, valid", [
    ("email", "ana.perez-l@coop.org.pe", True),
    ("email", "not an email", False),
    ("email", "ana@pe", False),
    ("phone", "+51987654321", True),
    ("phone", "98765", False),
    ("phone", "١٢٣٤٥٦٧٨٩", False),  # Java's \d is ASCII: Arabic-Indic digits are not digits
    ("name", "María José O'Neil-Quispe", True),
    ("name", "Ana3", False),
    ("idnum", "ID-1234", True),
    ("idnum", "IDx1234", False),  # \Q…\E quotes: '-' is not a range, nothing is a wildcard
    ("word", "cafe_2", True),
    ("word", "café", False),  # Java's \w is ASCII, as ODK Collect checks it
])
def test_java_dialect_constraints_check_as_in_odk_collect(tmp_path, field, answer, valid):
    session = contact(tmp_path)
    session.set(field, answer)
    state = session.state(field)
    assert state.valid is valid, (answer, state.message)
    assert not session.errors


@pytest.mark.parametrize("pattern, value, expected", [
    ("[a-z&&[^aeiou]]+", "xyz", True),  # Java class intersection
    ("[a-z&&[^aeiou]]+", "xaz", False),
    ("a*+a", "aaa", False),  # possessive: gives nothing back
    ("(?>a+)b", "aab", True),
    ("a(?i)b|c", "aB", True),  # a flag switched on mid-pattern runs to the end of the group
    ("a(?i)b|c", "C", True),
    ("a(?i)b|c", "AB", False),
    ("[^]", "\n", True),  # JavaScript: any character
    ("\\p{Alpha}+", "abc", True),  # POSIX classes are ASCII in Java
    ("\\p{Alpha}+", "ñ", False),
    ("\\p{javaLowerCase}+", "ñandú", True),
    ("\\p{IsLatin}+", "Ñandú", True),
    ("\\p{InGreek}", "λ", True),
    ("[\\d-x]+", "1-x", True),  # a hyphen after a shorthand is a literal
    ("[a-c--]+", "a-b", True),
    ("\\x{41}\\e\\cA\\011", "A\x1b\x01\t", True),
])
def test_patterns_of_the_java_dialect(pattern, value, expected):
    assert patterns.matches(pattern, value) is expected


SIGNUP = """
| survey |
|        | type  | name  | label | constraint                |
|        | text  | nick  | Nick  |                           |
|        | text  | code  | Code  | regex(., '(?<x>[a-z]+)\\k<y>') |
"""


def test_a_pattern_that_cannot_be_read_refuses_the_form_with_sheet_row_column(tmp_path):
    path = md_to_xlsx(SIGNUP, tmp_path / "signup.xlsx")
    result = check_workbook(path)
    assert not result.ok
    error = result.errors[0]
    assert error.code == "FORM_032"
    assert (error.context["sheet"], error.context["row"], error.context["column"]) == \
        ("survey", 3, "constraint")
    assert "(?<x>[a-z]+)\\k<y>" in error.message
    out = CliRunner().invoke(cli, ["forms", "check", "--lang", "en", str(path)])
    assert out.exit_code == 1
    assert "row 3" in out.output and "regex()" in out.output


LOGBOOK = """
| survey |
|        | type  | name  | label | constraint                | constraint_message |
|        | text  | words | Words | regex(., '^(\\w+\\s?)*$')   | Words only         |
|        | text  | runs  | Runs  | regex(., '^((a+)+\\2)+$')   | a's                |
"""


def test_a_regex_is_bounded_in_time_and_a_timeout_is_an_error_not_a_valid_answer(tmp_path):
    session = FormSession(open_workbook(md_to_xlsx(LOGBOOK, tmp_path / "log.xlsx")))
    start = time.perf_counter()
    session.set("words", "a" * 27 + "!")  # 23 s with Python's re
    assert not session.state("words").valid
    session.set("runs", "a" * 40 + "!")  # backtracks without end even in the regex module
    state = session.state("runs")
    assert time.perf_counter() - start < 5 * patterns.TIMEOUT + 2
    assert not state.valid
    assert "took longer than" in state.message
    assert "runs#constraint" in session.errors
    session.set("runs", "aaaa")
    assert session.state("runs").valid
    with pytest.raises(ExprError) as caught:
        patterns.matches("^((a+)+\\2)+$", "a" * 40 + "!")
    assert caught.value.code == "EXPR_006"
