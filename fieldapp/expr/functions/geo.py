"""Geographic functions: area() and distance() of geopoints, geotraces and geoshapes,
computed as JavaRosa does (spherical Earth of equatorial radius, altitude ignored)."""

from __future__ import annotations

import math

from fieldapp.expr.functions.registry import function
from fieldapp.expr.syntax import Frame, runtime_error
from fieldapp.expr.values import NodeSet, Value, string_to_number, to_string
from fieldapp.i18n import _

EARTH_RADIUS_M = 6_378_100.0
_CIRCUMFERENCE_M = 2 * math.pi * EARTH_RADIUS_M


def _point(text: str) -> tuple[float, float]:
    parts = text.split()
    numbers = [string_to_number(part) for part in parts[:2]]
    if len(numbers) < 2 or any(x != x for x in numbers):
        detail = _("'{value}' is not a location (latitude longitude).").format(value=text)
        raise runtime_error(detail)
    return numbers[0], numbers[1]


def points(value: Value) -> list[tuple[float, float]]:
    """The (latitude, longitude) points of a node-set of geopoints, or of one geotrace or
    geoshape ('lat lon alt acc; lat lon …'); empty answers are skipped."""
    if isinstance(value, NodeSet) and len(value) > 1:
        texts = [node.value() for node in value]
    else:
        texts = to_string(value).split(";")
    return [_point(text) for text in texts if text.strip()]


@function("distance", 1)
def _distance(f: Frame, value: Value) -> float:
    """The length in meters of the line through the points, in order."""
    found = points(value)
    total = 0.0
    for (lat1, lon1), (lat2, lon2) in zip(found, found[1:]):
        phi1, phi2 = math.radians(lat1), math.radians(lat2)
        cosine = (math.sin(phi1) * math.sin(phi2)
                  + math.cos(phi1) * math.cos(phi2) * math.cos(math.radians(lon1 - lon2)))
        total += math.acos(max(-1.0, min(1.0, cosine))) * EARTH_RADIUS_M
    return total


@function("area", 1)
def _area(f: Frame, value: Value) -> float:
    """The area in square meters of the polygon through the points (0 below 3 points),
    on a local flat projection around the first point."""
    found = points(value)
    if len(found) < 3:
        return 0.0
    lat0, lon0 = found[0]
    rest = found[1:]
    xs = [(lon - lon0) * _CIRCUMFERENCE_M * math.cos(math.radians(lat)) / 360 for lat, lon in rest]
    ys = [(lat - lat0) * _CIRCUMFERENCE_M / 360 for lat, _lon in rest]
    twice = sum(ys[i - 1] * xs[i] - xs[i - 1] * ys[i] for i in range(1, len(xs)))
    return abs(twice) / 2


function("enclosed-area", 1)(_area)  # JavaRosa's older name, still in forms (corpus area.xlsx)
