"""The ODK XForms function library (getodk/xforms-spec, "XPath Functions").

Importing this package registers every function in ``FUNCTIONS``.
"""

from fieldapp.expr.functions import dates, geo, logic, nodesets, numbers, selects, strings
from fieldapp.expr.functions.registry import FUNCTIONS, Function

__all__ = ["FUNCTIONS", "Function", "dates", "geo", "logic", "nodesets", "numbers", "selects",
           "strings"]
