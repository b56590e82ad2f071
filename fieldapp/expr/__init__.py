"""Expressions of XLSForms (XPath 1.0 with the ODK function library): parse once, evaluate often.

>>> compile_expr("${a} + 1").refs
frozenset({'a'})
"""

from fieldapp.expr.compiled import Expr, compile_expr
from fieldapp.expr.values import NodeSet, Value, to_boolean, to_number, to_string

__all__ = ["Expr", "NodeSet", "Value", "compile_expr", "to_boolean", "to_number", "to_string"]
