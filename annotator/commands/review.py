"""annotator agreement / users / history / merge: working as a team."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

from annotator.commands.common import add_global_options, find_document, open_store, split_list, with_global_options
from annotator.core.agreement import agreement
from annotator.core.errors import AnnotatorError
from annotator.core.formats.base import ExportDocument
from annotator.core.link_agreement import link_agreement
from annotator.core.model import REVIEW_STATUSES, DocumentRecord, SpanRecord
from annotator.store.agreement_input import agreement_input, link_agreement_input
from annotator.store.store import Store


def register(commands) -> dict:  # type: ignore[no-untyped-def,type-arg]
    p = commands.add_parser("agreement", help="inter-annotator agreement per pair, label and overall")
    add_global_options(p)
    p.add_argument("--annotators", action="append", metavar="A,B[,...]", help="compare these (default: everyone)")
    p.add_argument("--label", action="append", metavar="LABEL[,LABEL]", help="only these labels")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--all-documents", action="store_true",
                   help="compare on every document both annotated, not only the ones both marked finished")

    p = commands.add_parser("users", help="list annotators and roles, or grant a role")
    add_global_options(p)
    actions = with_global_options(p.add_subparsers(dest="action", metavar="ACTION"))
    actions.add_parser("list", help="list users, roles and span counts (the default)")
    grant = actions.add_parser("grant", help="give NAME a role: reviewer or annotator")
    grant.add_argument("name")
    grant.add_argument("role", choices=("reviewer", "annotator"))

    p = commands.add_parser("history", help="who did what when in a document")
    add_global_options(p)
    p.add_argument("document", metavar="DOC", help="document id or name")
    p.add_argument("--json", action="store_true")

    p = commands.add_parser("merge", help="merge another annotator database (SQLite) into this one")
    add_global_options(p)
    p.add_argument("other", type=Path, metavar="OTHER.db")
    p.add_argument("--add-labels", action="store_true", help="add labels this database does not know yet")
    return {"agreement": cmd_agreement, "users": cmd_users, "history": cmd_history, "merge": cmd_merge}


def cmd_agreement(args: argparse.Namespace) -> int:
    store = open_store(args, write=False)
    known = [label.name for label in store.labels()]
    labels = split_list(args.label) or known
    unknown = [label for label in labels if label not in known]
    if unknown:
        raise AnnotatorError(f"unknown label(s): {', '.join(unknown)}")
    annotators = split_list(args.annotators)
    texts, _names, units = agreement_input(store, labels, annotators)
    names = annotators or sorted({u.annotator for u in units})
    if len(names) < 2:
        raise AnnotatorError("agreement needs spans from at least two annotators "
                             f"(found: {', '.join(names) or 'none'})")
    link_units, span_ends = link_agreement_input(store, annotators)
    if args.all_documents:
        reports = agreement(texts, units, labels, names)
        links = link_agreement(link_units, span_ends, names)
        used = "annotated by both"
    else:
        reports, links = _on_finished_documents(store.finished_by(), texts, units, labels, names, link_units, span_ends)
        used = "finished by both"
    if args.json:
        print(json.dumps({"documents": used, "pairs": [r.as_json() for r in reports], "links": links},
                         ensure_ascii=False, indent=2, default=str))
        return 0

    def fmt(value: float | None) -> str:
        return "   -  " if value is None else f"{value:6.3f}"

    for report in reports:
        print(f"{report.a} vs {report.b}: {report.documents} document(s) {used}"
              + ("" if args.all_documents else " (--all-documents: every document both annotated)"))
        print(f"  {'label':<12} {'exact F1':>8} {'P':>6} {'R':>6} {'overlap':>8} {'kappa':>6} {'alpha_u':>7}")
        rows = [*report.labels.items(), ("overall", report.overall)]
        for name, m in rows:
            print(f"  {name:<12} {fmt(m['exact_f1']):>8} {fmt(m['precision'])} {fmt(m['recall'])} "
                  f"{fmt(m['overlap_f1']):>8} {fmt(m['kappa'])} {fmt(m['alpha_u']):>7}")
        left = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in report.left_out.items() if v)
        if left:
            print(f"  left out — {left}")
        pair = next((p for p in links["pairs"] if {p["a"], p["b"]} == {report.a, report.b}), None)  # type: ignore[attr-defined,union-attr]
        if pair is not None and (pair["links_a"] or pair["links_b"]):
            print(f"  links: exact F1 {fmt(pair['f1_exact'])}, given both ends {fmt(pair['f1_given_spans'])} "
                  f"({pair['links_a']} vs {pair['links_b']} links, {pair['matched']} matched)")
    return 0


def _on_finished_documents(finished, texts, units, labels, names, link_units, span_ends):  # type: ignore[no-untyped-def]
    """Each pair compared on the documents both marked finished: half-done work is not disagreement."""
    from itertools import combinations

    reports, pairs = [], []
    for a, b in combinations(names, 2):
        both = {document for document, people in finished.items() if a in people and b in people}
        reports += agreement(texts, [u for u in units if u.document_id in both and u.annotator in (a, b)],
                             labels, [a, b])
        pairs += link_agreement([u for u in link_units if u.document_id in both],
                                [e for e in span_ends if e[1] in both], [a, b])["pairs"]
    matched = sum(int(p["matched"]) for p in pairs)
    total = sum(int(p["links_a"]) + int(p["links_b"]) for p in pairs)
    given = [p["f1_given_spans"] for p in pairs if p["f1_given_spans"] is not None]
    return reports, {"f1_exact": None if total == 0 else 2 * matched / total,
                     "f1_given_spans": sum(given) / len(given) if given else None, "pairs": pairs}


def cmd_users(args: argparse.Namespace) -> int:
    store = open_store(args)
    if args.action == "grant":
        store.set_role(args.name, args.role)
        print(f"{args.name} is now {args.role}")
        return 0
    print(f"{'user':<24} {'role':<10} {'spans':>7}")
    for name, role, count in store.users():
        print(f"{name:<24} {role:<10} {count:>7}")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    store = open_store(args, write=False)
    entries = store.history(find_document(store, args.document))
    if args.json:
        print(json.dumps(entries, ensure_ascii=False, indent=2, default=str))
        return 0

    def describe(entry: dict | None) -> str:
        if entry is None:
            return "—"
        kind = entry.get("kind")
        if kind == "link":
            return f"{entry['type']} link {entry['from_id']}→{entry['to_id']} {entry['status']}"
        if kind == "import":
            return f"{entry['spans']} span(s) from {entry['source']}"
        if kind == "label":
            return f"label {entry['label']}"
        return f"{entry['label']} [{entry['start']},{entry['end']}) “{entry['text']}” {entry['status']}"

    for entry in entries:
        mark = " (undone)" if entry["reverted"] and entry["action"] != "undo" else ""
        print(f"{entry['at']:%Y-%m-%d %H:%M:%S}  {entry['actor']:<14} {entry['action']:<12} #{entry['span_id']}: "
              f"{describe(entry['before'])} → {describe(entry['after'])}{mark}")
    if not entries:
        print("no changes recorded for this document")
    return 0


def as_record(document: ExportDocument) -> DocumentRecord:
    """An exported document as a record to import: its links' ends become indices into its spans."""
    index_of = {span.id: index for index, span in enumerate(document.spans)}
    spans = [SpanRecord(s.start, s.end, s.label, s.text, s.annotator, s.status, s.note) for s in document.spans]
    links = [replace(link, from_id=index_of[link.from_id], to_id=index_of[link.to_id]) for link in document.links]
    return DocumentRecord(name=document.name, text=document.text, meta=document.meta, spans=spans, links=links)


def cmd_merge(args: argparse.Namespace) -> int:
    import tempfile

    from annotator.store import open_database
    from annotator.store.database import read_only_copy
    from annotator.store.transfer import ExportFilter, import_records, iter_export

    if not args.other.is_file():
        raise AnnotatorError(f"{args.other}: no such database file")
    store = open_store(args)
    with tempfile.TemporaryDirectory(prefix="annotator-merge-") as folder:
        # The colleague's file is only read: a copy of it is migrated to this version's schema, never
        # the file itself (no WAL switch, no migration, no backup beside it).
        copy = read_only_copy(args.other, Path(folder) / "other.db")
        other = Store(open_database(f"sqlite:///{copy}", write=False), store.user)
        try:
            records = [as_record(d) for d in iter_export(other, ExportFilter(statuses=list(REVIEW_STATUSES)))]
        finally:
            other.engine.dispose()
    result = import_records(store, args.other, records, add_labels=args.add_labels)
    print(f"merged {args.other}: {result.documents_new} new document(s), {result.documents_existing} already "
          f"here; {result.spans_new} new span(s), {result.spans_existing} already here")
    if result.spans_made_mine:
        print(f"{result.spans_made_mine} span(s) in other annotators' names or with a review status came in as "
              f"{store.user}'s drafts: merging them as they are is a reviewer's action")
    return 0
