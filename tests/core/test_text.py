from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.text import decode_utf8, read_text_file, text_sha256


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
