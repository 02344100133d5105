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
