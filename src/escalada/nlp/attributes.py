"""A drop-in, faster replacement for spaCy's attribute ruler.

spaCy's ``AttributeRuler`` runs its Matcher (some 180 patterns in the English models) over
every token, then builds a ``Span`` and sets attributes in Python for every match, and nearly
every token matches a rule or more. Yet its patterns only test a token's own columns (tag,
lowercase form, dependency label…), so which pattern tokens a token passes depends only on its
row of those columns. This component reads the columns as one array, tests each distinct row
once (remembered across documents, and only against the patterns filed under its values),
finds the few multi-token matches with array operations, and writes the attribute columns
back in one call. Later rules win, as in spaCy, and every match is read before anything is set.

Rules whose patterns it cannot read this way (operators, predicates other than ``IN``,
``NOT_IN`` and ``REGEX``, other attributes) run through a spaCy Matcher of their own and are
merged in rule order, so the output stays identical to the wrapped ruler's (a test compares
both on whole documents). Rules that set anything but TAG, POS, MORPH, LEMMA and DEP are
refused: those may write lexemes or extensions, which a column write cannot reproduce.
"""

from __future__ import annotations

import re
from typing import Any

import numpy
from spacy.attrs import DEP, IDS, LEMMA, MORPH, POS, TAG
from spacy.errors import Errors
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc

__all__ = ["FastAttributeRuler", "use_fast_attribute_ruler"]

COMPONENT = "escalada_attribute_ruler"
#: distinct rows of the tested columns remembered; cleared when full, so that memory stays
#: flat on a stream of any length
MEMO_LIMIT = 300_000
#: what a rule may set: plain token columns, which ``Doc.from_array`` writes exactly as
#: spaCy's ``set_token_attrs`` does
WRITABLE = frozenset({TAG, POS, MORPH, LEMMA, DEP})
#: attributes a pattern token may test here: those the Matcher reads through the same function
#: as ``Doc.to_array`` and compares by plain string hash (not SENT_START, ENT_IOB or MORPH,
#: which it converts its own way)
TESTABLE = frozenset({"ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "TAG", "POS",
                      "DEP", "LEMMA", "ENT_TYPE", "IS_ALPHA", "IS_DIGIT", "IS_LOWER",
                      "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE", "LIKE_NUM"})
#: columns with few distinct values: a pattern filed under one of them is tested on many rows
FEW_VALUES = frozenset(IDS[name] for name in TESTABLE if name in {"TAG", "POS", "DEP"}
                       or name.startswith(("IS_", "LIKE_")))

#: one test of a pattern token: (attribute id, operator, operand), the operator one of "==",
#: "IN", "NOT_IN" and "REGEX"
Check = tuple[int, str, Any]
#: a pattern token filed for testing: (rule, its slot among the tokens of multi-token patterns
#: or None for a one-token pattern, checks with the attribute replaced by its column in the row)
Element = tuple[int, int | None, list[Check]]


class FastAttributeRuler:
    """Applies the rules of ``ruler`` (a spaCy ``AttributeRuler``) as of construction time."""

    def __init__(self, ruler: AttributeRuler) -> None:
        unwritable = unwritable_attrs(ruler)
        if unwritable:
            raise ValueError(f"{COMPONENT} sets only TAG, POS, MORPH, LEMMA and DEP, not the "
                             f"attributes {sorted(map(str, unwritable))}: keep spaCy's "
                             "attribute_ruler for these rules")
        self.vocab = ruler.vocab
        #: per rule, {attribute id: value id} as spaCy normalised it for set_token_attrs
        self.rule_attrs: list[dict[int, int]] = ruler.attrs
        self.written = sorted(set().union(*ruler.attrs))
        self.read: list[int] = []  # attribute ids of the tested columns, in row order
        self.indexed: dict[tuple[int, int], list[Element]] = {}
        self.unindexed: list[Element] = []
        #: multi-token patterns: (rule, the slot of each token, the offset of the token set)
        self.sequences: list[tuple[int, list[int], int]] = []
        self.n_slots = 0
        self.matcher = Matcher(ruler.vocab)  # the rules the tests above cannot express
        self.matcher_rules: dict[int, int] = {}  # match id -> rule
        self.indices: list[int] = ruler.indices
        for rule, entry in enumerate(ruler.patterns):
            compiled = [_compile(pattern, self.vocab) for pattern in entry["patterns"]]
            if all(tokens and -len(tokens) <= entry["index"] < len(tokens)
                   for tokens in compiled):
                for tokens in compiled:
                    self._file(rule, tokens, entry["index"] % len(tokens))
            else:
                key = self.vocab.strings.add(f"{COMPONENT}:{rule}")
                self.matcher.add(key, entry["patterns"])
                self.matcher_rules[key] = rule
        #: row -> (rules of the one-token patterns it passes, slots it passes)
        self.memo: dict[tuple[int, ...], tuple[tuple[int, ...], list[int]]] = {}
        self.outcomes: dict[tuple[int, ...], tuple[tuple[int, ...], tuple[bool, ...]]] = {}

    def _file(self, rule: int, tokens: list[list[Check]], target: int) -> None:
        """File each token of a pattern under the values of its most selective ``==`` or
        ``IN`` test, so that a row is only tested against the few tokens that can pass."""
        slots = []
        for checks in tokens:
            slot = None
            if len(tokens) > 1:
                slot = self.n_slots + len(slots)
                slots.append(slot)
            checks = [(self._column(attr), operator, operand)
                      for attr, operator, operand in checks]
            element = (rule, slot, checks)
            keys = [check for check in checks if check[1] in ("==", "IN")]
            if not keys:
                self.unindexed.append(element)
                continue
            column, operator, operand = min(keys, key=lambda check: (
                1 if check[1] == "==" else len(check[2]), self.read[check[0]] in FEW_VALUES))
            for value in (operand,) if operator == "==" else operand:
                self.indexed.setdefault((column, value), []).append(element)
        if slots:
            self.sequences.append((rule, slots, target))
            self.n_slots += len(slots)

    def _column(self, attr: int) -> int:
        if attr not in self.read:
            self.read.append(attr)
        return self.read.index(attr)

    def _test(self, row: tuple[int, ...]) -> tuple[tuple[int, ...], list[int]]:
        """The rules of the one-token patterns a token with the column values ``row``
        passes, and the slots (tokens of multi-token patterns) it passes."""
        found = self.memo.get(row)
        if found is None:
            strings = self.vocab.strings
            candidates = list(self.unindexed)
            for column, value in enumerate(row):
                candidates += self.indexed.get((column, value), ())
            rules, slots = set(), []
            for rule, slot, checks in candidates:
                if _passes(checks, row, strings):
                    if slot is None:
                        rules.add(rule)
                    else:
                        slots.append(slot)
            if len(self.memo) >= MEMO_LIMIT:
                self.memo.clear()
                self.outcomes.clear()
            found = self.memo[row] = (tuple(sorted(rules)), slots)
        return found

    def _outcome(self, rules: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[bool, ...]]:
        """The value each written column gets from ``rules`` applied in order (later rules
        win, as in spaCy), and whether any of them sets it."""
        outcome = self.outcomes.get(rules)
        if outcome is None:
            values: dict[int, int] = {}
            for rule in rules:
                values.update(self.rule_attrs[rule])
            outcome = (tuple(values.get(attr, 0) for attr in self.written),
                       tuple(attr in values for attr in self.written))
            self.outcomes[rules] = outcome
        return outcome

    def _distinct_rows(self, doc: Doc) -> tuple[list[tuple[int, ...]], numpy.ndarray]:
        """The distinct rows of the tested columns, and the row of each token."""
        if not self.read:  # no patterns but the Matcher's, or patterns matching any token
            return [()], numpy.zeros(len(doc), dtype=numpy.intp)
        rows, inverse = numpy.unique(doc.to_array(self.read).reshape(len(doc), -1),
                                     axis=0, return_inverse=True)
        return [tuple(row) for row in rows.tolist()], inverse.reshape(-1)

    def _sequence_targets(self, passed: numpy.ndarray, targets: dict[int, set[int]]) -> None:
        """Add to ``targets`` the tokens set by multi-token patterns; ``passed`` says which
        slots each token passes. A pattern matches where its slots are passed in a row."""
        for rule, slots, target in self.sequences:
            starts = len(passed) - len(slots) + 1
            if starts < 1:
                continue
            match = passed[:starts, slots[0]].copy()
            for offset, slot in enumerate(slots[1:], 1):
                match &= passed[offset:offset + starts, slot]
            for start in numpy.flatnonzero(match).tolist():
                targets.setdefault(start + target, set()).add(rule)

    def _matcher_targets(self, doc: Doc, targets: dict[int, set[int]]) -> None:
        """Add to ``targets`` the tokens set by the Matcher's rules (the token at the rule's
        index in the match, counted from the end when negative, as spaCy does)."""
        for match_id, start, end in self.matcher(doc, allow_missing=True):
            rule = self.matcher_rules[match_id]
            index = self.indices[rule]
            token = (start if index >= 0 else end) + index
            if not start <= token < end:
                raise ValueError(Errors.E1001.format(
                    patterns=self.matcher.get(match_id)[1],
                    span=[t.text for t in doc[start:end]], index=index))
            targets.setdefault(token, set()).add(rule)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc) or not self.written:
            return doc
        rows, inverse = self._distinct_rows(doc)
        found = [self._test(row) for row in rows]
        outcomes = [self._outcome(rules) for rules, _ in found]
        values = numpy.array([values for values, _ in outcomes], dtype=numpy.uint64)[inverse]
        isset = numpy.array([isset for _, isset in outcomes])[inverse]
        written = numpy.where(isset, values, doc.to_array(self.written).reshape(len(doc), -1))
        targets: dict[int, set[int]] = {}  # token -> rules from multi-token or Matcher matches
        if self.sequences:
            passed = numpy.zeros((len(rows), self.n_slots), dtype=bool)
            for row, (_, slots) in enumerate(found):
                if slots:  # seldom: most rows pass no multi-token pattern's token
                    passed[row, slots] = True
            self._sequence_targets(passed[inverse], targets)
        if self.matcher_rules:
            self._matcher_targets(doc, targets)
        for token, rules in targets.items():
            token_values, token_isset = self._outcome(
                tuple(sorted({*found[inverse[token]][0], *rules})))
            written[token] = numpy.where(token_isset, numpy.array(token_values, numpy.uint64),
                                         written[token])
        doc.from_array(self.written, written)
        return doc


def _compile(pattern: list[dict[Any, Any]], vocab: Any) -> list[list[Check]] | None:
    """The checks of each token of a Matcher pattern, or None when the pattern needs the
    Matcher. Operands are hashed as the Matcher hashes them, so that they compare alike."""
    tokens = []
    for spec in pattern:
        checks: list[Check] = []
        for name, value in spec.items():
            name = name.upper() if isinstance(name, str) else name  # as the Matcher reads it
            name = "ORTH" if name == "TEXT" else name
            if name not in TESTABLE:  # also "OP", "_" and attribute ids given as ints
                return None
            attr = IDS[name]
            if isinstance(value, str):
                checks.append((attr, "==", vocab.strings.add(value)))
            elif isinstance(value, int):  # also a bool, as 0 or 1
                checks.append((attr, "==", int(value)))
            elif isinstance(value, dict) and set(value) <= {"IN", "NOT_IN", "REGEX"}:
                for operator, operand in value.items():
                    if operator == "REGEX":
                        checks.append((attr, operator, re.compile(operand)))
                    else:
                        checks.append((attr, operator,
                                       frozenset(get_string_id(v) for v in operand)))
            else:
                return None
        tokens.append(checks)
    return tokens


def _passes(checks: list[Check], row: tuple[int, ...], strings: Any) -> bool:
    """Whether a token with the column values ``row`` passes every check, as the Matcher
    decides it (a regular expression searches the value's string)."""
    for column, operator, operand in checks:
        value = row[column]
        if operator == "==":
            ok = value == operand
        elif operator == "IN":
            ok = value in operand
        elif operator == "NOT_IN":
            ok = value not in operand
        else:
            ok = operand.search(strings[value]) is not None
        if not ok:
            return False
    return True


def unwritable_attrs(ruler: AttributeRuler) -> set[Any]:
    """What the rules of ``ruler`` set that :class:`FastAttributeRuler` cannot."""
    return set().union(*ruler.attrs) - WRITABLE


@Language.factory(COMPONENT)
def make_fast_attribute_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    """Factory: applies the rules of the pipeline's own (then disabled) ``attribute_ruler``."""
    return FastAttributeRuler(nlp.get_pipe("attribute_ruler"))


def use_fast_attribute_ruler(nlp: Language) -> None:
    """Put :class:`FastAttributeRuler` in place of ``nlp``'s attribute ruler (same attributes,
    faster). It reads the ruler's patterns once: add any before calling this."""
    if "attribute_ruler" not in nlp.pipe_names or COMPONENT in nlp.pipe_names:
        return
    if unwritable_attrs(nlp.get_pipe("attribute_ruler")):
        return  # rules that write lexemes or extensions: spaCy's ruler it stays
    nlp.add_pipe(COMPONENT, after="attribute_ruler")
    nlp.disable_pipe("attribute_ruler")
