"""Inter-annotator agreement: exact and overlap span F1, token-level Cohen's kappa and Krippendorff's
unitizing alpha (alpha_u), per annotator pair, per label and overall.

Only documents that both annotators of a pair have annotated (at least one span each) are compared;
spans elsewhere are left out and counted. The formulas are written out in the README.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any


@dataclass(frozen=True)
class Unit:
    document_id: int
    start: int
    end: int
    label: str
    annotator: str


Tokenizer = Callable[[str], list[tuple[int, int]]]
def project_tokens(text: str) -> list[tuple[int, int]]:
    """The project tokenizer's tokens (the one CoNLL export and word snapping use)."""
    from annotator.core.tokenizer import tokenize

    return [(token.start, token.end) for token in tokenize(text)]


def _f1(matched: int, a: int, b: int) -> dict[str, float | None]:
    return {
        "precision": matched / b if b else None,
        "recall": matched / a if a else None,
        "f1": 2 * matched / (a + b) if a + b else None,
    }


def overlap_matches(a: Sequence[Unit], b: Sequence[Unit]) -> int:
    """One-to-one matching of same-label overlapping spans, greedily by the largest overlap first."""
    candidates = []
    by_key: dict[tuple[int, str], list[int]] = defaultdict(list)
    for j, unit in enumerate(b):
        by_key[(unit.document_id, unit.label)].append(j)
    for i, unit in enumerate(a):
        for j in by_key[(unit.document_id, unit.label)]:
            other = b[j]
            overlap = min(unit.end, other.end) - max(unit.start, other.start)
            if overlap > 0:
                candidates.append((-overlap, i, j))
    candidates.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    for _, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
    return len(used_a)


def cohen_kappa(pairs: Iterable[tuple[str, str]]) -> float | None:
    """Cohen's kappa over paired categorical judgements; None when there is nothing to compare."""
    pairs = list(pairs)
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(1 for x, y in pairs if x == y) / n
    first = Counter(x for x, _ in pairs)
    second = Counter(y for _, y in pairs)
    expected = sum(first[c] * second[c] for c in first) / (n * n)
    if expected == 1:
        return 1.0 if observed == 1 else 0.0
    return (observed - expected) / (1 - expected)


def iob_tags(tokens: list[tuple[int, int]], units: Iterable[Unit]) -> tuple[list[str], int]:
    """B/I/O per token for one label and one annotator; returns the tags and how many spans covered
    no whole token (left out)."""
    tags = ["O"] * len(tokens)
    starts = [t[0] for t in tokens]
    left_out = 0
    for unit in sorted(units, key=lambda u: (u.start, -u.end)):
        first = bisect_left(starts, unit.start)
        last = bisect_left(starts, unit.end, lo=first)
        inside = [k for k in range(first, last) if tokens[k][1] <= unit.end]
        if not inside or tags[inside[0]] != "O":
            left_out += 1
            continue
        tags[inside[0]] = "B"
        for k in inside[1:]:
            if tags[k] == "O":
                tags[k] = "I"
    return tags, left_out


def _segments(units: list[tuple[int, int]], length: int) -> list[tuple[int, int, bool]]:
    """The continuum cut into (begin, length, is_unit) pieces: units and the gaps between them."""
    pieces = []
    position = 0
    for begin, end in units:
        if begin > position:
            pieces.append((position, begin - position, False))
        pieces.append((begin, end - begin, True))
        position = end
    if position < length:
        pieces.append((position, length - position, False))
    return pieces


def _distance(b1: int, l1: int, u1: bool, b2: int, l2: int, u2: bool) -> float:
    begin_diff = b1 - b2
    length_diff = l1 - l2
    if u1 and u2 and -l1 < begin_diff < l2:
        return begin_diff ** 2 + (begin_diff + length_diff) ** 2
    if u1 and not u2 and -length_diff >= begin_diff >= 0:
        return l1 * l1
    if not u1 and u2 and -length_diff <= begin_diff <= 0:
        return l2 * l2
    return 0.0


def alpha_u_disagreements(units_by_coder: list[list[tuple[int, int]]], length: int) -> tuple[float, float]:
    """Observed and expected disagreement of Krippendorff's alpha_u (1995) for one category on a
    continuum of ``length`` characters; each coder's units sorted and not overlapping."""
    coders = len(units_by_coder)
    pieces = [_segments(units, length) for units in units_by_coder]
    observed = 0.0
    for first, second in combinations(range(coders), 2):
        p1, p2 = pieces[first], pieces[second]
        i = j = 0
        while i < len(p1) and j < len(p2):
            observed += _distance(*p1[i], *p2[j])
            end1, end2 = p1[i][0] + p1[i][1], p2[j][0] + p2[j][1]
            if end1 <= end2:
                i += 1
            if end2 <= end1:
                j += 1
    observed = 2 * observed / (coders * (coders - 1) * length * length)
    lengths = [end - begin for units in units_by_coder for begin, end in units]
    gaps = sorted(size for coder in pieces for _, size, is_unit in coder if not is_unit)
    # suffix[k] = sum of gaps[k:], so the sum over gaps >= size is one bisect: O((units + gaps) log gaps).
    suffix = [0] * (len(gaps) + 1)
    for k in range(len(gaps) - 1, -1, -1):
        suffix[k] = suffix[k + 1] + gaps[k]
    n_c = len(lengths)
    total = 0.0
    for size, times in Counter(lengths).items():
        first = bisect_left(gaps, size)
        fitting = len(gaps) - first
        total += times * (n_c - 1) * (2 * size ** 3 - 3 * size ** 2 + size) / 3
        total += times * size * size * (suffix[first] - fitting * (size - 1))
    denominator = coders * length * (coders * length - 1) - sum(size * (size - 1) for size in lengths)
    expected = total * 2 / length / denominator if denominator else 0.0
    return observed, expected


@dataclass
class PairReport:
    a: str
    b: str
    documents: int = 0
    overall: dict[str, Any] = field(default_factory=dict)
    labels: dict[str, dict[str, Any]] = field(default_factory=dict)
    left_out: dict[str, int] = field(default_factory=dict)
    disagreements: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "documents": self.documents, "overall": self.overall,
                "labels": self.labels, "left_out": self.left_out, "disagreements": self.disagreements}


def _dedupe_for_unitizing(units: list[Unit]) -> tuple[list[Unit], int]:
    """alpha_u needs each coder's units of one label not to overlap: keep the first, count the rest."""
    kept: list[Unit] = []
    dropped = 0
    for unit in sorted(units, key=lambda u: (u.document_id, u.start, -u.end)):
        if kept and kept[-1].document_id == unit.document_id and unit.start < kept[-1].end:
            dropped += 1
        else:
            kept.append(unit)
    return kept, dropped


def compare_pair(a: str, b: str, texts: dict[int, str], units: list[Unit], labels: Sequence[str],
                 tokenize: Tokenizer = project_tokens) -> PairReport:
    report = PairReport(a, b)
    both = {u.document_id for u in units if u.annotator == a} & {u.document_id for u in units if u.annotator == b}
    report.documents = len(both)
    mine = [u for u in units if u.annotator == a and u.document_id in both and u.label in labels]
    theirs = [u for u in units if u.annotator == b and u.document_id in both and u.label in labels]
    report.left_out["document_not_annotated_by_both"] = sum(
        1 for u in units if u.annotator in (a, b) and u.document_id not in both and u.label in labels)
    documents = sorted(both)
    offsets, position = {}, 0
    for document_id in documents:  # all compared documents form one continuum, one after another
        offsets[document_id] = position
        position += len(texts[document_id])
    continuum = position
    tokens = {d: tokenize(texts[d]) for d in documents}
    by_document: dict[tuple[str, str, int], list[Unit]] = defaultdict(list)
    for unit in (*mine, *theirs):
        by_document[(unit.annotator, unit.label, unit.document_id)].append(unit)
    overall_counts = Counter()
    kappa_pairs_all: list[tuple[str, str]] = []
    observed_sum = expected_sum = 0.0
    token_left_out = unitizing_left_out = 0
    for label in labels:
        la = [u for u in mine if u.label == label]
        lb = [u for u in theirs if u.label == label]
        exact_a = {(u.document_id, u.start, u.end) for u in la}
        exact_b = {(u.document_id, u.start, u.end) for u in lb}
        exact = len(exact_a & exact_b)
        overlap = overlap_matches(la, lb)
        scores = _f1(exact, len(exact_a), len(exact_b))
        pairs: list[tuple[str, str]] = []
        for d in documents:
            tags_a, lost_a = iob_tags(tokens[d], by_document.get((a, label, d), []))
            tags_b, lost_b = iob_tags(tokens[d], by_document.get((b, label, d), []))
            token_left_out += lost_a + lost_b
            pairs.extend(zip(tags_a, tags_b, strict=True))
        kappa_pairs_all.extend(pairs)
        units_a, dropped_a = _dedupe_for_unitizing(la)
        units_b, dropped_b = _dedupe_for_unitizing(lb)
        unitizing_left_out += dropped_a + dropped_b
        alpha = None
        if continuum:
            coded = [[(offsets[u.document_id] + u.start, offsets[u.document_id] + u.end) for u in group]
                     for group in (units_a, units_b)]
            observed, expected = alpha_u_disagreements(coded, continuum)
            observed_sum += observed
            expected_sum += expected
            alpha = 0.0 if observed == expected else 1 - observed / expected
        report.labels[label] = {
            "a_spans": len(exact_a), "b_spans": len(exact_b), "exact_matches": exact,
            "exact_f1": scores["f1"], "precision": scores["precision"], "recall": scores["recall"],
            "overlap_matches": overlap, "overlap_f1": _f1(overlap, len(la), len(lb))["f1"],
            "kappa": cohen_kappa(pairs), "alpha_u": alpha,
        }
        overall_counts.update(a=len(exact_a), b=len(exact_b), exact=exact, overlap=overlap, la=len(la), lb=len(lb))
        for key in sorted(exact_a ^ exact_b):
            owner = a if key in exact_a else b
            report.disagreements.append({"document_id": key[0], "start": key[1], "end": key[2], "label": label,
                                         "only": owner, "text": texts[key[0]][key[1]:key[2]]})
    exact_scores = _f1(overall_counts["exact"], overall_counts["a"], overall_counts["b"])
    report.overall = {
        "exact_f1": exact_scores["f1"], "precision": exact_scores["precision"], "recall": exact_scores["recall"],
        "overlap_f1": _f1(overall_counts["overlap"], overall_counts["la"], overall_counts["lb"])["f1"],
        "kappa": cohen_kappa(kappa_pairs_all),
        "alpha_u": None if not continuum else (0.0 if observed_sum == expected_sum else
                                               1 - observed_sum / expected_sum if expected_sum else None),
    }
    report.left_out["kappa_not_on_token_boundaries_or_nested"] = token_left_out
    report.left_out["alpha_u_overlapping_same_label"] = unitizing_left_out
    return report


def agreement(texts: dict[int, str], units: list[Unit], labels: Sequence[str],
              annotators: Sequence[str] | None = None, tokenize: Tokenizer = project_tokens) -> list[PairReport]:
    """Every pair of annotators (in the order given, or by name)."""
    names = list(annotators) if annotators else sorted({u.annotator for u in units})
    return [compare_pair(a, b, texts, units, labels, tokenize) for a, b in combinations(names, 2)]
