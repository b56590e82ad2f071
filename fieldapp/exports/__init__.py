"""Analysis exports: a form's final submissions as CSV tables and a clean SQLite copy.

Pipeline, each step a small module: ``layout`` (the columns of a form, the same across its
versions, rounds and languages) → ``applicability`` (which questions skip logic left out of a
submission) → ``rows`` (wide, repeat and long rows read from the store) → ``dictionary`` (the
README data dictionary) → ``csvfiles`` / ``sqlitecopy`` (the files written).

Two cell values mean different things and keep that meaning everywhere: an empty cell is a
question that was asked and not answered; ``NA`` is a question the submission never asked
(skip logic, or a field that did not exist in the submission's form version).
"""

NOT_APPLICABLE = "NA"
