"""Which actor makes a claim: the one a reporting verb introduces, else the nearest before it."""

from annotator.core.links import likely_source


def spans_of(text: str, *words: str) -> list[tuple[int, int]]:
    return [(text.index(w), text.index(w) + len(w)) for w in words]


def test_the_actor_after_a_reporting_verb_is_the_source() -> None:
    text = "التقى الوزير بالسفير، وقال المتحدث باسم الجيش إن «الهدنة انتهت»."
    actors = spans_of(text, "الوزير", "السفير", "المتحدث باسم الجيش")
    assert likely_source(text, text.index("«"), actors) == 2


def test_without_a_reporting_verb_the_nearest_actor_before_the_claim() -> None:
    text = "الوزير والسفير: «الهدنة انتهت»"
    actors = spans_of(text, "الوزير", "السفير")
    assert likely_source(text, text.index("«"), actors) == 1


def test_an_actor_in_an_earlier_sentence_is_not_the_source() -> None:
    text = "قال الوزير شيئًا. «الهدنة انتهت» حسب التقارير"
    assert likely_source(text, text.index("«"), spans_of(text, "الوزير")) is None
