import pytest

from annotator.core.agreement import (
    Unit,
    agreement,
    alpha_u_disagreements,
    cohen_kappa,
    overlap_matches,
)


def test_alpha_u_reproduces_krippendorffs_2004_example() -> None:
    # Krippendorff (2004), Content Analysis, p. 254: a continuum of 300 from offset 150, two coders.
    def shift(units):
        return [(b - 150, b - 150 + length) for b, length in units]

    c = [shift([(225, 70), (370, 30)]), shift([(220, 80), (355, 20), (400, 20)])]
    k = [shift([(180, 60), (300, 50)]), shift([(180, 60), (300, 50)])]
    observed_c, expected_c = alpha_u_disagreements(c, 300)
    observed_k, expected_k = alpha_u_disagreements(k, 300)
    assert observed_c == pytest.approx(0.0144, abs=1e-4)
    assert expected_c == pytest.approx(0.0532, abs=1e-4)
    assert 1 - observed_c / expected_c == pytest.approx(0.7286, abs=1e-4)
    assert observed_k == 0 and expected_k == pytest.approx(0.0490, abs=1e-4)
    overall = 1 - (observed_c + observed_k) / (expected_c + expected_k)
    assert overall == pytest.approx(0.8591, abs=5e-4)


def test_cohen_kappa_textbook_case() -> None:
    # 50 items: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no -> kappa 0.4
    pairs = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    assert cohen_kappa(pairs) == pytest.approx(0.4)
    assert cohen_kappa([]) is None
    assert cohen_kappa([("O", "O")] * 3) == 1.0


def test_overlap_matching_is_one_to_one() -> None:
    a = [Unit(1, 0, 10, "claim", "a")]
    b = [Unit(1, 0, 4, "claim", "b"), Unit(1, 5, 10, "claim", "b")]
    assert overlap_matches(a, b) == 1
    assert overlap_matches(a, [Unit(1, 0, 10, "actor", "b")]) == 0


TEXT = "قال الرئيس محمد في بغداد يوم الخميس إن الاتفاق سيوقع"


def span(annotator: str, phrase: str, label: str, document_id: int = 1) -> Unit:
    start = TEXT.index(phrase)
    return Unit(document_id, start, start + len(phrase), label, annotator)


def test_pair_report_exact_overlap_kappa_alpha() -> None:
    units = [
        span("a", "الرئيس محمد", "actor"), span("b", "محمد", "actor"),
        span("a", "بغداد", "location"), span("b", "بغداد", "location"),
        span("a", "يوم الخميس", "date"),
        span("b", "الاتفاق", "actor"),
        span("a", "الاتفاق", "claim", document_id=2),  # b never touched document 2
    ]
    (report,) = agreement({1: TEXT, 2: TEXT}, units, ["actor", "location", "date", "claim"])
    assert (report.a, report.b, report.documents) == ("a", "b", 1)
    actor = report.labels["actor"]
    assert (actor["exact_matches"], actor["overlap_matches"]) == (0, 1)
    assert actor["overlap_f1"] == pytest.approx(2 * 1 / (1 + 2))
    location = report.labels["location"]
    assert location["exact_f1"] == 1.0 and location["kappa"] == 1.0 and location["alpha_u"] == 1.0
    date = report.labels["date"]
    assert (date["precision"], date["recall"], date["exact_f1"]) == (None, 0.0, 0.0)
    assert report.overall["exact_f1"] == pytest.approx(2 * 1 / (3 + 3))
    assert report.overall["precision"] == pytest.approx(1 / 3) and report.overall["recall"] == pytest.approx(1 / 3)
    assert -1 <= report.overall["kappa"] < 1 and report.overall["alpha_u"] < 1
    assert report.left_out["document_not_annotated_by_both"] == 1
    assert {d["text"] for d in report.disagreements} == {"الرئيس محمد", "محمد", "يوم الخميس", "الاتفاق"}


def test_identical_annotations_agree_perfectly() -> None:
    units = [span(who, phrase, label) for who in ("a", "b")
             for phrase, label in (("محمد", "actor"), ("بغداد", "location"), ("إن الاتفاق سيوقع", "claim"))]
    (report,) = agreement({1: TEXT}, units, ["actor", "location", "claim"])
    assert report.overall == {"exact_f1": 1.0, "precision": 1.0, "recall": 1.0, "overlap_f1": 1.0,
                              "kappa": 1.0, "alpha_u": 1.0}
    assert report.disagreements == []


def test_document_by_document_tallies_equal_the_measures_on_one_continuum() -> None:
    """compare_pair adds each document's share up; the result must be what the measures give when computed
    at once on the continuum of all compared documents (alpha_u), on every token pair (kappa) and on every
    span (exact and overlap matches)."""
    import random

    from annotator.core.agreement import iob_tags, project_tokens

    rng = random.Random(11)
    words = "قال الرئيس في بغداد يوم مارس إن الاتفاق سيوقع العراق".split()
    for _ in range(60):
        texts = {d: " ".join(rng.choice(words) for _ in range(rng.randint(3, 40))) for d in range(rng.randint(1, 5))}
        units = []
        for who in ("a", "b"):
            for d, text in texts.items():
                units.append(Unit(d, 0, 3, "actor", who))  # every document annotated by both
                for _ in range(rng.randint(0, 6)):
                    start = rng.randrange(len(text) - 1)
                    units.append(Unit(d, start, rng.randint(start + 1, min(len(text), start + 12)),
                                      rng.choice(["actor", "date"]), who))
        (report,) = agreement(texts=texts, units=units, labels=["actor", "date"])
        offsets, position = {}, 0
        for d in sorted(texts):
            offsets[d], position = position, position + len(texts[d])
        for label in ("actor", "date"):
            coded, pairs = [], []
            for who in ("a", "b"):
                kept, end = [], -1
                for u in sorted((u for u in units if u.annotator == who and u.label == label),
                                key=lambda u: (u.document_id, u.start, -u.end)):
                    if offsets[u.document_id] + u.start >= end:
                        kept.append((offsets[u.document_id] + u.start, offsets[u.document_id] + u.end))
                        end = kept[-1][1]
                coded.append(kept)
            observed, expected = alpha_u_disagreements(coded, position)
            measured = report.labels[label]
            assert measured["alpha_u"] == pytest.approx(0.0 if observed == expected else 1 - observed / expected)
            for d, text in texts.items():
                tokens = project_tokens(text)
                tags = [iob_tags(tokens, [u for u in units if u.annotator == who and u.label == label
                                          and u.document_id == d])[0] for who in ("a", "b")]
                pairs.extend(zip(*tags, strict=True))
            assert measured["kappa"] == pytest.approx(cohen_kappa(pairs))
            mine = [u for u in units if u.annotator == "a" and u.label == label]
            theirs = [u for u in units if u.annotator == "b" and u.label == label]
            assert measured["overlap_matches"] == overlap_matches(mine, theirs)
            assert measured["exact_matches"] == len({(u.document_id, u.start, u.end) for u in mine}
                                                    & {(u.document_id, u.start, u.end) for u in theirs})
