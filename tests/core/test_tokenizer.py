import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.snapping import snap_to_words
from annotator.core.tokenizer import Token, continues_token, split_sentences, tokenize


def words(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


def test_splits_arabic_punctuation_quotes_and_brackets() -> None:
    assert words("قال «محمد»، في (بغداد)؛ لماذا؟") == ["قال", "«", "محمد", "»", "،", "في", "(", "بغداد", ")", "؛",
                                                     "لماذا", "؟"]
    assert words('"نعم" “لا” \'ربما\' ‘أيضا’ [x].') == ['"', "نعم", '"', "“", "لا", "”", "'", "ربما", "'", "‘",
                                                       "أيضا", "’", "[", "x", "]", "."]


@pytest.mark.parametrize("number", ["١٥/٣/٢٠٢٢", "2020-03-15", "3.5", "٣٫٥", "10:30", "1,000", "١٢٣"])
def test_numbers_and_dates_stay_whole(number: str) -> None:
    assert words(f"يوم {number}.") == ["يوم", number, "."]


def test_separators_not_between_digits_split() -> None:
    assert words("عام 2020. ثم -5") == ["عام", "2020", ".", "ثم", "-", "5"]


def test_tashkeel_tatweel_and_joiners_stay_inside_words() -> None:
    assert words("وَقَالَ المُتَحَدِّثُ كـــبير می\u200cخواهم") == ["وَقَالَ", "المُتَحَدِّثُ", "كـــبير", "می\u200cخواهم"]


def test_emoji_is_its_own_token_and_keeps_its_modifiers() -> None:
    assert words("قال😀 👍🏽 ❤️x") == ["قال", "😀", "👍🏽", "❤️", "x"]


def test_offsets_are_code_points_after_emoji_and_crlf() -> None:
    text = "😀 محمد\r\nفي CNN"
    tokens = tokenize(text)
    assert tokens[1] == Token("محمد", 2, 6)
    assert all(text[t.start:t.end] == t.text for t in tokens)


def test_sentences_end_at_stops_and_line_breaks() -> None:
    text = "قال محمد: «انتهى.» ثم ذهب؟ نعم!\r\nسطر آخر 3.5 هنا"
    sentences = [[t.text for t in s] for s in split_sentences(text)]
    assert sentences == [["قال", "محمد", ":", "«", "انتهى", ".", "»"], ["ثم", "ذهب", "؟"], ["نعم", "!"],
                         ["سطر", "آخر", "3.5", "هنا"]]


def test_snapping_uses_the_same_word_rules() -> None:
    text = "يوم ١٥/٣/٢٠٢٢ في بغداد"
    start = text.index("٣")
    assert snap_to_words(text, start, start + 1) == (4, 13)


@given(st.text())
def test_tokens_cover_every_non_space_character_in_order(text: str) -> None:
    tokens = tokenize(text)
    covered = "".join(t.text for t in tokens)
    assert covered == "".join(c for c in text if not c.isspace())
    assert all(text[t.start:t.end] == t.text and t.text for t in tokens)
    assert all(a.end <= b.start for a, b in zip(tokens, tokens[1:], strict=False))
    assert [t for s in split_sentences(text, tokens) for t in s] == tokens


def test_runs_are_cut_at_every_kind_of_whitespace_and_nothing_else() -> None:
    """The tokenizer takes the text's whitespace-free runs with str.split(): the same runs as the regex
    \\S+ for every character Python counts as whitespace (NBSP, the ideographic space, U+2028, U+0085 ...)."""
    import re
    import sys

    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert "\xa0" in spaces and "\u2028" in spaces and "\x1c" in spaces
    text = "".join(f"كلمة{space}2020-03-15{space}«قال»{space}" for space in spaces) + "نهاية"
    runs = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    tokens = tokenize(text)
    assert all(text[t.start:t.end] == t.text and not any(ch.isspace() for ch in t.text) for t in tokens)
    covered = []
    for token in tokens:  # consecutive tokens of one run touch; runs are separated by whitespace
        if covered and covered[-1][1] == token.start:
            covered[-1] = (covered[-1][0], token.end)
        else:
            covered.append((token.start, token.end))
    assert covered == runs


RUN_PIECES = ["مشيرًا", "«قال", "(العراقية", "“.", "،", "2020-03-15", "3.5.", "ُمنحت", "x\u200dy", "😀🏽", "ـــ",
              "a,", ",1"]


@given(st.lists(st.sampled_from(RUN_PIECES), max_size=12).map(lambda pieces: " ".join(pieces * 2)))
def test_tokens_are_the_runs_continues_token_joins_also_for_a_run_seen_before(text: str) -> None:
    """A run split once is split again from memory (each run repeats here, at the text's start too):
    the tokens are still exactly the runs that continues_token joins, character by character."""
    expected: list[tuple[int, int]] = []
    for index, char in enumerate(text):
        if char.isspace():
            continue
        if expected and expected[-1][1] == index and continues_token(text, index):
            expected[-1] = (expected[-1][0], index + 1)
        else:
            expected.append((index, index + 1))
    assert [(t.start, t.end) for t in tokenize(text)] == expected
    assert [(t.start, t.end) for t in tokenize(text)] == expected
