import random
import re
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.text import decode_utf8, read_text_file, text_problem, text_sha256


def test_bom_is_dropped_and_crlf_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffسطر\r\nآخر".encode())
    assert read_text_file(path) == "سطر\r\nآخر"


def test_invalid_utf8_names_the_line() -> None:
    with pytest.raises(InputError) as caught:
        decode_utf8("سطر\nسطر\n".encode() + b"\xff\xfe!", "x.txt")
    assert str(caught.value).startswith("x.txt:3: not valid UTF-8")


@pytest.mark.parametrize(
    ("data", "message"),
    [("نص".encode("utf-16"), "UTF-16"), (b"\x00\x01\x02", "binary"), ("نص".encode("utf-32"), "UTF-32")],
)
def test_refuses_non_utf8_encodings(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode_utf8(data, "x.txt")


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"\xef\xbb\xbf  \n")
    with pytest.raises(InputError, match="empty file"):
        read_text_file(path)


def test_sha256_is_of_the_utf8_text() -> None:
    assert text_sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_text_problem_finds_what_the_pattern_finds() -> None:
    # The fast check (encode, delete the control bytes) must refuse exactly what the pattern refuses.
    pattern = re.compile("[\ud800-\udfff\x00-\x08\x0e-\x1f]")
    alphabet = ["قال", " ", "\t", "\n", "\r", "\x0b", "\x0c", "\x7f", "\x85", "\u200c", "\u2028", "😀", "a", "\ud83d",
                "\ude00", "\udfff", "\ud800", *map(chr, range(0x20))]
    rng = random.Random(5)
    for _ in range(5_000):
        text = "".join(rng.choices(alphabet, k=rng.randint(0, 8)))
        found = pattern.search(text)
        problem = text_problem(text)
        assert (problem is None) == (found is None), repr(text)
        if found is not None:
            assert f"U+{ord(found.group()):04X} at {found.start()}" in problem  # type: ignore[operator]
