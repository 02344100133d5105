import pytest

from annotator.core.errors import SpanError
from annotator.core.spans import check_span, check_status

TEXT = "قال 😀 محمد في بغداد"


def test_returns_the_covered_text_across_an_emoji() -> None:
    start = TEXT.index("محمد")
    assert check_span(TEXT, start, start + 4) == "محمد"


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [(-1, 3, "negative"), (5, 5, "greater than start"), (6, 2, "greater than start"),
     (0, len(TEXT) + 1, "past the end"), (0.5, 3, "integers"), (True, 3, "integers")],
)
def test_refuses_bad_offsets(start, end, message) -> None:
    with pytest.raises(SpanError, match=message):
        check_span(TEXT, start, end)


def test_refuses_a_snapshot_that_differs_from_the_text() -> None:
    start = TEXT.index("محمد")
    with pytest.raises(SpanError, match="does not match"):
        check_span(TEXT, start, start + 4, "بغداد")


def test_whole_text_is_a_valid_span() -> None:
    assert check_span(TEXT, 0, len(TEXT), TEXT) == TEXT


def test_status_must_be_known() -> None:
    assert check_status("accepted") == "accepted"
    with pytest.raises(SpanError, match="unknown review status"):
        check_status("done")
