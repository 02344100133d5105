"""Hugging Face token classification: one row per sentence with ``tokens``, ``ner_tags`` and ``claim_tags``.

Tags are integers (IOB2, as in ``conll2003``); their names are written beside the data in
``NAME.labels.json`` (``{"ner_tags": ["O", "B-actor", ...], "claim_tags": [...]}``), and ``O`` is always 0.
``OUT.jsonl`` (or ``.json``) gives JSON lines for ``datasets.load_dataset("json", data_files=...)``;
``OUT.parquet`` a Parquet file (needs pyarrow) whose schema carries the names as ``ClassLabel``
features; ``OUT`` without an extension a folder written by ``datasets``' ``save_to_disk`` (needs the
``hf`` extra). Tokens, sentences and the spans left out are exactly as for CoNLL (see ``iob``).

The folder is loaded wherever the model is trained, often with another ``datasets`` than ours. datasets 4
and later describe a list column as ``List``, which datasets 2.x and 3.x refuse (``Feature type 'List'
not found``); every version reads the older name ``Sequence`` (4+ turn it into ``List``). So the saved
folder's feature descriptions (``dataset_info.json`` and each Arrow file's schema metadata) say
``Sequence``, as the Parquet metadata does.

Reading (``--format hf``) takes JSON lines or Parquet rows with ``tokens`` and ``ner_tags`` (and
``claim_tags``), as ids named by the ``.labels.json`` beside the file or as tag strings. Consecutive rows
of one ``document`` make one document (tokens joined by spaces, a line per row); rows without a
``document`` field are each a document.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError, InputError
from annotator.core.formats.base import (
    ExportDocument,
    Format,
    FormatReport,
    JSONShapeError,
    atomic_directory,
    atomic_output,
    load_json,
)
from annotator.core.formats.iob import TAG, decode_tags, tag_document
from annotator.core.model import DEFAULT_LABELS, DocumentRecord, SpanRecord
from annotator.core.text import decode_utf8

_ENTITY_LABELS = [label.name for label in DEFAULT_LABELS if label.name != "claim"]


def _names(labels: list[str]) -> list[str]:
    return ["O", *(f"{prefix}-{label}" for label in labels for prefix in "BI")]


def label_names_path(out: Path) -> Path:
    return out.with_name(f"{out.stem}.labels.json") if out.suffix else out / "labels.json"


def rows(documents: Iterable[ExportDocument], report: FormatReport, names: dict[str, list[str]],
         counter: list[int]) -> Iterator[dict[str, Any]]:
    """Rows in order; ``names`` grows as labels beyond the default ones turn up (ids stay stable)."""
    for document in documents:
        tagged = tag_document(document, report)
        for index, (sentence, entities, claims) in enumerate(
                zip(tagged.sentences, tagged.entity_tags, tagged.claim_tags, strict=True)):
            row: dict[str, Any] = {"id": f"{document.name}#{index + 1}", "document": document.name,
                                   "tokens": [t.text for t in sentence]}
            for column, tags in (("ner_tags", entities), ("claim_tags", claims)):
                for tag in tags:
                    if tag not in names[column]:
                        names[column].extend([f"B-{tag[2:]}", f"I-{tag[2:]}"])
                row[column] = [names[column].index(tag) for tag in tags]
            yield row
        counter[0] += 1


def _datasets_features(names: dict[str, list[str]]) -> Any:
    from datasets import ClassLabel, Features, Sequence, Value

    return Features({"id": Value("string"), "document": Value("string"), "tokens": Sequence(Value("string")),
                     "ner_tags": Sequence(ClassLabel(names=names["ner_tags"])),
                     "claim_tags": Sequence(ClassLabel(names=names["claim_tags"]))})


def write_hf(documents: Iterable[ExportDocument], out: Path, report: FormatReport | None = None) -> int:
    report = report if report is not None else FormatReport()
    names = {"ner_tags": _names(_ENTITY_LABELS), "claim_tags": _names(["claim"])}
    counter = [0]
    suffix = out.suffix.lower()
    if suffix in (".jsonl", ".json"):
        with atomic_output(out) as handle, atomic_output(label_names_path(out)) as sidecar:
            for row in rows(documents, report, names, counter):
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            sidecar.write(json.dumps(names, ensure_ascii=False, indent=1) + "\n")
        return counter[0]
    if suffix == ".parquet":
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise AnnotatorError("Parquet output needs pyarrow: pip install annotator[hf]") from None
        table = pa.Table.from_pylist(list(rows(documents, report, names, counter)))
        info = {"info": {"features": {
            "id": {"dtype": "string", "_type": "Value"}, "document": {"dtype": "string", "_type": "Value"},
            "tokens": {"feature": {"dtype": "string", "_type": "Value"}, "_type": "Sequence"},
            **{column: {"feature": {"names": names[column], "_type": "ClassLabel"}, "_type": "Sequence"}
               for column in ("ner_tags", "claim_tags")}}}}
        table = table.replace_schema_metadata({"huggingface": json.dumps(info)})
        with atomic_output(out, "wb") as handle, atomic_output(label_names_path(out)) as sidecar:
            pq.write_table(table, handle)
            sidecar.write(json.dumps(names, ensure_ascii=False, indent=1) + "\n")
        return counter[0]
    if suffix:
        raise AnnotatorError(f"hf: write .jsonl, .parquet, or a folder (no extension), not {suffix!r}")
    try:
        import datasets
    except ImportError:
        raise AnnotatorError("saving a dataset folder needs datasets: pip install annotator[hf]") from None
    collected = list(rows(documents, report, names, counter))
    dataset = datasets.Dataset.from_list(collected, features=_datasets_features(names))
    with atomic_directory(out, "hf") as folder:
        dataset.save_to_disk(str(folder))
        _older_datasets_can_load(folder)
    return counter[0]


def legacy_features(node: Any) -> Any:
    """A feature description (as JSON) with every ``List`` named ``Sequence``; names and values untouched."""
    if isinstance(node, list):
        return [legacy_features(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: legacy_features(value) for key, value in node.items()}
    if node.get("_type") == "List":
        node["_type"] = "Sequence"
    return node


def _older_datasets_can_load(folder: Path) -> None:
    """Rewrite what ``save_to_disk`` wrote so datasets 2.x and 3.x load it too (see the module docstring):
    ``dataset_info.json``, and the ``huggingface`` schema metadata of each Arrow stream, which datasets reads
    again on load. The data itself is not touched."""
    import pyarrow as pa

    info_path = folder / "dataset_info.json"
    info = json.loads(info_path.read_text(encoding="utf-8"))
    info["features"] = legacy_features(info.get("features"))
    info_path.write_text(json.dumps(info, indent=2), encoding="utf-8")  # ASCII, as datasets writes it
    for arrow in sorted(folder.glob("*.arrow")):
        with pa.OSFile(str(arrow)) as source:  # read into memory, not mapped: the file is replaced below
            table = pa.ipc.open_stream(source).read_all()
        metadata = dict(table.schema.metadata or {})
        if b"huggingface" not in metadata:
            continue
        metadata[b"huggingface"] = json.dumps(legacy_features(json.loads(metadata[b"huggingface"]))).encode()
        table = table.replace_schema_metadata(metadata)
        rewritten = arrow.with_name(f"{arrow.name}.part")
        with pa.OSFile(str(rewritten), "wb") as sink, pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        rewritten.replace(arrow)


def _read_rows(path: Path) -> Iterator[tuple[int | None, Any]]:
    if path.suffix.lower() == ".parquet":
        try:
            import pyarrow.parquet as pq
        except ImportError:
            raise AnnotatorError("reading Parquet needs pyarrow: pip install annotator[hf]") from None
        try:
            table = pq.read_table(path)
        except Exception as error:  # pyarrow raises its own error types for a bad file
            raise InputError(path, None, f"not a Parquet file: {error}") from None
        yield from ((None, row) for row in table.to_pylist())
        return
    for number, line in enumerate(decode_utf8(path.read_bytes(), path).split("\n"), start=1):
        if line.strip():
            try:
                row = load_json(line)
            except json.JSONDecodeError as error:
                raise InputError(path, number, f"malformed JSON: {error.msg} (column {error.colno})") from None
            except JSONShapeError as error:
                raise InputError(path, number, str(error)) from None
            yield number, row


def _tag_names(path: Path, column: str, values: list[Any], names: dict[str, list[str]], line: int | None) -> list[str]:
    tags = []
    for value in values:
        if isinstance(value, str):
            tag = value
        elif isinstance(value, int) and column in names and 0 <= value < len(names[column]):
            tag = names[column][value]
        else:
            raise InputError(path, line, f"{column}: {value!r} is neither a tag nor an id named in "
                             f"{label_names_path(path).name}")
        if not TAG.match(tag):
            raise InputError(path, line, f"{column}: invalid tag {tag!r}")
        tags.append(tag)
    return tags


def read_hf(path: Path, report: FormatReport | None = None) -> Iterator[DocumentRecord]:
    sidecar = label_names_path(path)
    names = json.loads(decode_utf8(sidecar.read_bytes(), sidecar)) if sidecar.is_file() else {}
    current: DocumentRecord | None = None
    count = 0
    for number, row in _read_rows(path):
        tokens = row.get("tokens") if isinstance(row, dict) else None
        if not isinstance(tokens, list) or not all(isinstance(t, str) and t for t in tokens):
            raise InputError(path, number, "expected an object with a list of non-empty string tokens")
        count += 1
        name = str(row.get("document") or row.get("id") or f"{path.stem}-{count}")
        if current is None or current.name != name or "document" not in row:
            if current is not None:
                yield current
            current = DocumentRecord(name=name, text="", line=number)
        elif current.text:
            current.text += "\n"
        offset = len(current.text)
        starts = []
        for token in tokens:
            starts.append(offset)
            offset += len(token) + 1
        current.text += " ".join(tokens)
        for column in ("ner_tags", "claim_tags"):
            if column not in row:
                continue
            if not isinstance(row[column], list):
                raise InputError(path, number, f"{column} must be a list")
            tags = _tag_names(path, column, row[column], names, number)
            if len(tags) != len(tokens):
                raise InputError(path, number, f"{column} has {len(tags)} tags for {len(tokens)} tokens")
            for first, after, label in decode_tags(tags, report):
                start, end = starts[first], starts[after - 1] + len(tokens[after - 1])
                current.spans.append(SpanRecord(start, end, label, current.text[start:end]))
    if current is None:
        raise InputError(path, None, "empty file: no rows")
    yield current


FORMAT = Format(
    name="hf",
    description="Hugging Face token classification: JSON lines or Parquet of tokens + ner_tags/claim_tags ids",
    extensions=(".parquet", ".jsonl", ".json"),  # the JSON ones only with --format hf (jsonl, labelstudio first)
    read=read_hf,
    write=write_hf,
)
