"""The ``dates`` suggestion source: Arabic date and time expressions with offsets into the text as given."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.suggest.base import SuggestContext, Suggestion, SuggestionSource
from annotator.core.suggest.dates import DateSource
from annotator.core.tokenizer import continues_token

SOURCE = DateSource()
CONTEXT = SuggestContext()


def found(text: str) -> list[str]:
    suggestions = SOURCE.suggest(text, CONTEXT)
    for s in suggestions:
        assert 0 <= s.start < s.end <= len(text)
        assert (s.label, s.source) == ("date", "dates")
    return [text[s.start:s.end] for s in suggestions]


# (sentence, every date span in it, in order). Each sentence must give exactly these spans.
CASES = [
    # weekdays, with يوم, modifiers and a full date after them
    ("قال يوم الخميس 15 مارس 2020 إن الحكومة ستستقيل", ["يوم الخميس 15 مارس 2020"]),
    ("وصل الوفد الأحد إلى الرياض", ["الأحد"]),
    ("ستعقد الجلسة يوم الإثنين المقبل", ["يوم الإثنين المقبل"]),
    ("اجتمع المجلس الثلاثاء الماضي", ["الثلاثاء الماضي"]),
    ("أعلنت الوزارة، الجمعة، 15 آذار 2020، عن خطة جديدة", ["الجمعة، 15 آذار 2020"]),
    ("قتل ثلاثة أشخاص صباح الخميس في انفجار", ["صباح الخميس"]),
    ("وقعت الحادثة صباح يوم الأربعاء الماضي", ["صباح يوم الأربعاء الماضي"]),
    ("تظاهر المئات بعد ظهر السبت", ["بعد ظهر السبت"]),
    ("قال أمس الخميس إن المفاوضات فشلت", ["أمس الخميس"]),
    # day, month, year
    ("ولد في ١٥ آذار ٢٠٢٢ في دمشق", ["١٥ آذار ٢٠٢٢"]),
    ("تحتفل الأمم المتحدة في الخامس عشر من مارس بهذا اليوم", ["الخامس عشر من مارس"]),
    ("انتهت الهدنة في الـ15 من أبريل الماضي", ["الـ15 من أبريل الماضي"]),
    ("أعلن الاستقلال في 1 كانون الثاني 2021", ["1 كانون الثاني 2021"]),
    ("بدأت الحرب في 20 كانون الثاني/يناير 2024", ["20 كانون الثاني/يناير 2024"]),
    ("صدر القرار في 3 مارس (آذار) 2019", ["3 مارس (آذار) 2019"]),
    ("وقع الاتفاق في الحادي والعشرين من سبتمبر 2014", ["الحادي والعشرين من سبتمبر 2014"]),
    ("تبدأ المهلة في العاشر من الشهر الجاري", ["العاشر من الشهر الجاري"]),
    ("يبدأ الصيام في 5 رمضان الموافق 15 مارس", ["5 رمضان الموافق 15 مارس"]),
    # month and year, month and modifier, double forms, Hijri months
    ("وقع الهجوم في آذار/مارس الماضي قرب الحدود", ["آذار/مارس الماضي"]),
    ("أجريت الانتخابات في أكتوبر الماضي", ["أكتوبر الماضي"]),
    ("تنتهي الولاية في يونيو 2025", ["يونيو 2025"]),
    ("سافر في تشرين الأول/أكتوبر 2023 إلى عمان", ["تشرين الأول/أكتوبر 2023"]),
    ("صدر العدد في رمضان 1445هـ", ["رمضان 1445هـ"]),
    ("يزداد الإقبال في شهر رمضان المبارك", ["شهر رمضان المبارك"]),
    ("يبدأ الموسم في ذي الحجة", ["ذي الحجة"]),
    ("أعلن ذلك في مارس من العام الماضي", ["مارس من العام الماضي"]),
    ("تم التوقيع بمارس", ["مارس"]),
    # numeric dates and years
    ("في ١٥/٣/٢٠٢٢ أعلنت الوزارة النتائج", ["١٥/٣/٢٠٢٢"]),
    ("نشر التقرير بتاريخ 15-3-2022 على الموقع", ["15-3-2022"]),
    ("بدأ العمل بالقانون يوم 2022-03-15", ["يوم 2022-03-15"]),
    ("تأسست الشركة عام 2023 في دبي", ["عام 2023"]),
    ("غادر البلاد سنة ١٩٩٠ ولم يعد", ["سنة ١٩٩٠"]),
    ("صدر الكتاب 2023م عن دار النشر", ["2023م"]),
    ("توفي الشيخ 1445 هـ في مكة", ["1445 هـ"]),
    ("تضاعف الإنتاج بين عامي 2019 و2020", ["عامي 2019 و2020"]),
    ("يحكم البلاد منذ 2011 دون انتخابات", ["2011"]),
    ("يحكم البلاد منذ عام 2011 دون انتخابات", ["عام 2011"]),
    ("ارتفعت الأسعار أواخر 2019", ["أواخر 2019"]),
    # times
    ("انطلقت المسيرة الساعة 10:30 من ساحة التحرير", ["الساعة 10:30"]),
    ("يبدأ حظر التجول عند الساعة العاشرة والنصف مساءً", ["الساعة العاشرة والنصف مساءً"]),
    ("أقلعت الطائرة 10:30 صباحاً بتوقيت غرينتش", ["10:30 صباحاً بتوقيت غرينتش"]),
    ("قالت الشرطة مساء أمس إن المشتبه به فر", ["مساء أمس"]),
    ("وقصفت الطائرات المدينة فجر اليوم", ["فجر اليوم"]),
    ("انتهى الاجتماع قبل منتصف الليل بقليل", ["منتصف الليل"]),
    ("تبدأ الهدنة الساعة 8 بتوقيت غرينتش", ["الساعة 8 بتوقيت غرينتش"]),
    ("سمع دوي انفجارات الليلة الماضية", ["الليلة الماضية"]),
    ("لم يظهر علنا منذ فترة طويلة", ["منذ فترة طويلة"]),
    ("أعلن ذلك في 15 مارس، 2020 في بيان", ["15 مارس، 2020"]),
    # relative expressions
    ("وصل الرئيس منذ ثلاثة أيام إلى بغداد", ["منذ ثلاثة أيام"]),
    ("أطلق سراحه منذ عامين", ["منذ عامين"]),
    ("التقى الطرفان قبل أسبوع في جنيف", ["قبل أسبوع"]),
    ("يعيش هناك منذ أكثر من 20 عاماً", ["منذ أكثر من 20 عاماً"]),
    ("تغادر القوات خلال الأيام المقبلة", ["خلال الأيام المقبلة"]),
    ("يزور الوزير القاهرة الأسبوع المقبل", ["الأسبوع المقبل"]),
    ("تراجعت الصادرات السنة الماضية", ["السنة الماضية"]),
    ("ينتهي المشروع نهاية العام", ["نهاية العام"]),
    ("تبدأ المحادثات مطلع الشهر المقبل", ["مطلع الشهر المقبل"]),
    ("ارتفعت الإصابات خلال الساعات الـ24 الماضية", ["خلال الساعات الـ24 الماضية"]),
    ("تحسن الطقس في الأيام القليلة الماضية", ["الأيام القليلة الماضية"]),
    ("أعلن في وقت سابق من اليوم عن استقالته", ["وقت سابق من اليوم"]),
    ("وأمس قال المتحدث إن الوضع هادئ", ["أمس"]),
    ("يصل الوفد غداً إلى عمان", ["غداً"]),
    ("اعتقل أول أمس في حلب", ["أول أمس"]),
    ("نشر الخبر بالأمس في الصحف", ["الأمس"]),
    ("تضاعفت الصادرات هذا العام", ["هذا العام"]),
    # two expressions in one sentence
    ("وقع الاتفاق في يناير 2020 وانهار في مارس الماضي", ["يناير 2020", "مارس الماضي"]),
    ("التقيا الخميس ثم الجمعة", ["الخميس", "الجمعة"]),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[case[0][:30] for case in CASES])
def test_finds_exactly_the_expected_spans(sentence: str, expected: list[str]) -> None:
    assert found(sentence) == expected


def test_table_has_at_least_forty_phrasings() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("sentence", [
    "يمارس الضغط على الحكومة",  # يمارس contains مارس
    "ومارس الضغط على الحكومة",  # and the verb مارس after و
    "مارس الوزير ضغوطا كبيرة",
    "تراجعت الممارسات الخاطئة",
    "أقيمت أمسية شعرية في المركز",  # أمسية contains أمس
    "تنشر الصحيفة مقالات يومية",  # يومية contains يوم
    "ظهرت اليوميات في كتاب",
    "سافر إلى مارسيليا",
    "جفت الآبار في القرية",
    "بكى الأب على ابنه",  # أب is not آب
    "وقف عند باب الدار",  # باب: ب + اب is not آب
    "سجل الفريق صفرا في المباراة",
    "وصل رجب طيب أردوغان إلى أنقرة",
    "قال رمضان عبد الله إن الوضع صعب",
    "اشترى سيارة نيسان جديدة",
    "قتل 15 شخصا وأصيب 2022 آخرون",  # numbers that are not dates
    "بلغت نسبة النمو 3.5 بالمئة",
    "رقم القضية 15/13/2020 في السجل",  # month 13
    "الساعة 25:99 ليست وقتا",  # not a time
    "نحن بأمس الحاجة إلى المساعدة",
    "انتخب الأمين العام المقبل للأمم المتحدة",  # العام = general
    "استقال المدعي العام السابق",
    "يحتفل العالم باليوم العالمي للمرأة",
    "لن ننسى هذا اليوم أبدا",
    "فاز الأحد عشر لاعبا بالكأس",
    "استغرق البناء ثلاثة أيام فقط",  # an amount of time without a preposition
    "قبل يوم الانتخابات بقليل",  # يوم الانتخابات is not a duration
])
def test_finds_nothing(sentence: str) -> None:
    assert found(sentence) == []


def test_word_containing_a_date_word_is_not_cut() -> None:
    # 2022 is not suggested out of the token 2022-03-15 (the whole date is), nor out of 2022-03-15x.
    assert found("صدر في 2022-03-15") == ["2022-03-15"]
    assert found("صدر في 2022-03-15x") == []
    assert found("يوميا") == []
    assert found("أمسيات") == []


@pytest.mark.parametrize(("sentence", "expected"), [
    ("وأمس", "أمس"), ("فالأسبوع الماضي", "الأسبوع الماضي"), ("بمارس", "مارس"), ("والخميس", "الخميس"),
    ("ومنذ عامين", "منذ عامين"), ("لعام 2023", "عام 2023"), ("وبالأمس", "الأمس"), ("كاليوم", "اليوم"),
    ("ولليلة الجمعة", "ليلة الجمعة"), ("وفي 15 مارس 2020", "15 مارس 2020"),
])
def test_proclitic_stays_outside_and_article_inside(sentence: str, expected: str) -> None:
    assert found(sentence) == [expected]


def test_emoji_and_crlf_before_the_date_do_not_shift_offsets() -> None:
    text = "🇪🇬👨‍👩‍👧 خبر عاجل\r\nقال الوزير في 15 مارس 2020 🎉 إن الحكومة\r\n\r\nثم الأسبوع المقبل"
    suggestions = SOURCE.suggest(text, CONTEXT)
    assert [(s.start, s.end) for s in suggestions] == [
        (text.index("15 مارس 2020"), text.index("15 مارس 2020") + len("15 مارس 2020")),
        (text.index("الأسبوع المقبل"), len(text)),
    ]


def test_no_span_crosses_a_line_break() -> None:
    assert found("وصل يوم\r\nالخميس") == ["الخميس"]
    assert found("15\nمارس 2020") == ["مارس 2020"]
    assert found("أمس\nالخميس") == ["أمس", "الخميس"]


def test_tashkeel_and_tatweel_still_match_and_stay_in_the_span() -> None:
    assert found("في مَارِسَ الماضي") == ["مَارِسَ الماضي"]
    assert found("يَوْمَ الخَمِيسِ") == ["يَوْمَ الخَمِيسِ"]
    assert found("في 15 مـــارس 2020") == ["15 مـــارس 2020"]
    assert found("وَأَمْسِ قال") == ["أَمْسِ"]


def test_spelling_variants() -> None:
    assert found("في فبرایر 2021") == ["فبرایر 2021"]  # Persian ya
    assert found("في ابريل 2021") == ["ابريل 2021"]
    assert found("في يوليه 2021") == ["يوليه 2021"]
    assert found("يوم الاربعاء") == ["يوم الاربعاء"]
    assert found("الاسبوع الماضى") == ["الاسبوع الماضى"]  # final ى for ي (Egyptian spelling)
    assert found("في جانفي 2020") == ["جانفي 2020"]


def test_overlapping_finds_become_one_span() -> None:
    text = "قال يوم الخميس 15 مارس 2020 إن"
    suggestions = SOURCE.suggest(text, CONTEXT)
    assert len(suggestions) == 1
    assert text[suggestions[0].start:suggestions[0].end] == "يوم الخميس 15 مارس 2020"


def scores(text: str) -> list[float]:
    return [s.score for s in SOURCE.suggest(text, CONTEXT)]


def test_scores() -> None:
    assert scores("قال يوم الخميس 15 مارس 2020") == [1.0]
    assert scores("وصل الخميس") == [0.9]
    assert scores("وصل اليوم") == [0.5]  # a bare اليوم is weak
    assert scores("وصل صباح اليوم") == [1.0]
    assert scores("غدا الوضع صعبا") == [0.7]  # غدا without tanween may be the verb
    assert scores("يصل غداً") == [1.0]
    assert scores("في رمضان") == [0.8]  # an ambiguous month with its context
    assert scores("يحكم منذ 2011") == [0.6]  # a bare year after a preposition
    assert scores("اليوم الخميس") == [0.9]  # a merged span takes its best part's score


def test_is_a_suggestion_source_and_respects_the_project_labels() -> None:
    source: SuggestionSource = DateSource()
    assert source.name == "dates"
    assert source.suggest("", CONTEXT) == []
    assert source.suggest("قال أمس", CONTEXT) == [Suggestion(4, 7, "date", "dates", 1.0)]
    assert source.suggest("قال أمس", SuggestContext(labels=("actor", "location"))) == []


FRAGMENTS = ["قال", "يوم", "الخميس", "15", "مارس", "2020", "آذار/مارس", "الماضي", "أمس", "أمسية", "و", "ب",
             "منذ", "ثلاثة", "أيام", "١٥/٣/٢٠٢٢", "2022-03-15", "اليوم", "صباح", "الساعة", "10:30", "عام",
             "هـ", "م", "،", ".", "(", ")", "/", "-", "🎉", "👨‍👩‍👧", "\u064e", "\u0651", "ـ", "\u200c"]
SEPARATORS = [" ", "", "\r\n", "\n", "  ", "\t"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from(SEPARATORS)), max_size=14))
def test_spans_are_whole_words_sorted_and_apart(parts: list[tuple[str, str]]) -> None:
    text = "".join(fragment + separator for fragment, separator in parts)
    suggestions = SOURCE.suggest(text, CONTEXT)
    previous_end = -1
    for s in suggestions:
        assert previous_end < s.start < s.end <= len(text)
        previous_end = s.end
        assert not continues_token(text, s.end)
        assert not any(char in "\r\n" for char in text[s.start:s.end])
        if continues_token(text, s.start):  # only a proclitic may stand before the span in its word
            word_start = s.start
            while continues_token(text, word_start):
                word_start -= 1
            prefix = "".join(c for c in text[word_start:s.start] if unicodedata.category(c) != "Mn")
            assert prefix.replace("ـ", "") in {"و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل"}
