import random
import time
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.arabic_normalize import IGNORABLE, normalize, normalize_with_map
from annotator.core.suggest import source_named
from annotator.core.suggest.base import SuggestContext, Suggestion, SuggestionSource
from annotator.core.suggest.matcher import PROCLITICS, MatcherIndex, MatcherSource
from annotator.core.tokenizer import continues_token


def context(*tagged: tuple[str, str, int], gazetteer: tuple[tuple[str, str], ...] = ()) -> SuggestContext:
    return SuggestContext(tagged=Counter({(text, label): count for text, label, count in tagged}),
                          gazetteer=list(gazetteer))


def found(text: str, ctx: SuggestContext, **options: bool) -> list[tuple[str, str, float]]:
    """(covered text, label, score) of every suggestion, in order; each checked against the text."""
    suggestions = MatcherSource(**options).suggest(text, ctx)
    for s in suggestions:
        assert s.source == "matcher"
        assert 0 <= s.start < s.end <= len(text)
    return [(text[s.start:s.end], s.label, s.score) for s in suggestions]


def covered(text: str, ctx: SuggestContext, **options: bool) -> list[str]:
    return [piece for piece, _, _ in found(text, ctx, **options)]


IRAQ = context(("العراق", "location", 3))


# --- the source and its interface -------------------------------------------------------------------------


def test_is_a_suggestion_source() -> None:
    source: SuggestionSource = MatcherSource()
    assert source.name == "matcher"
    assert isinstance(source_named("matcher"), MatcherSource)
    assert source.suggest("", IRAQ) == []
    assert source.suggest("في العراق", SuggestContext()) == []


def test_suggestion_offsets_and_score() -> None:
    text = "وصل الوفد إلى العراق أمس."
    assert MatcherSource().suggest(text, IRAQ) == [Suggestion(14, 20, "location", "matcher", 3.0)]


def test_every_occurrence_in_order() -> None:
    text = "العراق ثم العراق، و«العراق»\nالعراق"
    suggestions = MatcherSource().suggest(text, IRAQ)
    assert [text[s.start:s.end] for s in suggestions] == ["العراق"] * 4
    assert [s.start for s in suggestions] == sorted(s.start for s in suggestions)


def test_the_text_already_tagged_there_is_still_suggested() -> None:
    # The matcher does not know the spans; the caller drops suggestions that repeat one.
    text = "في العراق"
    ctx = context(("العراق", "location", 1))
    assert MatcherSource().suggest(text, ctx) == [Suggestion(3, 9, "location", "matcher", 1.0)]


# --- Arabic-aware matching ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("known", "written"), [
    ("الأردن", "الاردن"), ("الاردن", "الأردن"), ("إسرائيل", "اسرائيل"), ("اسرائيل", "إسرائيل"),
    ("آسيا", "اسيا"), ("أسيا", "آسيا"), ("ٱلقدس", "القدس"), ("القدس", "ٱلقدس"),
    ("مصطفى", "مصطفي"), ("مصطفي", "مصطفى"), ("غزة", "غزه"), ("غزه", "غزة"),
    ("بغداد", "بَغْدَادُ"), ("بَغْدَاد", "بغداد"), ("بغداد", "بغـــداد"), ("الرحمن", "الرَّحْمٰن"),
    ("بغداد", "بغ\u200cداد"), ("مؤتمر", "مو\u0654تمر"), ("هيئة", "هيي\u0654ة"), ("رئيس", "رى\u0654يس"),
])
def test_spelling_variants_match_and_keep_the_original_letters(known: str, written: str) -> None:
    text = f"قال {written}، أمس"
    assert found(text, context((known, "actor", 2))) == [(written, "actor", 2.0)]


def test_trailing_marks_of_the_last_letter_are_inside_the_span() -> None:
    text = "في بَغْدَادَ، اليوم"
    suggestions = MatcherSource().suggest(text, context(("بغداد", "location", 1)))
    assert [text[s.start:s.end] for s in suggestions] == ["بَغْدَادَ"]
    assert text[suggestions[0].end] == "،"


def test_hamza_seats_are_not_folded_into_plain_letters() -> None:
    assert covered("مؤتمر موتمر", context(("مؤتمر", "claim", 1))) == ["مؤتمر"]


def test_latin_and_digits_match_exactly() -> None:
    ctx = context(("CNN", "actor", 1), ("2020", "date", 1))
    assert covered("قالت CNN عام 2020 إن cnn", ctx) == ["CNN", "2020"]


# --- proclitics --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["العراق", "والعراق", "فالعراق", "بالعراق", "كالعراق", "وبالعراق", "فبالعراق",
                                  "وكالعراق", "وَبِالعِرَاقِ"])
def test_proclitics_stay_outside_the_span_and_the_article_inside(word: str) -> None:
    text = f"سافر {word} أمس"
    [(piece, label, score)] = found(text, IRAQ)
    assert normalize(piece) == "العراق" and piece.startswith("ال") and (label, score) == ("location", 3.0)
    assert text.index(piece) + len(piece) == text.index(word) + len(word)


def test_proclitic_before_a_name_without_article() -> None:
    ctx = context(("بغداد", "location", 1), ("لبنان", "location", 1))
    assert covered("وبغداد ببغداد ولبنان للبنان ولِلبنان", ctx) == ["بغداد", "بغداد", "لبنان", "لبنان", "لبنان"]


def test_proclitic_before_a_multi_word_text() -> None:
    text = "وبالولايات المتحدة"
    assert covered(text, context(("الولايات المتحدة", "location", 1))) == ["الولايات المتحدة"]


def test_a_name_that_begins_with_a_proclitic_letter_is_found_whole() -> None:
    ctx = context(("بيروت", "location", 1), ("وليد", "actor", 1))
    assert covered("بيروت ووليد", ctx) == ["بيروت", "وليد"]


def test_the_article_is_not_stripped() -> None:
    assert covered("في العراق", context(("عراق", "location", 1))) == []


def test_lam_before_the_article_is_left_out_by_default() -> None:
    # ل + ال writes للعراق: the alef is gone, so العراق cannot be sliced out of it.
    assert covered("دعم للعراق وللعراق", IRAQ) == []


def test_lam_before_the_article_on_request_suggests_the_article_lam_and_noun() -> None:
    text = "دعم للعراق وللعراق فللعراق ولِلْعِرَاقِ"
    assert covered(text, IRAQ, contracted_article=True) == ["لعراق", "لعراق", "لعراق", "لْعِرَاقِ"]
    assert covered("للولايات المتحدة", context(("الولايات المتحدة", "location", 1)),
                   contracted_article=True) == ["لولايات المتحدة"]
    # Only the article's alef is elided: لبنان is not found in للبنان this way, but as ل + لبنان.
    assert covered("للبنان", context(("لبنان", "location", 1)), contracted_article=True) == ["لبنان"]


# --- whole words -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["بغدادي", "البغدادي", "وبغدادية", "بغدادـي", "xبغداد", "بغداد9", "٣بغداد"])
def test_no_match_inside_a_longer_word(text: str) -> None:
    assert covered(f"قال {text} أمس", context(("بغداد", "location", 1))) == []


def test_no_match_inside_a_longer_word_with_an_article() -> None:
    assert covered("الحكومة العراقية والعراقيون", IRAQ) == []
    assert covered("الموصل", context(("وصل", "actor", 1))) == []


def test_a_number_or_date_is_one_word() -> None:
    ctx = context(("2020", "date", 1), ("١٥", "date", 1))
    assert covered("في 2020-03-15 و١٥/٣/٢٠٢٢ و2020.", ctx) == ["2020"]


def test_punctuation_around_the_match() -> None:
    text = "(بغداد)، «بغداد»؛ بغداد؟ \"بغداد\".بغداد"
    assert covered(text, context(("بغداد", "location", 1))) == ["بغداد"] * 5


# --- offsets -----------------------------------------------------------------------------------------------


def test_emoji_and_crlf_before_the_match_do_not_shift_it() -> None:
    text = "👍🏽😀 قال\r\nالوزير\r\n\r\nفي بغداد 👍🏽"
    suggestions = MatcherSource().suggest(text, context(("بغداد", "location", 1), ("الوزير", "actor", 1)))
    assert [(text[s.start:s.end], s.start) for s in suggestions] == [("الوزير", 9), ("بغداد", 22)]


def test_offsets_after_removed_marks_and_tatweel() -> None:
    text = "قَالَ الـــوَزِيرُ إِنَّ بَغْدَادَ"
    ctx = context(("بغداد", "location", 1), ("الوزير", "actor", 1))
    assert covered(text, ctx) == ["الـــوَزِيرُ", "بَغْدَادَ"]


# --- multi-word texts --------------------------------------------------------------------------------------


def test_multi_word_text_matches_across_any_whitespace() -> None:
    ctx = context(("الولايات المتحدة", "location", 4))
    text = "الولايات المتحدة ثم الولايات  المتحدة ثم الولايات\r\nالمتحدة ثم الولايات\u00a0\tالمتحدة"
    assert covered(text, ctx) == ["الولايات المتحدة", "الولايات  المتحدة", "الولايات\r\nالمتحدة",
                                  "الولايات\u00a0\tالمتحدة"]


def test_multi_word_text_is_not_cut_or_stretched() -> None:
    ctx = context(("الولايات المتحدة", "location", 1))
    assert covered("الولايات المتحدةالأمريكية الولايات", ctx) == []
    assert covered("الولايات، المتحدة", ctx) == []


def test_known_text_with_spaces_around_it_in_the_project() -> None:
    ctx = context(("  الولايات   المتحدة ", "location", 1))
    assert covered("في الولايات المتحدة", ctx) == ["الولايات المتحدة"]


def test_known_text_that_starts_with_punctuation() -> None:
    ctx = context(gazetteer=(("(أ ف ب)", "actor"), ("«الجزيرة»", "actor")))
    text = "قال مراسل (أ ف ب) و«الجزيرة» ثم x(أ ف ب)"
    assert covered(text, ctx) == ["(أ ف ب)", "«الجزيرة»", "(أ ف ب)"]


# --- overlaps ----------------------------------------------------------------------------------------------


def test_longest_match_wins_within_a_label() -> None:
    ctx = context(("الولايات", "location", 9), ("الولايات المتحدة", "location", 1),
                  ("الولايات المتحدة الأمريكية", "location", 1), ("المتحدة", "location", 5))
    assert covered("الولايات المتحدة الأمريكية والولايات المتحدة والولايات", ctx) == [
        "الولايات المتحدة الأمريكية", "الولايات المتحدة", "الولايات"]


def test_overlapping_matches_of_different_labels_are_all_kept() -> None:
    ctx = context(("وزارة الخارجية", "actor", 2), ("الخارجية", "location", 1))
    assert found("قالت وزارة الخارجية", ctx) == [("وزارة الخارجية", "actor", 2.0), ("الخارجية", "location", 1.0)]


def test_overlaps_within_a_label_chain() -> None:
    ctx = context(("أ ب", "actor", 1), ("ب ج", "actor", 1), ("ج د", "actor", 1), ("د ه و", "actor", 1))
    assert covered("أ ب ج د ه و", ctx) == ["أ ب", "د ه و"]


# --- scores ------------------------------------------------------------------------------------------------


def test_score_is_the_tagged_count() -> None:
    ctx = context(("العراق", "location", 7), ("محمد", "actor", 1))
    assert found("محمد في العراق", ctx) == [("محمد", "actor", 1.0), ("العراق", "location", 7.0)]


def test_a_text_tagged_with_two_labels_gives_two_suggestions() -> None:
    ctx = context(("الجزيرة", "actor", 5), ("الجزيرة", "location", 2))
    assert found("قالت الجزيرة", ctx) == [("الجزيرة", "actor", 5.0), ("الجزيرة", "location", 2.0)]


def test_spellings_that_fold_alike_add_up() -> None:
    ctx = context(("أمريكا", "location", 2), ("امريكا", "location", 3), ("أَمريكا", "actor", 1))
    assert found("في أمريكا", ctx) == [("أمريكا", "actor", 1.0), ("أمريكا", "location", 5.0)]


def test_zero_or_negative_counts_and_empty_texts_are_ignored() -> None:
    ctx = context(("العراق", "location", 0), ("سوريا", "location", -2), ("  ", "actor", 3), ("َ", "actor", 1))
    assert found("العراق سوريا", ctx) == []


def test_gazetteer_entries_score_one_unless_also_tagged() -> None:
    ctx = context(("دمشق", "location", 4), gazetteer=(("دمشق", "location"), ("حلب", "location"),
                                                      ("دمشق", "actor")))
    assert found("من حلب إلى دمشق", ctx) == [("حلب", "location", 1.0), ("دمشق", "actor", 1.0),
                                          ("دمشق", "location", 4.0)]


def test_index_is_reusable_across_documents() -> None:
    index = MatcherIndex.from_context(IRAQ)
    assert [s.start for s in index.match("العراق")] == [0]
    assert [s.start for s in index.match("في والعراق")] == [4]
    assert index.size == 1


# --- normalisation -----------------------------------------------------------------------------------------


def test_normalize_folds_letters_and_drops_marks() -> None:
    assert normalize("أَإِآٱ ى ة ـ") == "اااا ي ه "
    assert normalize("الـــوَزِيرُ\r\n\t الجديد") == "الوزير الجديد"
    assert normalize("مو\u0654تمر هيي\u0654ة") == "مؤتمر هيئه"


def test_normalize_with_map_points_into_the_original() -> None:
    text = "👍🏽 بَغْدَادُ\r\n  x"
    folded = normalize_with_map(text)
    assert folded.text == "👍🏽 بغداد x"
    assert list(folded.origin) == [0, 1, 2, 3, 5, 7, 9, 10, 12, 16, 17]
    assert folded.to_original(3, 8) == (3, 12)  # the damma after the last dal is inside
    assert folded.origin[-1] == len(text) and folded.origin[-2] == 16 and folded.origin[1:3] == [1, 2]
    with pytest.raises(IndexError):
        folded.origin[11]


def test_normalize_with_map_without_changes_is_the_identity() -> None:
    folded = normalize_with_map("في بغداد")
    assert folded.text == "في بغداد" and list(folded.origin) == list(range(9))


_ALPHABET = st.sampled_from(list("ابتجدرسعفقكلمنهوي") + list("أإآٱىةؤئ") + list("\u064e\u064f\u0650\u0651\u0652\u0670")
                            + ["\u0640", "\u0654", "\u200c", " ", "  ", "\r\n", "\t", "\u00a0", "👍🏽", "x", "7", "،",
                               "«"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_normalize_with_map_invariants(text: str) -> None:
    folded = normalize_with_map(text)
    origin = list(folded.origin)
    assert folded.text == normalize(text) and normalize(folded.text) == folded.text
    assert len(origin) == len(folded.text) + 1 and origin[-1] == len(text)
    assert all(a < b for a, b in zip(origin, origin[1:], strict=False))
    for index, char in enumerate(folded.text):
        original = text[origin[index]]
        assert char == normalize(original) or (original, char) in {("و", "ؤ"), ("ي", "ئ"), ("ى", "ئ")}
        # what lies between two kept characters was dropped: marks, tatweel, joiners, extra whitespace
        assert all(c in IGNORABLE or c.isspace() for c in text[origin[index] + 1:origin[index + 1]])


# --- properties of the matcher -----------------------------------------------------------------------------

_KNOWN = {"بغداد": "location", "العراق": "location", "الولايات المتحدة": "location", "محمد علي": "actor",
          "الأمم المتحدة": "actor", "يوم الجمعة": "date", "غزة": "location", "مصطفى": "actor", "2020": "date"}
_SEPARATORS = [" ", " ", "، ", "\r\n", " 👍🏽 ", " «", "» ", "\n\n", "\u00a0", ". "]
_MARKS = "\u064e\u064f\u0650\u0651\u0652"


def _variant(text: str, rng: random.Random) -> str:
    """The same text as a writer might vary it: other alef, ى/ي, ة/ه, marks, tatweel, whitespace."""
    swaps = {"ا": "أإآا", "أ": "أإآا", "ى": "يى", "ة": "هة", " ": [" ", "  ", "\r\n", "\u00a0"]}
    out = []
    for index, char in enumerate(text):
        out.append(rng.choice(swaps[char]) if char in swaps and (char != "ا" or index) else char)
        if char.isalpha() and "\u0600" <= char <= "\u06ff":
            if rng.random() < 0.3:
                out.append(rng.choice(_MARKS))
            if rng.random() < 0.1 and index + 1 < len(text) and text[index + 1] != " ":
                out.append("\u0640")
    return "".join(out)


@settings(max_examples=200, deadline=None)
@given(st.randoms(use_true_random=False), st.integers(min_value=1, max_value=12))
def test_every_inserted_occurrence_is_found_exactly(rng: random.Random, pieces: int) -> None:
    ctx = SuggestContext(tagged=Counter({(text, label): 1 for text, label in _KNOWN.items()}))
    text, expected = rng.choice(["", "قال", "👍🏽"]), []
    for _ in range(pieces):
        text += rng.choice(_SEPARATORS)
        if rng.random() < 0.3:
            text += rng.choice(["و", "ف", "ب", "وب", "وَ", "بِ"] + ["كلمة "])
        known = rng.choice(sorted(_KNOWN))
        written = _variant(known, rng)
        expected.append((len(text), len(text) + len(written), _KNOWN[known]))
        text += written
    text += rng.choice(_SEPARATORS)
    got = [(s.start, s.end, s.label) for s in MatcherSource().suggest(text, ctx)]
    assert got == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["العراق", "والعراق", "بغداد", "بغدادي", "الولايات", "المتحدة", "للعراق", "غزه",
                                 "محمد", "علي", "x", "👍🏽", "2020", "-", "03", "َ", "ـ"]) | _ALPHABET, max_size=30),
       st.lists(st.sampled_from(_SEPARATORS + ["", ""]), min_size=30, max_size=30))
def test_suggestions_are_whole_known_texts(words: list[str], separators: list[str]) -> None:
    text = "".join(word + separator for word, separator in zip(words, separators, strict=False))
    known = {normalize(k).strip(): label for k, label in _KNOWN.items()}
    ctx = SuggestContext(tagged=Counter({(k, label): 1 for k, label in _KNOWN.items()}))
    suggestions = MatcherSource().suggest(text, ctx)
    for s in suggestions:
        assert known[normalize(text[s.start:s.end])] == s.label
        assert not continues_token(text, s.end)
        if continues_token(text, s.start):  # only a proclitic (and its marks) before the span
            word_start = s.start
            while continues_token(text, word_start):
                word_start -= 1
            assert normalize(text[word_start:s.start]) in PROCLITICS
    for label in {s.label for s in suggestions}:
        same = [s for s in suggestions if s.label == label]
        assert all(first.end <= second.start for first, second in zip(same, same[1:], strict=False))


# --- speed -------------------------------------------------------------------------------------------------


def test_a_megabyte_against_five_thousand_known_texts_is_fast() -> None:
    rng = random.Random(7)
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهويةىأ"
    vocabulary = ["".join(rng.choice(letters) for _ in range(rng.randint(3, 8))) for _ in range(20000)]
    tagged: Counter[tuple[str, str]] = Counter()
    for _ in range(5000):
        words = " ".join(rng.choice(vocabulary) for _ in range(rng.choice([1, 1, 2, 3])))
        tagged[(("ال" if rng.random() < 0.4 else "") + words, rng.choice(["actor", "location", "date"]))] += 1
    known = [text for text, _ in tagged]
    pieces, size = [], 0
    while size < 1_000_000:
        word = rng.choice(["و", "ب", ""]) + rng.choice(known) if rng.random() < 0.05 else rng.choice(vocabulary)
        piece = word + rng.choice([" ", " ", "، ", "\r\n", " 👍🏽 "])
        pieces.append(piece)
        size += len(piece)
    text = "".join(pieces)
    started = time.perf_counter()
    suggestions = MatcherSource().suggest(text, SuggestContext(tagged=tagged))
    elapsed = time.perf_counter() - started
    assert len(suggestions) > 5000
    assert elapsed < 5.0  # about 0.5 s on a shared two-core machine; the bound only catches a blow-up
