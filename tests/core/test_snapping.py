import pytest

from annotator.core.snapping import snap_to_words, trim_spaces

TEXT = "قال «محمد» في بغدادَ، يوم ١٥ مارس (2020) 😀 للقوات."


def snap(selected: str, shift_start: int = 0, shift_end: int = 0) -> str | None:
    start = TEXT.index(selected) + shift_start
    result = snap_to_words(TEXT, start, start + len(selected) + shift_end)
    return TEXT[result[0]:result[1]] if result else None


@pytest.mark.parametrize(
    ("selected", "expected"),
    [("«محمد»", "محمد"), (" «محمد» ", "محمد"), ("بغدادَ،", "بغدادَ"), ("(2020)", "2020"),
     ("١٥ مارس", "١٥ مارس"), ("١٥ مارس (2020) ", "١٥ مارس (2020")],
)
def test_trims_spaces_and_punctuation(selected: str, expected: str) -> None:
    assert snap(selected) == expected


def test_grows_a_partial_word_to_the_whole_word() -> None:
    assert snap("حم") == "محمد"
    assert snap("غدا") == "بغدادَ"  # the trailing fatha belongs to the word
    assert snap("قوات") == "للقوات"


def test_selection_of_only_punctuation_or_emoji_is_nothing() -> None:
    assert snap("، ") is None
    assert snap("😀") is None


def test_reversed_and_out_of_range_selections_are_normalised() -> None:
    start = TEXT.index("محمد")
    assert snap_to_words(TEXT, start + 4, start) == (start, start + 4)
    assert snap_to_words(TEXT, -5, 3) == (0, 3)


def test_without_snapping_only_whitespace_is_trimmed() -> None:
    start = TEXT.index("للقوات")
    assert trim_spaces(TEXT, start + 2, start + 6) == (start + 2, start + 6)
    assert trim_spaces(TEXT, start - 1, start + 2) == (start, start + 2)
    assert trim_spaces(TEXT, 3, 4) is None


def test_proclitics_are_peeled_one_at_a_time_and_the_article_never() -> None:
    from annotator.core.snapping import peel_proclitic

    text = "قال وبالعراق للعراق كل والعراق"
    start, end = text.index("وبالعراق"), text.index("وبالعراق") + len("وبالعراق")
    first = peel_proclitic(text, start, end)
    assert text[first:end] == "بالعراق"
    second = peel_proclitic(text, first, end)
    assert text[second:end] == "العراق"
    assert peel_proclitic(text, second, end) is None  # ال belongs to the name
    contracted = text.index("للعراق")
    assert peel_proclitic(text, contracted, contracted + 6) is None
    every = text.index("كل")
    assert peel_proclitic(text, every, every + 2) is None
