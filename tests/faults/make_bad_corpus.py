"""Writes tests/data/bad/: one small file per kind of bad input. Run it again after changing a case:
``python tests/faults/make_bad_corpus.py``. The expected message of each is in bad_cases.py."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
TEXT = "قال محمد في بغداد يوم الاثنين"  # محمد is [4, 8), بغداد [12, 17)


def line(**obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False) + "\n"


def good(name: str) -> str:
    return line(id=name, text=TEXT, spans=[{"start": 4, "end": 8, "label": "actor"}])


def span_doc(**span: object) -> str:
    return line(id="doc", text=TEXT, spans=[{"label": "actor", **span}])


FILES: dict[str, bytes | str] = {
    "invalid_utf8.txt": "سطر أول\nسطر ثان\n".encode() + b"caf\xe9\n",
    "utf16_bom.txt": TEXT.encode("utf-16"),
    "utf16_no_bom.txt": TEXT.encode("utf-16-le"),
    "utf32_bom.txt": TEXT.encode("utf-32"),
    "binary_png.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "empty.txt": b"",
    "bom_only.txt": b"\xef\xbb\xbf",
    "whitespace_only.txt": " \n\t\r\n\u00a0\n".encode(),
    "empty.jsonl": b"",
    "blank_lines_only.jsonl": "\n\n   \n",
    "invalid_utf8.jsonl": good("a").encode() + b'{"id": "b", "text": "\xff"}\n',
    "malformed_line2.jsonl": good("a") + '{"id": "b", "text": "نص"\n',
    "malformed_crlf_line3.jsonl": (good("a") + good("b")).replace("\n", "\r\n") + '{"id": "c", text}\r\n',
    "json_array.jsonl": json.dumps([{"id": "a", "text": TEXT}], ensure_ascii=False) + "\n",
    "json_array_pretty.jsonl": json.dumps([{"id": "a", "text": TEXT}], ensure_ascii=False, indent=2) + "\n",
    "not_an_object.jsonl": '"just a string"\n',
    "missing_text.jsonl": line(id="a", spans=[]),
    "text_not_string.jsonl": line(id="a", text=["قال", "محمد"]),
    "empty_text.jsonl": line(id="a", text="   "),
    "bad_id_type.jsonl": line(id=["a"], text=TEXT),
    "duplicate_ids.jsonl": good("a") + good("b") + good("a"),
    "span_out_of_range.jsonl": span_doc(start=20, end=99),
    "span_negative.jsonl": span_doc(start=-1, end=3),
    "span_reversed.jsonl": span_doc(start=8, end=4),
    "span_empty.jsonl": span_doc(start=4, end=4),
    "span_float_offsets.jsonl": span_doc(start=4.0, end=8),
    "span_string_offsets.jsonl": span_doc(start="4", end="8"),
    "span_bool_offsets.jsonl": span_doc(start=False, end=True),
    "span_text_mismatch.jsonl": span_doc(start=4, end=8, text="احمد"),
    "span_missing_label.jsonl": line(id="doc", text=TEXT, spans=[{"start": 4, "end": 8}]),
    "span_empty_label.jsonl": span_doc(start=4, end=8, label=" "),
    "unknown_label.jsonl": good("a") + span_doc(start=12, end=17, label="PERSON"),
    "unknown_status.jsonl": span_doc(start=4, end=8, status="approved"),
    "spans_not_list.jsonl": line(id="doc", text=TEXT, spans={"start": 4, "end": 8, "label": "actor"}),
    "doccano_bad_triple.jsonl": line(id="doc", text=TEXT, label=[[4, 8]]),
    "annotator_not_string.jsonl": span_doc(start=4, end=8, annotator=7),
    "bad_after_good_lines.jsonl": good("a") + good("b") + span_doc(start=4, end=9999),
    # json.loads turns the escape into an unpaired surrogate, which is not text and cannot be stored.
    "lone_surrogate.jsonl": '{"id": "s", "text": "قال \\ud800 محمد"}\n',
    # A document name that is a path: harmless in SQLite, but exporters that write a file per document
    # (brat) would write outside their folder.
    "path_traversal_id.jsonl": line(id="../../../../tmp/annotator-escaped", text=TEXT),
    "nul_in_text.jsonl": '{"id": "n", "text": "قال\\u0000محمد"}\n',
    # Found by trying to break it (issue 13): each must be refused on the way in, with its line.
    "duplicate_keys.jsonl": '{"id": "d", "text": "قال محمد", "text": "نص آخر"}\n',
    "deep_nesting.jsonl": "[" * 20_000 + "]" * 20_000 + "\n",
    "surrogate_in_meta.jsonl": '{"id": "m", "text": "قال محمد", "meta": {"source": "x\\ud800"}}\n',
    "surrogate_in_note.jsonl": span_doc(start=4, end=8).replace('"label"', '"note": "x\\udc00", "label"'),
    "nul_in_note.jsonl": span_doc(start=4, end=8).replace('"label"', '"note": "a\\u0000b", "label"'),
    "escape_in_annotator.jsonl": span_doc(start=4, end=8, annotator="bob\x1b[31m"),
    "label_with_space.jsonl": span_doc(start=4, end=8, label="my label"),
    "label_too_long.jsonl": span_doc(start=4, end=8, label="l" * 101),
    "annotator_too_long.jsonl": span_doc(start=4, end=8, annotator="a" * 201),
    # brat: a T line past the end of its .txt, and one whose text is not what the .txt holds there
    "brat_past_text.txt": "قال محمد في بغداد\n",
    "brat_past_text.ann": "T1\tactor 4 8\tمحمد\nT2\tlocation 12 40\tبغداد\n",
    "brat_wrong_text.txt": "قال محمد في بغداد\n",
    "brat_wrong_text.ann": "T1\tactor 4 8\tبغداد\n",
}


def sqlite_files() -> dict[str, bytes]:
    """Databases given as --db: a truncated one, somebody else's, and one from a newer schema."""
    out: dict[str, bytes] = {}
    tmp = BAD / ".tmp.db"
    for name, statements in {
        "other_app.sqlite": ["CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)",
                             "INSERT INTO customers (name) VALUES ('x')"],
        "newer_schema.sqlite": ["CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)",
                                "INSERT INTO alembic_version VALUES ('9999_future')",
                                "CREATE TABLE documents (id INTEGER PRIMARY KEY, text TEXT)"],
    }.items():
        tmp.unlink(missing_ok=True)
        connection = sqlite3.connect(tmp)
        for statement in statements:
            connection.execute(statement)
        connection.commit()
        connection.close()
        out[name] = tmp.read_bytes()
    tmp.unlink()
    # The first 3 pages of a real database: the header promises more pages than the file holds.
    migrations = BAD.parent / "migrations" / "0001.db"
    out["truncated.sqlite"] = migrations.read_bytes()[: 3 * 4096]
    out["not_sqlite.sqlite"] = b"this is a text file, not a database\n" * 10
    return out


def main() -> None:
    BAD.mkdir(parents=True, exist_ok=True)
    for name, content in {**FILES, **sqlite_files()}.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (BAD / name).write_bytes(data)
    print(f"wrote {len(FILES) + 4} files to {BAD}")


if __name__ == "__main__":
    main()
