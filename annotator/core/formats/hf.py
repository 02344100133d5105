"""Hugging Face token classification: one row per sentence with ``tokens``, ``ner_tags`` and ``claim_tags``,
and the row's ``spans`` and the ``relations`` (links) between them.

Tags are integers (IOB2, as in ``conll2003``); their names are written beside the data in
``NAME.labels.json`` (``{"ner_tags": ["O", "B-actor", ...], "claim_tags": [...]}``), and ``O`` is always 0.
``OUT.jsonl`` (or ``.json``) gives JSON lines for ``datasets.load_dataset("json", data_files=...)``;
``OUT.parquet`` a Parquet file (needs pyarrow) whose schema carries the names as ``ClassLabel``
features; ``OUT`` without an extension a folder written by ``datasets``' ``save_to_disk`` (needs the
``hf`` extra). Tokens, sentences and the spans left out are exactly as for CoNLL (see ``iob``).

Links: ``spans`` lists the row's spans as token indices, ``{"start", "end", "label"}`` with ``tokens[start:end]``
the span's tokens (half-open, as Python slices; the same span from several annotators once), ordered by start.
It holds every span that starts and ends on tokens of the row, also one that overlaps another and so is left
out of ``ner_tags``/``claim_tags`` (reported as "kept in the spans column only"). ``relations`` lists the links
between them, ``{"head", "tail", "type"}``: ``head`` (the link's from span, e.g. a claim) and ``tail`` (its to
span, e.g. the actor who made it) are indices into that row's ``spans``; ``type`` is the link type (source,
time, place ...). A row is a sentence, so a link whose two spans are in different sentences cannot be written:
it is left out and counted in the report, as is one whose span is not on token boundaries. The annotator and
review status of spans and links are not kept.

The folder is loaded wherever the model is trained, often with another ``datasets`` than ours. datasets 4
and later describe a list column as ``List``, which datasets 2.x and 3.x refuse (``Feature type 'List'
not found``); every version reads the older name ``Sequence`` (4+ turn it into ``List``). So the saved
folder's feature descriptions (``dataset_info.json`` and each Arrow file's schema metadata) say
``Sequence``, as the Parquet metadata does.

Reading (``--format hf``) takes JSON lines or Parquet rows with ``tokens`` and ``ner_tags`` (and
``claim_tags``), as ids named by the ``.labels.json`` beside the file or as tag strings. Consecutive rows
of one ``document`` make one document (tokens joined by spaces, a line per row); rows without a
``document`` field are each a document. A row's ``spans`` column (when there) gives its spans, with any the tag
columns hold beyond them, and ``relations`` gives the links between them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeGuard

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
from annotator.core.formats.hf_rows import (
    LINK_ACROSS_ROWS,
    LINK_END_LEFT_OUT,
    LINK_WRITTEN_ONCE,
    SPANS_COLUMN_ONLY,
    default_names,
    document_lines,
    document_rows,
)
from annotator.core.formats.iob import TAG, decode_tags
from annotator.core.formats.parallel import per_document
from annotator.core.links import LinkRecord
from annotator.core.model import DocumentRecord, SpanRecord
from annotator.core.text import decode_utf8

# What this module offers, the row making it takes from hf_rows included.
__all__ = ["FORMAT", "LINK_ACROSS_ROWS", "LINK_END_LEFT_OUT", "LINK_WRITTEN_ONCE", "SPANS_COLUMN_ONLY",
           "default_names", "json_lines", "label_names_path", "legacy_features", "read_hf", "rows", "write_hf"]

# The new columns' features: a list of records, which datasets 2.x and 3.x describe as a one-item list.
_SPAN_FEATURES = {"start": "int64", "end": "int64", "label": "string"}
_RELATION_FEATURES = {"head": "int64", "tail": "int64", "type": "string"}


def label_names_path(out: Path) -> Path:
    return out.with_name(f"{out.stem}.labels.json") if out.suffix else out / "labels.json"


def rows(documents: Iterable[ExportDocument], report: FormatReport, names: dict[str, list[str]],
         counter: list[int]) -> Iterator[dict[str, Any]]:
    """Rows in order; ``names`` grows as labels beyond the default ones turn up (ids stay stable). The
    tokens, tags, spans and links of each document are made in worker processes for a large export
    (``parallel``); the tags' ids here, in order, as the labels turn up."""
    tag_ids = _TagIds(names)
    for name, sentences in per_document(document_rows, documents, report):
        for index, (tokens, entities, claims, row_spans, row_relations) in enumerate(sentences):
            yield {"id": f"{name}#{index + 1}", "document": name, "tokens": tokens,
                   "ner_tags": tag_ids("ner_tags", entities), "claim_tags": tag_ids("claim_tags", claims),
                   "spans": row_spans, "relations": row_relations}
        counter[0] += 1


def json_lines(documents: Iterable[ExportDocument], report: FormatReport, names: dict[str, list[str]],
               counter: list[int]) -> Iterator[str]:
    """``rows`` as JSON lines, the same bytes as ``json.dumps(row)``, a document's at a time. The workers
    write each row whole when its tags are among the default labels', whose ids never change; a row with
    another label's tag comes back without its tag columns, which are given here, in order, as such labels
    turn up (encoding every row here, or even only its tag ids, made this process the export's slow end)."""
    tag_ids = _TagIds(names)
    for _name, pieces in per_document(document_lines, documents, report):
        for piece in pieces:
            if isinstance(piece, str):
                yield piece
                continue
            head, entities, claims, tail = piece
            ner, claim = tag_ids("ner_tags", entities), tag_ids("claim_tags", claims)
            yield (f'{head}, "ner_tags": [{", ".join(map(str, ner))}], '
                   f'"claim_tags": [{", ".join(map(str, claim))}], {tail}\n')
        counter[0] += 1


class _TagIds:
    """Tags to their ids in ``names``, which grows (B- and I- of a label beyond the default ones take the
    next two ids, in the order the labels turn up)."""

    def __init__(self, names: dict[str, list[str]]) -> None:
        self.names = names
        self.ids = {column: {name: number for number, name in enumerate(known)} for column, known in names.items()}

    def __call__(self, column: str, tags: list[str]) -> list[int]:
        ids = self.ids[column]
        try:
            return list(map(ids.__getitem__, tags))
        except KeyError:
            for tag in tags:
                if tag not in ids:
                    self.names[column].extend([f"B-{tag[2:]}", f"I-{tag[2:]}"])
                    ids.update((name, number) for number, name in enumerate(self.names[column]))
            return list(map(ids.__getitem__, tags))


def _datasets_features(names: dict[str, list[str]]) -> Any:
    from datasets import ClassLabel, Features, Sequence, Value

    return Features({"id": Value("string"), "document": Value("string"), "tokens": Sequence(Value("string")),
                     "ner_tags": Sequence(ClassLabel(names=names["ner_tags"])),
                     "claim_tags": Sequence(ClassLabel(names=names["claim_tags"])),
                     # a list of records: a Sequence of a dict would be a record of lists in datasets 2 and 3
                     "spans": [{key: Value(dtype) for key, dtype in _SPAN_FEATURES.items()}],
                     "relations": [{key: Value(dtype) for key, dtype in _RELATION_FEATURES.items()}]})


def _arrow_schema() -> Any:
    import pyarrow as pa

    def records(fields: dict[str, str]) -> Any:
        return pa.list_(pa.struct([(key, pa.int64() if dtype == "int64" else pa.string())
                                   for key, dtype in fields.items()]))

    return pa.schema([("id", pa.string()), ("document", pa.string()), ("tokens", pa.list_(pa.string())),
                      ("ner_tags", pa.list_(pa.int64())), ("claim_tags", pa.list_(pa.int64())),
                      ("spans", records(_SPAN_FEATURES)), ("relations", records(_RELATION_FEATURES))])


def write_hf(documents: Iterable[ExportDocument], out: Path, report: FormatReport | None = None) -> int:
    report = report if report is not None else FormatReport()
    names = default_names()
    counter = [0]
    suffix = out.suffix.lower()
    if suffix in (".jsonl", ".json"):
        with atomic_output(out) as handle, atomic_output(label_names_path(out)) as sidecar:
            for line in json_lines(documents, report, names, counter):
                handle.write(line)
            sidecar.write(json.dumps(names, ensure_ascii=False, indent=1) + "\n")
        return counter[0]
    if suffix == ".parquet":
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise AnnotatorError("Parquet output needs pyarrow: pip install annotator[hf]") from None
        table = pa.Table.from_pylist(list(rows(documents, report, names, counter)), schema=_arrow_schema())
        info = {"info": {"features": {
            "id": {"dtype": "string", "_type": "Value"}, "document": {"dtype": "string", "_type": "Value"},
            "tokens": {"feature": {"dtype": "string", "_type": "Value"}, "_type": "Sequence"},
            **{column: {"feature": {"names": names[column], "_type": "ClassLabel"}, "_type": "Sequence"}
               for column in ("ner_tags", "claim_tags")},
            **{column: [{key: {"dtype": dtype, "_type": "Value"} for key, dtype in fields.items()}]
               for column, fields in (("spans", _SPAN_FEATURES), ("relations", _RELATION_FEATURES))}}}}
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
    """A feature description (as JSON) as datasets 2.x and 3.x write it: every ``List`` named ``Sequence``,
    except a list of records (``spans``, ``relations``), which they describe as a one-item JSON list
    ``[{...}]`` (their ``Sequence`` of a record is a record of lists); names and values untouched."""
    if isinstance(node, list):
        return [legacy_features(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: legacy_features(value) for key, value in node.items()}
    if node.get("_type") == "List":
        inner = node.get("feature")
        if isinstance(inner, dict) and not isinstance(inner.get("_type"), str) and node.get("length", -1) == -1:
            return [inner]
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


def _char_span(text: str, starts: list[int], tokens: list[str], first: int, after: int, label: str) -> SpanRecord:
    """Tokens ``first`` up to ``after`` of a row (starting at ``starts`` in ``text``) as a span of the text."""
    start, end = starts[first], starts[after - 1] + len(tokens[after - 1])
    return SpanRecord(start, end, label, text[start:end])


def _is_index(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _listed_spans(path: Path, line: int | None, row: dict[str, Any], count: int) -> list[tuple[int, int, str]]:
    """The row's ``spans`` column as token ranges ``(start, end, label)``; none when there is no such column."""
    listed = row.get("spans")
    if listed is None:
        return []
    if not isinstance(listed, list):
        raise InputError(path, line, "spans must be a list")
    found = []
    for number, item in enumerate(listed, start=1):
        start, end, label = (item.get(key) for key in ("start", "end", "label")) if isinstance(item, dict) else (
            None, None, None)
        if not (_is_index(start) and _is_index(end) and 0 <= start < end <= count
                and isinstance(label, str) and label.strip()):
            raise InputError(path, line, f"spans {number}: expected {{\"start\", \"end\", \"label\"}} with 0 <= "
                                         f"start < end <= {count} (token indices), got {item!r}")
        found.append((start, end, label.strip()))
    return found


def _listed_relations(path: Path, line: int | None, row: dict[str, Any], count: int) -> list[tuple[int, int, str]]:
    """The row's ``relations`` as ``(head, tail, type)``, indices into its ``spans`` column."""
    listed = row.get("relations")
    if listed is None:
        return []
    if not isinstance(listed, list):
        raise InputError(path, line, "relations must be a list")
    found = []
    for number, item in enumerate(listed, start=1):
        head, tail, link_type = (item.get(key) for key in ("head", "tail", "type")) if isinstance(item, dict) else (
            None, None, None)
        if not (_is_index(head) and _is_index(tail) and 0 <= head < count and 0 <= tail < count
                and isinstance(link_type, str) and link_type.strip()):
            raise InputError(path, line, f"relations {number}: expected {{\"head\", \"tail\", \"type\"}} with head "
                                         f"and tail indices into this row's {count} span(s), got {item!r}")
        found.append((head, tail, link_type.strip()))
    return found


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
        listed = [_char_span(current.text, starts, tokens, *found)
                  for found in _listed_spans(path, number, row, len(tokens))]
        indices = list(range(len(current.spans), len(current.spans) + len(listed)))
        current.spans.extend(listed)
        known = {(s.start, s.end, s.label) for s in listed}
        for column in ("ner_tags", "claim_tags"):
            if column not in row:
                continue
            if not isinstance(row[column], list):
                raise InputError(path, number, f"{column} must be a list")
            tags = _tag_names(path, column, row[column], names, number)
            if len(tags) != len(tokens):
                raise InputError(path, number, f"{column} has {len(tags)} tags for {len(tokens)} tokens")
            for found in decode_tags(tags, report):
                tagged = _char_span(current.text, starts, tokens, *found)
                if (tagged.start, tagged.end, tagged.label) not in known:
                    current.spans.append(tagged)
        for head, tail, link_type in _listed_relations(path, number, row, len(listed)):
            current.links.append(LinkRecord(indices[head], indices[tail], link_type))
    if current is None:
        raise InputError(path, None, "empty file: no rows")
    yield current


FORMAT = Format(
    name="hf",
    description="Hugging Face token classification: JSON lines or Parquet of tokens + ner_tags/claim_tags ids, "
                "with spans and relations (links) per sentence",
    extensions=(".parquet", ".jsonl", ".json"),  # the JSON ones only with --format hf (jsonl, labelstudio first)
    read=read_hf,
    write=write_hf,
    carries_links=True,
)
