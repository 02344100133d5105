"""Document states with their history, assignments by reviewers, progress, shared texts, and exports that
keep only finished work — on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.formats import all_formats
from annotator.core.model import DocumentRecord
from annotator.store import Store
from annotator.store.spans import PermissionDenied
from annotator.store.transfer import ExportFilter, import_records, iter_export

TEXT = "قال محمد في بغداد إن الوفد وصل"


@pytest.fixture
def documents(store: Store) -> list[int]:
    records = [DocumentRecord(f"d{i}", f"{TEXT} {i}") for i in range(4)]
    return list(import_records(store, "t", records).document_ids)


def as_user(store: Store, name: str) -> Store:
    return Store(store.engine, name)


def test_states_move_new_in_progress_finished_and_are_recorded(store: Store, documents: list[int]) -> None:
    first, second = documents[:2]
    assert set(store.document_states().values()) == {"new"}
    store.add_span(first, 4, 8, "actor")
    assert store.document_state(first) == "in_progress" and store.document_state(second) == "new"
    assert store.set_document_state(first, "finished") == "in_progress"
    assert store.set_document_state(second, "skipped", "not news") == "new"
    assert store.set_document_state(first, "in_progress", "reopened") == "finished"
    store.set_document_state(first, "finished")
    history = store.state_history(first)
    assert [(h["before"], h["after"], h["reason"]) for h in history] == [
        ("in_progress", "finished", None), ("finished", "in_progress", "reopened"), ("in_progress", "finished", None)]
    assert as_user(store, "bob").document_state(first) == "new"  # states are per annotator
    with pytest.raises(AnnotatorError, match="unknown document state"):
        store.set_document_state(first, "done")


def test_assignment_needs_a_reviewer_adds_names_and_progress_counts(store: Store, documents: list[int]) -> None:
    with pytest.raises(PermissionDenied, match="reviewer role"):
        store.assign(["alice", "bob", "carol"], 2)
    store.set_role("tester", "reviewer")
    given = store.assign(["alice", "bob", "carol"], 2, seed=1)
    assert len(given) == 4 and all(len(people) == 2 for people in given.values())
    assert store.assign(["alice", "bob", "carol"], 2, seed=1) == {}  # nothing left to give
    assert {name for name, _role, _count in store.users()} >= {"alice", "bob", "carol"}
    shared = next(d for d, people in given.items() if people == ["alice", "bob"] or len(people) == 2)
    a, b = given[shared]
    for name in (a, b):
        person = as_user(store, name)
        person.add_span(shared, 4, 8, "actor")
        person.set_document_state(shared, "finished")
    as_user(store, b).add_span(shared, 12, 17, "location")
    progress = store.progress()
    row = progress["annotators"][a]
    assert {k: row[k] for k in ("assigned", "finished", "skipped", "in_progress", "spans", "links")} == {
        "assigned": sum(a in people for people in given.values()), "finished": 1, "skipped": 0,
        "in_progress": 0, "spans": 1, "links": 0}
    entry = progress["documents"][f"d{documents.index(shared)}"]
    assert entry["finished_by"] == sorted([a, b]) and entry["assigned"] == sorted([a, b])
    assert entry["agreement"] == {f"{min(a, b)}/{max(a, b)}": pytest.approx(2 / 3, abs=1e-4)}
    assert set(store.assigned_documents(a)) == {d for d, people in given.items() if a in people}


def test_exports_keep_only_finished_work_in_every_format(store: Store, documents: list[int], tmp_path) -> None:
    done, half = documents[:2]
    store.add_span(done, 4, 8, "actor")
    store.add_span(half, 4, 8, "actor")
    store.set_document_state(done, "finished")
    empty_but_finished = documents[2]
    store.set_document_state(empty_but_finished, "finished")
    bob = as_user(store, "bob")
    bob.add_span(done, 12, 17, "location")  # bob has not finished it: his span stays out
    exported = list(iter_export(store, ExportFilter(finished=True)))
    assert [(d.name, [(s.text, s.annotator) for s in d.spans]) for d in exported] == [
        ("d0", [("محمد", "tester")]), ("d2", [])]
    for fmt in all_formats():
        if fmt.write is None or fmt.name in ("text",):
            continue
        if fmt.name == "spacy":
            pytest.importorskip("spacy")
        out = tmp_path / (f"out-{fmt.name}" + (".jsonl" if fmt.name == "hf" else ""))
        fmt.write(iter_export(store, ExportFilter(finished=True)), out)
        if fmt.read is None:
            continue
        if out.is_dir() and fmt.name == "brat":
            paths = sorted(out.glob("*.ann"))
        else:
            paths = [out]
        texts = [record.text[s.start:s.end] for path in paths for record in fmt.read(path) for s in record.spans]
        assert "بغداد" not in texts and "محمد" in texts, fmt.name


def test_gold_layer_finished_means_no_open_disagreement(store: Store, documents: list[int]) -> None:
    agreed, disputed = documents[:2]
    bob = as_user(store, "bob")
    for person in (store, bob):
        person.add_span(agreed, 4, 8, "actor")
        person.add_span(disputed, 4, 8, "actor")
    bob.add_span(disputed, 12, 17, "location")  # only bob: open until a reviewer decides
    store.set_role("tester", "reviewer")
    for span in store.spans(agreed):
        store.review_span(span.id, "accepted")
    first = store.spans(disputed)[0]
    store.review_span(first.id, "accepted")
    assert store.resolved_documents() == {agreed}  # bob's location in the other is still undecided
    gold = list(iter_export(store, ExportFilter(statuses=["accepted"], finished=True)))
    assert [d.name for d in gold] == ["d0"]
    location = next(s for s in store.spans(disputed) if s.label == "location")
    store.review_span(location.id, "rejected")
    assert {d.name for d in iter_export(store, ExportFilter(statuses=["accepted"], finished=True))} == {"d0", "d1"}


def test_guidelines_are_shared_and_set_by_reviewers(store: Store) -> None:
    assert store.project_text("guidelines") is None
    with pytest.raises(PermissionDenied):
        store.set_project_text("guidelines", "# ours")
    store.set_role("tester", "reviewer")
    store.set_project_text("guidelines", "# ours\n\nفاعل")
    store.set_project_text("guidelines", "# ours, again")
    assert as_user(store, "bob").project_text("guidelines") == "# ours, again"
