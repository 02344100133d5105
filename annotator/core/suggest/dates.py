"""Dates and times in Arabic news text: the ``dates`` suggestion source (label ``date``).

Plain regular expressions, no model and no date library. The text is folded for matching with
``annotator.core.arabic_normalize`` (tashkeel and tatweel ignored, أ/إ/آ/ٱ = ا, ى/ی = ي, ة = ه) and every
find is mapped back, so ``text[s.start:s.end]`` slices the original letters and marks (the trailing marks
of the last letter and the tatweel of هـ are inside the span). Digits may be Latin, Arabic-Indic (٠-٩)
or Persian (۰-۹).

What is found:

- **Weekdays** الأحد … السبت, with or without يوم, and with الماضي/المقبل/القادم/الفائت/المنصرم.
- **Months**: Egyptian/Gulf (يناير … ديسمبر, with ابريل/إبريل, يونيه, يوليه, اغسطس …), Maghrebi
  (جانفي، فيفري، أفريل، ماي، جوان، جويلية، أوت; يوليوز، غشت، شتنبر، نونبر، دجنبر), Levantine/Iraqi
  (كانون الثاني … كانون الأول, also without the article: تشرين أول), Hijri (محرم … ذو الحجة, ذي القعدة,
  ربيع الآخر/الثاني, جمادى الأولى/الآخرة/الثانية), the double forms آذار/مارس and مارس (آذار), with an
  optional شهر before.
- **Day and year around a month**: 15 مارس 2020, ١٥ آذار ٢٠٢٢, الـ15 من مارس, الخامس عشر من مارس
  (ordinals الأول … الحادي والثلاثين, with من), مارس 2020, 15 مارس الماضي, مارس من العام الماضي,
  رمضان 1445هـ, العاشر من الشهر الجاري.
- **Numeric dates** 15/3/2022, ١٥/٣/٢٠٢٢, 15-3-2022, 15.3.2022, 15/3/22 and 2022-03-15 (day 1-31 and
  month 1-12 are checked).
- **Years**: 2023م, 1445هـ, 1445 هجرية, عام 2023, العام 2023, سنة ١٩٩٠, عامي 2019 و2020; a bare year
  (1900-2099) only after في/منذ/حتى/بحلول/خلال, and then without the preposition.
- **Times**: الساعة 10:30, الساعة العاشرة والنصف صباحاً, 10:30 مساءً, الساعة 8 بتوقيت غرينتش, منتصف الليل;
  times of day around another expression: صباح الخميس, مساء أمس, فجر اليوم, ليلة الجمعة, بعد ظهر
  الأحد, صباح يوم الخميس; أمس مساءً, الخميس صباحاً.
- **Relative expressions**: أمس/الأمس/البارحة, أول أمس, أمس الأول, اليوم, غداً/غدا/الغد, بعد غد, الليلة
  (الماضية), اليوم التالي; unit + modifier (الأسبوع/الشهر/العام/السنة/القرن/الصيف … and the plurals
  الأيام/الأسابيع/الأشهر/السنوات/الساعات … with الماضي/المقبل/القادم/الجاري/الحالي/الأخير/السابق …):
  الأسبوع الماضي, السنة الماضية, الأيام القليلة الماضية, الساعات الـ24 الماضية, الـ24 ساعة الماضية,
  اليومين الماضيين, هذا العام, هذه الأيام; month + modifier (أكتوبر الماضي, مارس الجاري); period edges
  (مطلع/مستهل/بداية/أوائل/أول/منتصف/أواسط/أواخر/نهاية/آخر/ختام, and the seasons صيف/شتاء/ربيع/خريف)
  before a month, a year or a unit: نهاية العام, مطلع الشهر المقبل, أواخر 2019, صيف العام الماضي;
  وقت سابق/لاحق (من اليوم).
- **Amounts of time after a preposition** (منذ، قبل، بعد، خلال، في غضون), optionally with نحو/حوالي/
  قرابة/أكثر من …: منذ ثلاثة أيام, منذ عامين, قبل أسبوع, منذ 20 عاماً, قبل ساعات, منذ عام ونصف,
  خلال الأيام المقبلة, منذ فترة طويلة. The preposition is inside these spans (an amount of time alone is
  not a date); before a named date it stays outside (منذ 2011 gives 2011, منذ عام 2011 gives عام 2011).

Rules:

- **Proclitics** و ف ب ك ل (and وب، فب، ول …) before an expression stay outside the span; the article
  stays inside: وأمس gives أمس, بمارس gives مارس, بالأمس gives الأمس. ل + ال written لل (للعام) is
  not split.
- **Whole words**: a find never starts or ends inside a token (``tokenizer.continues_token``), so
  يومية is not يوم, أمسية is not أمس, يمارس and ممارسة are not مارس, and 2022 is not found inside
  2022-03-15 (the whole date is).
- **One expression, one span**: finds that overlap are merged into one, and so are finds separated only by
  spaces or tabs (or by الموافق, or by a comma before a day number): يوم الخميس 15 مارس 2020, أمس
  الخميس, الجمعة، 15 آذار 2020 and 5 رمضان الموافق 15 مارس are one span each. No span crosses a line
  break.
- **Ambiguous words** need a context: مارس (also a verb), رمضان, رجب, شعبان (also names), محرم, صفر, نيسان
  (also a car), آب (written with madda; أب is a father), ماي and جوان are months only with a day, a
  year, a modifier, شهر, an edge word, a double form, or after في/خلال/منذ/حتى/قبل/بعد/طوال (مارس,
  رمضان and نيسان also after the proclitic ب). العام + modifier is skipped after words it qualifies as
  an adjective (الأمين العام المقبل, المدعي العام السابق). بأمس الحاجة is not أمس.

Scores (a merged span takes the highest of its parts): 1.0 for a full date, a date with a time of day, a
modified weekday or month, a relative period, an amount of time, a marked year or a time; 0.9 for a bare
weekday or an unambiguous bare month; 0.8 for an ambiguous month with its context, الأمس, منتصف الليل,
اليوم التالي and وقت سابق/لاحق; 0.7 for a bare الاثنين (also "the two") and غدا without tanween
(also the verb "became"); 0.6 for a year after a preposition, الغد and a bare الليلة; 0.5 for a bare
اليوم (often "the day": اليوم العالمي, اليوم الأول and هذا اليوم are skipped; or "nowadays").

Nothing is suggested when the project has no ``date`` label (``SuggestContext.labels``).

Known gaps: numbers written in words beyond the ordinals and counts listed (أحد عشر يوماً), ranges
(15-17 مارس, بين 2019 و2021 keeps only what it recognises), a day-month without year in digits (15/3),
للعام الماضي (ل + ال), and figurative uses (اليوم as "nowadays", حلفاء الأمس) which keep their low score.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from annotator.core.arabic_normalize import normalize, normalize_with_map
from annotator.core.suggest.base import SuggestContext, Suggestion
from annotator.core.tokenizer import continues_token

__all__ = ["LABEL", "SOURCE_NAME", "DateSource"]

SOURCE_NAME = "dates"
LABEL = "date"


# ---------------------------------------------------------------------------------------------------------
# The grammar. Patterns are written with ordinary Arabic spelling and folded like the text before they are
# compiled (so أ/ا, ى/ي, ة/ه need no alternatives). A space in a pattern is one space of the folded text,
# where every run of whitespace is one space.

D = "[0-9\u0660-\u0669\u06f0-\u06f9]"  # a digit: Latin, Arabic-Indic, Persian
_NOT_WORD_AFTER = r"(?![^\W_])"


def _digit(latin: str) -> str:
    """The class of one Latin digit and its Arabic-Indic and Persian forms."""
    value = int(latin)
    return f"[{latin}{chr(0x0660 + value)}{chr(0x06F0 + value)}]"


def _alt(*words: str) -> str:
    """A non-capturing alternation, longest first."""
    return "(?:" + "|".join(sorted(set(words), key=len, reverse=True)) + ")"


def _with_fem(*words: str) -> str:
    return _alt(*words, *(word + "ة" for word in words))


_MOD_PAST_NEXT = _with_fem("الماضي", "المقبل", "القادم", "الفائت", "المنصرم", "المنقضي")
_MOD_CURRENT = _with_fem("الحالي", "الجاري")
_MOD_MONTH = _alt(_MOD_PAST_NEXT, _MOD_CURRENT)
_MOD_ALL = _alt(_MOD_PAST_NEXT, _MOD_CURRENT, _with_fem("السابق", "الأخير", "التالي"))
_MOD_DUAL = _alt(*(stem + end for stem in ("الماضي", "المقبل", "القادم", "الفائت", "المنصرم", "الأخير")
                   for end in ("ين", "تين")))

_WEEKDAY = _alt("الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت") + "(?! عشر)"

_STRONG_MONTHS = (
    "يناير", "فبراير", "أبريل", "إبريل", "مايو", "يونيو", "يونيه", "يوليو", "يوليه", "أغسطس", "سبتمبر",
    "أكتوبر", "نوفمبر", "ديسمبر",
    "جانفي", "فيفري", "أفريل", "جويلية", "أوت", "يوليوز", "غشت", "شتنبر", "نونبر", "دجنبر",
    "كانون الثاني", "كانون ثاني", "شباط", "آذار", "أيار", "حزيران", "تموز", "أيلول", "تشرين الأول",
    "تشرين أول", "تشرين الثاني", "تشرين ثاني", "كانون الأول", "كانون أول",
    "ربيع الأول", "ربيع أول", "ربيع الثاني", "ربيع ثاني", "ربيع الآخر", "ربيع آخر", "جمادى الأولى",
    "جمادى الأول", "جمادى الآخرة", "جمادى الآخر", "جمادى الثانية", "جمادى الثاني", "شوال", "ذو القعدة",
    "ذي القعدة", "ذو الحجة", "ذي الحجة", "رمضان المبارك", "رمضان الكريم", "رمضان المعظم",
)
# Months that are also ordinary words or names: found alone only with a context (see ``_weak_month``).
_WEAK_MONTHS = ("مارس", "رمضان", "رجب", "شعبان", "محرم", "المحرم", "صفر", "نيسان", "آب", "ماي", "جوان")
_AFTER_BA = frozenset(normalize(word) for word in ("مارس", "رمضان", "نيسان"))  # بمارس, برمضان, بنيسان
_STRONG_MONTH = _alt(*_STRONG_MONTHS)
_WEAK_MONTH = _alt(*_WEAK_MONTHS)
_MONTH = _alt(*_STRONG_MONTHS, *_WEAK_MONTHS)
_DOUBLE_MONTH = f"{_MONTH}(?: ?/ ?{_MONTH}| ?\\( ?{_MONTH} ?\\))"  # آذار/مارس, مارس (آذار)
_MONTHX = f"{_MONTH}(?: ?/ ?{_MONTH}| ?\\( ?{_MONTH} ?\\))?"

_ORDINAL_UNIT = _alt("الحادي", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع")
_ORDINAL = _alt(f"{_ORDINAL_UNIT} عشر", f"(?:(?:{_ORDINAL_UNIT}|الأول) و ?)?(?:العشرين|الثلاثين)",
                _ORDINAL_UNIT, "الأول", "العاشر")
_DAY = f"(?:ال)?(?P<day>{D}{{1,2}})"  # 15, الـ15 (the tatweel is folded away)

_YEAR_MARK = f"(?: ?(?:م|ه){_NOT_WORD_AFTER}| {_with_fem('ميلادي', 'هجري')}| للميلاد| للهجرة)"
_YEAR = f"{D}{{4}}{_YEAR_MARK}?"
_YEAR_PHRASE = f"(?:(?:ال)?(?:عام|سنة) )?{_YEAR}"
_YEAR_WORD = _alt("العام", "السنة")
_MONTH_TAIL = (f"(?: ?[،,])? (?:من )?{_YEAR_PHRASE}| {_MOD_MONTH}"
               f"| من (?:هذا |هذه )?{_YEAR_WORD}(?: {_MOD_ALL})?")

_UNITS = _alt("الأسبوع", "الشهر", "العام", "السنة", "القرن", "الصيف", "الشتاء", "الربيع", "الخريف")
_UNITS_PLURAL = _alt("الأيام", "الأسابيع", "الأشهر", "الشهور", "الأعوام", "السنوات", "السنين", "الساعات",
                     "الدقائق", "العقود", "القرون", "الليالي", "الفترة")
_PLURAL_COUNT = _alt(f"(?:ال)?{D}{{1,3}}", "القليلة", *(f"ال{word}" for word in (
    "ثلاثة", "ثلاث", "أربعة", "أربع", "خمسة", "خمس", "ستة", "ست", "سبعة", "سبع", "ثمانية", "ثماني",
    "تسعة", "تسع", "عشرة", "عشر")))
_UNIT_SINGULAR_ACC = _alt("ساعة", "يوما", "أسبوعا", "شهرا", "عاما", "سنة", "دقيقة", "ليلة")
_RELATIVE_PERIOD = _alt(
    f"{_alt(_UNITS, _UNITS_PLURAL)} {_MOD_ALL}",
    f"العقد {_with_fem('الماضي', 'المنصرم')}",
    f"{_UNITS_PLURAL} {_PLURAL_COUNT} {_MOD_ALL}",  # الأيام القليلة الماضية, الساعات الـ24 الماضية
    f"ال{D}{{1,3}} {_UNIT_SINGULAR_ACC} {_MOD_ALL}",  # الـ24 ساعة الماضية
    f"{_alt('اليوم', 'الأسبوع', 'الشهر', 'العام', 'العقد', 'الساعت', 'السنت')}ين {_MOD_DUAL}",
    f"(?:هذا|هذه) {_alt(_UNITS, 'الأيام')}",
)

_COUNT = _alt(f"{D}{{1,3}}", "عدة", "بضعة", "بضع", "ثلاثة", "ثلاث", "أربعة", "أربع", "خمسة", "خمس", "ستة",
              "ست", "سبعة", "سبع", "ثمانية", "ثماني", "ثمان", "تسعة", "تسع", "عشرة", "عشر", "عشرين", "ثلاثين",
              "أربعين", "خمسين", "ستين", "سبعين", "ثمانين", "تسعين", "مئة", "مائة")
_PLURAL = _alt("أيام", "أسابيع", "أشهر", "شهور", "أعوام", "سنوات", "سنين", "ساعات", "دقائق", "عقود", "قرون",
               "ليال")
_SINGULAR = _alt("يوم", "أسبوع", "شهر", "عام", "سنة", "ساعة", "دقيقة", "عقد", "قرن", "ليلة")
_DUAL = _alt(*(stem + end for stem in ("يوم", "أسبوع", "شهر", "عام", "سنت", "ساعت", "دقيقت", "عقد", "قرن",
                                       "ليلت") for end in ("ين", "ان")))
_WHILE = _alt("فترة طويلة", "فترة قصيرة", "فترة وجيزة", "وقت طويل", "وقت قصير", "زمن طويل")
_DURATION = (f"(?:{_COUNT} {_alt(_PLURAL, _UNIT_SINGULAR_ACC)}|{_DUAL}|{_SINGULAR}(?: واحدة?)?|{_PLURAL}"
             f"|{_WHILE})(?: و ?نصف)?(?! (?:ال[^\\W\\d_]{{2}}|{D}|{_MONTH}{_NOT_WORD_AFTER}))")
_APPROX = _alt("نحو", "حوالي", "قرابة", "زهاء", "أكثر من", "أقل من", "ما يقارب", "ما يزيد عن", "ما يزيد على",
               "ما لا يقل عن")
_DURATION_PREPOSITION = _alt("منذ", "قبل", "بعد", "خلال", "في غضون")

_EDGE = _alt("مطلع", "مستهل", "بداية", "بدايات", "أوائل", "أول", "منتصف", "أواسط", "أواخر", "نهاية",
             "نهايات", "آخر", "ختام", "صيف", "شتاء", "ربيع", "خريف")

_HOUR_WORD = _alt("الواحدة", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة",
                  "التاسعة", "العاشرة", "الحادية عشرة", "الثانية عشرة")
_FRACTION = (f"(?: و ?{_alt('النصف', 'الربع', 'الثلث', 'نصف', 'ربع', 'ثلث')}"
             f"| إلا {_alt('الربع', 'الثلث', 'ربعا', 'ثلثا', 'ربع', 'ثلث')})?")
_CLOCK = f"(?P<hour>{D}{{1,2}})[:.](?P<minute>{D}{{2}})"
_AM_PM = f"(?: ?(?:ص|م){_NOT_WORD_AFTER})"

# Times of day before an expression (صباح الخميس) and after one (الخميس صباحاً); يوم before one.
_BEFORE = _alt("صباح", "مساء", "ظهر", "ظهيرة", "عصر", "فجر", "ليلة", "ليل", "صبيحة", "عشية", "نهار",
               "بعد ظهر", "منتصف ليل", "منتصف ليلة", "يوم")
_AFTER = _alt("صباحا", "مساء", "ظهرا", "عصرا", "فجرا", "ليلا", "بعد الظهر", "بعد الظهيرة", "GMT",
              r"بالتوقيت [^\W\d_]+", r"بتوقيت [^\W\d_]+", r"\(?ت ?\.? ?غ\)?")

# Words after اليوم that make it "the day" (اليوم العالمي, اليوم الأول); اليوم التالي is its own rule.
_NOT_TODAY = _alt("العالمي", "الوطني", "الدولي", "المفتوح", "الدراسي", "الأول", "الثاني", "الثالث", "الرابع",
                  "الخامس", "الأخير", "الواحد", "نفسه", "ذاته", "التالي", "السابق")
# Words after which العام is the adjective "general", not "year".
_GENERAL = frozenset(normalize(word) for word in (
    "الأمين", "النائب", "المدعي", "المدير", "المراقب", "المفتش", "المنسق", "المؤتمر", "الرأي", "القطاع",
    "المال", "الأمن", "النظام", "الشأن", "الصالح", "الإضراب", "العفو", "المرشد", "القائد", "المشرف", "الحق",
    "الطابع", "الاكتتاب", "المجمع", "الاتحاد", "المفوض", "الحاكم", "الوكيل", "الذوق", "النفع"))
_CONTEXT_BEFORE = re.compile(normalize(
    r"(?<![^\W_])[وف]?" + _alt("في", "خلال", "منذ", "حتى", "قبل", "بعد", "طوال", "طيلة") + " $"))
_LAST_WORD = re.compile(r"([^\W\d_]+) $")
_LINE_BREAKS = frozenset("\n\r\u2028\u2029\x0b\x0c\x85")
_TANWEEN_FATH = "\u064b"


# ---------------------------------------------------------------------------------------------------------
# Rules: one compiled pattern each, with how a find is scored (None: not a date after all).

@dataclass(frozen=True)
class _Find:
    match: re.Match[str]
    folded: str
    origin: Sequence[int]  # folded index -> original index
    text: str
    start: int  # original offsets of the span
    end: int

    @property
    def decorated(self) -> bool:
        """A time of day or يوم before it, or a time of day after it."""
        return bool(self.match.group("before") or self.match.group("after"))


_Scorer = Callable[[_Find], float | None]


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    score: _Scorer


def _rule(name: str, expression: str, score: float | _Scorer, lead: str = "") -> _Rule:
    """``expression``, whole words only, after an optional proclitic (outside the span) and ``lead``
    (outside too), with times of day around it (inside)."""
    source = (r"(?<![^\W_])(?P<pre>[وف]?[بلك]|[وف])?" + lead
              + f"(?P<span>(?P<before>(?:{_BEFORE} ){{0,2}}){expression}(?P<after>(?: {_AFTER}){{0,2}}))"
              + _NOT_WORD_AFTER)
    scorer = score if callable(score) else _fixed(score)
    return _Rule(name, re.compile(normalize(source)), scorer)


def _fixed(bare: float) -> _Scorer:
    """``bare`` alone, 1.0 with a time of day or يوم around it."""
    def score(find: _Find) -> float:
        return 1.0 if find.decorated else bare
    return score


def _number(match: re.Match[str], group: str) -> int:
    return int(match.group(group))  # int() reads Arabic-Indic and Persian digits too


def _valid_day(find: _Find) -> float | None:
    return 1.0 if find.match.group("day") is None or 1 <= _number(find.match, "day") <= 31 else None


def _valid_numeric(find: _Find) -> float | None:
    match = find.match
    if not (1 <= _number(match, "day") <= 31 and 1 <= _number(match, "month") <= 12):
        return None
    if len(match.group("year")) == 2 and match.group("sep") != "/":
        return None
    return 1.0


def _valid_clock(find: _Find) -> float | None:
    if find.match.group("hour") is not None and not (
            _number(find.match, "hour") <= 24 and _number(find.match, "minute") <= 59):
        return None
    return 1.0


def _weekday(find: _Find) -> float:
    if find.decorated or find.match.group("mod"):
        return 1.0
    return 0.7 if find.match.group("weekday") == normalize("الاثنين") else 0.9


def _strong_month(find: _Find) -> float:
    return 1.0 if find.decorated or find.match.group("shahr") else 0.9


def _weak_month(find: _Find) -> float | None:
    """An ambiguous month alone: with شهر, after في/خلال/منذ/... or (some) after the proclitic ب."""
    match = find.match
    month = match.group("month")
    if month == "اب" and find.text[find.origin[match.start("month")]] != "آ":
        return None  # أب / اب is "father"; only آب is August
    if find.decorated or match.group("shahr"):
        return 1.0
    pre = match.group("pre") or ""
    if "ب" in pre and month in _AFTER_BA:
        return 0.8
    if not pre and _CONTEXT_BEFORE.search(find.folded, max(0, match.start() - 12), match.start()):
        return 0.8
    return None


def _relative_period(find: _Find) -> float | None:
    """الأسبوع الماضي ...; العام المقبل is skipped after الأمين, المدعي ... (the adjective "general")."""
    match = find.match
    if match.group("span").startswith("العام "):
        last = _LAST_WORD.search(find.folded, max(0, match.start() - 20), match.start())
        if last and last.group(1) in _GENERAL:
            return None
    return 1.0


def _tomorrow(find: _Find) -> float:
    """غداً with tanween is tomorrow; غدا without it may be the verb "became"."""
    return 1.0 if find.decorated or _TANWEEN_FATH in find.text[find.start:find.end] else 0.7


_RULES: tuple[_Rule, ...] = (
    _rule("day month year", f"(?:{_DAY}(?: من)?|{_ORDINAL} من) (?:شهر )?{_MONTHX}(?:{_MONTH_TAIL})?", _valid_day),
    _rule("day of this month", f"(?:{_DAY}|{_ORDINAL}) من (?:الشهر(?: {_MOD_ALL})?|هذا الشهر)", _valid_day),
    _rule("month year", f"(?:شهر )?{_MONTHX}(?:{_MONTH_TAIL})", 1.0),
    _rule("double month", f"(?P<shahr>شهر )?{_DOUBLE_MONTH}", 1.0),
    _rule("month", f"(?P<shahr>شهر )?{_STRONG_MONTH}", _strong_month),
    _rule("ambiguous month", f"(?P<shahr>شهر )?(?P<month>{_WEAK_MONTH})", _weak_month),
    _rule("numeric dmy", f"(?P<day>{D}{{1,2}})(?P<sep>[/.-])(?P<month>{D}{{1,2}})(?P=sep)"
                         f"(?P<year>{D}{{4}}|{D}{{2}})(?: ?(?:م|ه){_NOT_WORD_AFTER})?", _valid_numeric),
    _rule("numeric ymd", f"(?P<year>{D}{{4}})(?P<sep>[/.-])(?P<month>{D}{{1,2}})(?P=sep)(?P<day>{D}{{1,2}})",
          _valid_numeric),
    _rule("marked year", f"(?:{_digit('1')}{D}{{3}}|{_digit('2')}{_digit('0')}{D}{{2}}) ?م{_NOT_WORD_AFTER}"
                         f"|{D}{{4}} ?ه{_NOT_WORD_AFTER}|{D}{{3,4}} (?:{_with_fem('ميلادي', 'هجري')}|للميلاد|للهجرة)",
          1.0),
    _rule("year word", f"(?:ال)?(?:عام|سنة) (?:{_YEAR}|{D}{{3}}{_YEAR_MARK})|(?:عامي|سنتي) {D}{{4}} و ?{D}{{4}}",
          1.0),
    _rule("year after preposition", f"(?:{_digit('1')}{_digit('9')}|{_digit('2')}{_digit('0')}){D}{{2}}", 0.6,
          lead=_alt("في", "منذ", "حتى", "بحلول", "خلال") + " "),
    _rule("weekday", f"(?P<weekday>{_WEEKDAY})(?: (?P<mod>{_MOD_PAST_NEXT}))?", _weekday),
    _rule("yesterday", "(?:أول (?:من )?أمس|أمس الأول|أمس(?! الحاجة)|البارحة)", 1.0),
    _rule("the yesterday", "الأمس", 0.8),
    _rule("today", f"(?<!هذا )(?<!ذلك )(?<!نفس )اليوم(?! {_NOT_TODAY})", 0.5),
    _rule("the next day", "اليوم (?:التالي|السابق)", 0.8),
    _rule("tomorrow", "غدا", _tomorrow),
    _rule("day after tomorrow", "بعد غد", 1.0),
    _rule("the morrow", "الغد", 0.6),
    _rule("tonight", f"الليلة(?P<mod> {_with_fem('الماضي', 'المقبل', 'القادم', 'الفائت')})?",
          lambda find: 1.0 if find.decorated or find.match.group("mod") else 0.6),
    _rule("midnight", "منتصف الليل", 0.8),
    _rule("earlier", f"وقت (?:سابق|لاحق|مبكر|متأخر)(?: من (?:اليوم|أمس|الليلة|{_RELATIVE_PERIOD}"
                     f"|(?:(?:صباح|مساء) )?(?:اليوم|أمس)|(?:يوم )?{_WEEKDAY}))?", 0.8),
    _rule("relative period", _RELATIVE_PERIOD, _relative_period),
    _rule("edge", f"{_EDGE} (?:(?:(?:هذا|هذه) )?{_UNITS}(?: {_MOD_ALL})?|{_MONTHX}(?:{_MONTH_TAIL})?"
                  f"|(?:(?:ال)?(?:عام|سنة) )?{_YEAR})", 1.0),
    _rule("amount of time", f"{_DURATION_PREPOSITION} (?:{_APPROX} )?(?:{_DURATION}|{_RELATIVE_PERIOD})", 1.0),
    _rule("clock", f"(?:ال)?ساعة (?:{_CLOCK}|{D}{{1,2}}{_NOT_WORD_AFTER}|{_HOUR_WORD}){_FRACTION}{_AM_PM}?",
          _valid_clock),
    _rule("time", f"{_CLOCK}(?:{_AM_PM}| {_AFTER})", _valid_clock),
)


# ---------------------------------------------------------------------------------------------------------

class DateSource:
    """Suggests Arabic date and time expressions; see the module doc for what, how and the scores."""

    name = SOURCE_NAME

    def suggest(self, text: str, context: SuggestContext) -> list[Suggestion]:
        if LABEL not in context.labels:
            return []
        return [Suggestion(start, end, LABEL, SOURCE_NAME, score) for start, end, score in find_dates(text)]


def find_dates(text: str) -> list[tuple[int, int, float]]:
    """``(start, end, score)`` of every date expression in ``text``, sorted and not overlapping."""
    if not text:
        return []
    folded = normalize_with_map(text)
    found: list[tuple[int, int, float]] = []
    for low, high in _lines(text, folded.text, folded.origin):
        for rule in _RULES:
            found.extend(_run(rule, text, folded.text, folded.origin, low, high))
    return _merge(text, found)


def _lines(text: str, folded: str, origin: Sequence[int]) -> list[tuple[int, int]]:
    """The folded text's stretches between line breaks (a break is inside a folded space)."""
    stretches, low = [], 0
    position = folded.find(" ")
    while position != -1:
        if not _LINE_BREAKS.isdisjoint(text[origin[position]:origin[position + 1]]):
            stretches.append((low, position))
            low = position + 1
        position = folded.find(" ", position + 1)
    stretches.append((low, len(folded)))
    return stretches


def _run(rule: _Rule, text: str, folded: str, origin: Sequence[int], low: int, high: int
         ) -> list[tuple[int, int, float]]:
    """The finds of one rule in ``folded[low:high]``. A match the tokenizer or the scorer refuses does not
    hide a later one that starts inside it."""
    found = []
    position = low
    while position < high:
        match = rule.pattern.search(folded, position, high)
        if match is None:
            break
        start, end = origin[match.start("span")], origin[match.end("span")]
        score = None
        if _whole_words(text, origin[match.start()], start, end, bool(match.group("pre"))):
            score = rule.score(_Find(match, folded, origin, text, start, end))
        if score is None:
            position = match.start() + 1
        else:
            found.append((start, end, score))
            position = match.end()
    return found


def _whole_words(text: str, match_start: int, start: int, end: int, proclitic: bool) -> bool:
    """No cut inside a token: at the proclitic's start (or the span's) and at the span's end."""
    if continues_token(text, match_start) or continues_token(text, end):
        return False
    return proclitic or match_start == start or not continues_token(text, start)


_GAP = re.compile(normalize(r"[^\S\r\n\u2028\u2029\x0b\x0c\x85]+(?:الموافق[^\S\r\n\u2028\u2029\x0b\x0c\x85]+)?"))
_COMMA_GAP = re.compile(r"[^\S\r\n\u2028\u2029\x0b\x0c\x85]*[،,][^\S\r\n\u2028\u2029\x0b\x0c\x85]*")


def _joins(text: str, left_end: int, right_start: int) -> bool:
    """Whether two finds with ``text[left_end:right_start]`` between them are one expression."""
    gap = text[left_end:right_start]
    if not _LINE_BREAKS.isdisjoint(gap):
        return False
    if not gap or _GAP.fullmatch(normalize(gap)):
        return True
    # الجمعة، 15 آذار 2020: a comma joins a name to a day number, not two numbers or two names.
    return bool(_COMMA_GAP.fullmatch(gap)) and text[right_start].isdecimal() and not text[left_end - 1].isdecimal()


def _merge(text: str, found: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """Overlapping finds, and finds that ``_joins`` links, become one span with the best score."""
    found.sort()
    merged: list[tuple[int, int, float]] = []
    for start, end, score in found:
        if merged:
            last_start, last_end, last_score = merged[-1]
            if start < last_end or _joins(text, last_end, start):
                merged[-1] = (last_start, max(last_end, end), max(last_score, score))
                continue
        merged.append((start, end, score))
    return merged
