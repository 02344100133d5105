import pytest

pytest.importorskip("arabic_reshaper")
pytest.importorskip("bidi")

from annotator.core.visual import shape, visual, visual_order  # noqa: E402


def test_shape_keeps_one_character_per_character() -> None:
    line = "وَقَالَ المُتَحَدِّثُ للقوات لا ١٥/٣/٢٠٢٢ 😀"
    shaped = shape(line)
    assert len(shaped) == len(line)
    assert shaped.startswith("\ufeed")  # waw, isolated form (it does not join to the left)


def test_visual_reverses_arabic_and_keeps_latin_and_digits_readable() -> None:
    assert visual("قائد") == "\ufeaa\ufe8b\ufe8e\ufed7"  # dal final, yeh-hamza initial, alef final, qaf initial
    assert visual("قال CNN 2020") == "CNN 2020 \ufedd\ufe8e\ufed7"  # one left-to-right run
    assert visual("(محمد)").startswith("(") and visual("(محمد)").endswith(")")


def test_visual_order_keeps_every_index_once() -> None:
    line = "قال محمد (CNN) في ٢٠٢٠"
    order = visual_order(line)
    assert sorted(index for index, _ in order) == list(range(len(line)))
