"""Which questions skip logic left out of a stored submission ("not applicable").

The store keeps what was typed even where a later answer made the question irrelevant, and
ODK leaves such answers out of a submission; so an export must know each submission's
relevance. Replaying every submission in a form session costs about a millisecond each. But
relevance reads only a few fields (consent, the organization type, a "other" choice): the
answers to those fields, and to the calculations they read, decide it completely. So the
replay runs once per distinct combination of those answers and is remembered; a form whose
relevance reads the clock or a random number is replayed per submission.
"""

from __future__ import annotations

import re
from typing import Mapping

from fieldapp.forms.graph import graph_for
from fieldapp.forms.instance import is_question, strip_indexes
from fieldapp.forms.model import Element, Form, Group
from fieldapp.forms.session import FormSession

_VOLATILE = re.compile(r"\b(now|today|random|uuid|once)\s*\(")
_MEMO_LIMIT = 50_000  # distinct combinations kept per form version


class Applicability:
    """Not-applicable instance paths of submissions of one form version."""

    def __init__(self, form: Form) -> None:
        self.form = form
        graph = graph_for(form)
        sources: dict[int, set[Element]] = {}
        for element in form.elements():
            for dependent in graph.dependents_of(element):
                sources.setdefault(id(dependent), set()).add(element)
        decisive = [e for e in form.elements()
                    if graph.of(e).relevant is not None or graph.of(e).repeat_count is not None]
        key: dict[int, Element] = {}
        todo = list(decisive)
        volatile = False
        while todo:
            element = todo.pop()
            for text in (element.relevant, getattr(element, "calculation", None),
                         getattr(element, "repeat_count", None)):
                if text and _VOLATILE.search(text):
                    volatile = True
            for source in sources.get(id(element), ()):
                if id(source) not in key:
                    key[id(source)] = source
                    todo.append(source)  # a calculation read by relevance: its inputs too
        self.key_paths = frozenset(e.path for e in key.values())
        self.repeat_paths = frozenset(e.path for e in form.elements()
                                      if isinstance(e, Group) and e.is_repeat)
        self.has_logic = bool(decisive)
        self.volatile = volatile
        self._memo: dict[tuple, frozenset[str]] = {}
        self._decides: dict[str, bool] = {}  # instance path → whether it is part of the key

    def skipped(self, answers: Mapping[str, str]) -> frozenset[str]:
        """The instance paths of questions not relevant in a submission with ``answers``."""
        if not self.has_logic:
            return frozenset()
        if self.volatile:
            return self._replay(answers)
        decides = self._decides
        chosen = []
        for path, value in answers.items():
            known = decides.get(path)
            if known is None:
                plain = strip_indexes(path)
                known = decides[path] = plain in self.key_paths or plain in self.repeat_paths
            if known:
                chosen.append((path, value))
        key = tuple(sorted(chosen))
        found = self._memo.get(key)
        if found is None:
            found = self._replay(dict(key))
            if len(self._memo) < _MEMO_LIMIT:
                self._memo[key] = found
        return found

    def _replay(self, answers: Mapping[str, str]) -> frozenset[str]:
        session = FormSession(self.form, answers=answers)
        return frozenset(node.path for node in session.root.walk()
                         if is_question(node) and not node.relevant)
