"""Location paths, predicates, repeats, indexed-repeat, secondary instances, choice filters."""

import math

import pytest
from exprtree import TreeContext, TreeNode, build, items

from fieldapp.errors import ExprError
from fieldapp.expr import NodeSet, compile_expr, to_string

DATA = {
    "a": "3",
    "city": "cusco",
    "country": "pe",
    "g": {"x": "10", "y": "20"},
    "rep": [{"w": "2", "gp": "0 0 0 0"}, {"w": "3", "gp": "0 1 0 0"}, {"w": "4", "gp": ""}],
    "hh": [
        {"person": [{"age": "30"}, {"age": "5"}]},
        {"person": [{"age": "60"}]},
    ],
}
CITIES = items([
    {"name": "lima", "label": "Lima", "country": "pe"},
    {"name": "cusco", "label": "Cusco", "country": "pe"},
    {"name": "quito", "label": "Quito", "country": "ec"},
])


def context(node=None, root_name="data"):
    return TreeContext(build(DATA, root_name), node, instances={"cities": CITIES})


def ev(text, node=None, root_name="data"):
    return compile_expr(text).evaluate(context(node, root_name))


def s(text, node=None, root_name="data"):
    return to_string(ev(text, node, root_name))


@pytest.mark.parametrize(
    "text, node, expected",
    [
        (".", "a", "3"),
        ("..", "g/x", "1020"),  # a group's value is its descendants' text
        ("../y", "g/x", "20"),
        ("./x", "g", "10"),
        ("x", "g", "10"),  # a bare name is a child of the context node
        ("g/y", None, "20"),
        ("/data/g/y", "a", "20"),
        ("/data/a/text()", None, "3"),
        ("self::a", "a", "3"),
        ("child::x", "g", "10"),
        ("parent::node()/y", "g/x", "20"),
        ("/data/rep[2]/w", None, "3"),
        ("/data/rep[last()]/w", None, "4"),
        ("/data/rep[position() = 2]/w", None, "3"),
        ("/data/rep[w > 2][1]/w", None, "3"),  # positions count within the filtered set
        ("(/data/rep/w)[2]", None, "3"),
        ("/data/rep[w = ../a]/w", None, "3"),
        ("/data/*[2]", None, "cusco"),
        ("/data/g/@id", None, ""),  # no attributes in the instance model
    ],
)
def test_location_paths(text, node, expected):
    assert s(text, node) == expected


def test_absolute_paths_accept_any_root_name():
    assert s("/data/g/y", root_name="survey") == "20"
    assert s("/anything/a", root_name="survey") == "3"


def test_root_and_descendants():
    assert s("/") == to_string(ev("/data"))
    assert ev("count(//w)") == 3
    assert ev("count(/data//w)") == 3
    assert ev("count(descendant::age)") == 3
    assert ev("count(//data)") == 1
    assert ev("count(//rep/..)") == 1  # the parents of three reps are one node
    assert ev("count(/data/rep/w[1])") == 3  # each w is the first of its own rep


def test_repeats_seen_from_outside_give_every_instance():
    assert ev("count(${rep})") == 3
    assert ev("sum(${w})") == 9
    assert ev("${w} = 4") is True
    assert s("${w}") == "2"  # a node-set's string is its first node's


def test_repeats_seen_from_inside_give_the_same_instance():
    assert s("${w}", "rep[2]/gp") == "3"
    assert s("../w", "rep[2]/gp") == "3"
    assert ev("${w} * 2", "rep[3]/gp") == 8
    assert ev("count(${rep})", "rep[2]/w") == 3  # the repeat's own name: every instance
    assert ev("position(..)", "rep[2]/w") == 2
    assert ev("position()", "rep[3]") == 3
    assert ev("position()", "rep[2]/w") == 1


def test_indexed_repeat():
    assert s("indexed-repeat(${w}, ${rep}, 2)") == "3"
    assert s("indexed-repeat(${w}, ${rep}, 3)") == "4"
    assert s("indexed-repeat(${w}, ${rep}, 4)") == ""
    assert s("indexed-repeat(${w}, ${rep}, 0)") == "2"  # below 1 counts as 1 (JavaRosa)
    assert s("indexed-repeat(${w}, ${rep}, ${missing})") == "2"
    assert s("indexed-repeat(/data/rep/w, /data/rep, 2)") == "3"
    # the previous instance, from inside the repeat: the first argument sees every instance
    assert s("indexed-repeat(${w}, ${rep}, position(..) - 1)", "rep[3]/w") == "3"


def test_indexed_repeat_in_nested_repeats():
    assert s("indexed-repeat(${age}, ${hh}, 1, ${person}, 2)") == "5"
    assert s("indexed-repeat(${age}, ${hh}, 2, ${person}, 1)") == "60"
    assert s("indexed-repeat(${age}, ${hh}, 2, ${person}, 2)") == ""
    assert s("indexed-repeat(${age}, ${person}, 3)") == "60"  # counting every person


def test_secondary_instances():
    label = "instance('cities')/root/item[name = ${city}]/label"
    assert s(label) == "Cusco"
    assert ev("count(instance('cities')/root/item[country = 'pe'])") == 2
    assert s("instance('cities')/root/item[country = /data/country][2]/name") == "cusco"
    assert s("instance('cities')/root/item[name = current()/../city]/label", "country") == "Cusco"
    assert s("pulldata('cities', 'label', 'name', 'quito')") == "Quito"
    assert s("pulldata('cities', 'label', 'name', 'bogota')") == ""
    assert s("pulldata('cities', 'nothing', 'name', 'lima')") == ""


def test_secondary_instance_root_may_have_any_name():
    other = items([{"name": "x", "label": "X"}], root="doc")
    ctx = TreeContext(build(DATA), instances={"other": other})
    assert compile_expr("instance('other')/root/item/label").evaluate_string(ctx) == "X"


def test_secondary_instance_may_be_given_with_the_node_above_its_root():
    top = items([{"name": "x", "label": "X"}, {"name": "y", "label": "Y"}])
    above = TreeNode("instance")
    above.children().append(top)
    top.parent = above
    ctx = TreeContext(build(DATA), instances={"list": above})
    assert compile_expr("count(instance('list')/root/item)").evaluate(ctx) == 2
    assert compile_expr("instance('list')/root/item[name = 'y']/label").evaluate_string(ctx) == "Y"
    assert compile_expr("pulldata('list', 'label', 'name', 'y')").evaluate_string(ctx) == "Y"


def test_missing_instance_is_a_runtime_error():
    with pytest.raises(ExprError) as caught:
        ev("instance('nope')/root/item")
    assert caught.value.code == "EXPR_004"
    assert "nope" in str(caught.value)


def test_current_is_the_question_even_inside_predicates():
    assert s("current()", "a") == "3"
    assert s("/data/rep[w = current()]/gp", "a") == "0 1 0 0"


def test_choice_filter_with_the_item_as_context_node():
    root = build(DATA)
    expr = compile_expr("country = ${country}")
    chosen = [item.at("name").value() for item in CITIES.children()
              if expr.evaluate_boolean(TreeContext(root, item))]
    assert chosen == ["lima", "cusco"]
    assert compile_expr("label").evaluate_string(TreeContext(root, CITIES.at("item[3]"))) == "Quito"


def test_randomize_is_a_permutation_and_a_seed_repeats_it():
    path = "instance('cities')/root/item"
    names = sorted(n.at("name").value() for n in ev(f"randomize({path})"))
    assert names == ["cusco", "lima", "quito"]
    first = [n.at("name").value() for n in ev(f"randomize({path}, 42)")]
    assert first == [n.at("name").value() for n in ev(f"randomize({path}, 42)")]
    assert isinstance(ev(f"randomize({path}, 42)"), NodeSet)


def test_distance_and_area():
    one_degree = 6378100 * math.pi / 180  # along the equator
    assert ev("distance('0 0 0 0; 0 1 0 0')") == pytest.approx(one_degree)
    assert ev("distance(${gp})") == pytest.approx(one_degree)  # empty answers are skipped
    assert ev("distance('0 0')") == 0
    side = one_degree / 1000
    square = "'0 0 0 0; 0 0.001 0 0; 0.001 0.001 0 0; 0.001 0 0 0; 0 0 0 0'"
    assert ev(f"area({square})") == pytest.approx(side * side, rel=1e-6)
    assert ev("area('0 0; 0 1')") == 0
    assert ev(f"enclosed-area({square})") == ev(f"area({square})")
    with pytest.raises(ExprError):
        ev("distance('north; south')")


def test_path_from_a_value_is_an_error():
    with pytest.raises(ExprError) as caught:
        ev("concat('a', 'b')/x")
    assert caught.value.code == "EXPR_004"
