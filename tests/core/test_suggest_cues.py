"""Claims from reporting verbs: the quotation, or what follows إن/أن, with exact offsets."""

import pytest

from annotator.core.suggest.base import SuggestContext
from annotator.core.suggest.cues import CueSource


def claims(text: str) -> list[str]:
    return [text[s.start:s.end] for s in CueSource().suggest(text, SuggestContext())]


@pytest.mark.parametrize(("text", "expected"), [
    ("قال قائد فصيل إن الفصائل المسلحة أعلنت انتهاء الهدنة.", ["الفصائل المسلحة أعلنت انتهاء الهدنة"]),
    ("وأكد الوزير أن المفاوضات ستستأنف الأسبوع المقبل.", ["المفاوضات ستستأنف الأسبوع المقبل"]),
    ("وقال المتحدث: «لن نقبل بهذا الاتفاق» ثم غادر.", ["«لن نقبل بهذا الاتفاق»"]),
    ("ونفت الحكومة بأن تكون القوات قد انسحبت من المدينة.", ["تكون القوات قد انسحبت من المدينة"]),
    ("وأوضح مسؤولون عراقيون أن الهجوم لم يسفر عن إصابات. ثم قال آخرون إنه انتهى سريعا.",
     ["الهجوم لم يسفر عن إصابات", "انتهى سريعا"]),
])
def test_reported_content_is_suggested_as_a_claim(text: str, expected: list[str]) -> None:
    assert claims(text) == expected


@pytest.mark.parametrize("text", [
    "قالب الحلوى جاهز.",  # a word that starts like قال is not قال
    "الأسبوع المقبل إن شاء الله نلتقي.",  # إن without a reporting verb
    "قال كلاما كثيرا في الاجتماع.",  # a reporting verb without إن/أن or a quotation
])
def test_no_claim_without_a_reporting_verb_and_its_content(text: str) -> None:
    assert claims(text) == []


def test_offsets_survive_an_emoji_and_crlf_before_the_claim() -> None:
    text = "😀 خبر\r\nقال الوزير إن الهدنة انتهت."
    (found,) = CueSource().suggest(text, SuggestContext())
    assert text[found.start:found.end] == "الهدنة انتهت" and found.label == "claim"
