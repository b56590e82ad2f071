"""Expressions of XLSForms (XPath 1.0 with the ODK function library): parse once, evaluate often.

``compile_expr(text)`` gives an ``Expr`` (cached by text) with ``refs``, ``paths`` and
``volatile``; ``Expr.evaluate(ctx)`` walks its tree over a ``context.Context``.

Where the peers differ, these are the choices made (each documented where it is coded):
``regex()`` must match the whole value and reads Java's dialect (ODK Collect), within a
time bound (see ``patterns``), ``round()`` sends a half toward
positive infinity (XPath 1.0), ``sum()`` of an empty answer is NaN (XPath 1.0), ``=`` on
numbers tolerates 1e-12 (ODK Collect), a dateTime counts in days on its own clock except in ``decimal-date-time()``, which counts
the UTC instant (JavaRosa), and a checklist item counts when XPath's ``boolean()`` says so
(JavaRosa: ``'foo'`` and ``-1`` are yes).
"""

from fieldapp.expr.compiled import Expr, compile_expr
from fieldapp.expr.values import NodeSet, Value, to_boolean, to_number, to_string

__all__ = ["Expr", "NodeSet", "Value", "compile_expr", "to_boolean", "to_number", "to_string"]
