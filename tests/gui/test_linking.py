"""Linking by keyboard in the real window: select a claim, L, Enter links it to the actor before it;
Tab chooses another candidate; Esc makes nothing; Ctrl+Z removes the link; Delete in the Links panel
deletes one."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.helpers import offsets_of, press, select_with_keyboard

CTRL = Qt.KeyboardModifier.ControlModifier
CLAIM = "الفصائل المسلحة في العراق أعلنت انتهاء الهدنة غير الرسمية مع الولايات المتحدة"


def tagged(window) -> dict[str, int]:
    ids = {}
    for phrase, key, name in (("قائد فصيل", Qt.Key.Key_1, "actor"), (CLAIM, Qt.Key.Key_4, "claim"),
                              ("القائد العسكري", Qt.Key.Key_1, "later_actor"), ("العراق", Qt.Key.Key_2, "place")):
        select_with_keyboard(window, phrase)
        press(window, key)
        ids[name] = window.selected_span.id
    return ids


def select_claim_with_ctrl_period(window, claim_id: int) -> None:
    window.select_span(None)
    window.view.move_to_offset(0)
    for _ in range(20):
        press(window, Qt.Key.Key_Period, CTRL)
        if window.selected_span is not None and window.selected_span.id == claim_id:
            return
    raise AssertionError("Ctrl+. never reached the claim")


def stored_links(window) -> list[tuple[int, int, str]]:
    return [(link.from_id, link.to_id, link.type) for link in window.store.links(window.session.document.id)]


def test_l_then_enter_links_the_claim_to_the_actor_before_it(open_window) -> None:
    window = open_window()
    ids = tagged(window)
    select_claim_with_ctrl_period(window, ids["claim"])
    press(window, Qt.Key.Key_L)
    assert window.linking.active and window.view.link_choice == ids["actor"]
    assert ids["later_actor"] in window.view.link_candidates and ids["place"] in window.view.link_candidates
    press(window, Qt.Key.Key_Return)
    assert stored_links(window) == [(ids["claim"], ids["actor"], "source")]
    assert not window.linking.active
    assert window.links_panel.count() == 1 and "source" in window.links_panel.item(0).text()
    assert (ids["actor"], "source", True) in window.view.shown_links
    window.view.decorate_visible()
    window.grab().save("/tmp/linking.png")

    press(window, Qt.Key.Key_Z, CTRL)
    assert stored_links(window) == [] and window.links_panel.count() == 0
    press(window, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert stored_links(window) == [(ids["claim"], ids["actor"], "source")]


def test_tab_chooses_another_candidate_and_esc_makes_nothing(open_window) -> None:
    window = open_window()
    ids = tagged(window)
    window.select_span(window.session.spans.get(ids["claim"]))
    press(window, Qt.Key.Key_L)
    first = window.view.link_choice
    press(window, Qt.Key.Key_Tab)
    assert window.view.link_choice != first
    press(window, Qt.Key.Key_Escape)
    assert not window.linking.active and stored_links(window) == []
    press(window, Qt.Key.Key_L)
    while window.view.link_choice != ids["place"]:
        press(window, Qt.Key.Key_Tab)
    press(window, Qt.Key.Key_Return)
    assert stored_links(window) == [(ids["claim"], ids["place"], "place")]


def test_delete_in_the_links_panel_deletes_the_link_not_the_span(open_window) -> None:
    window = open_window()
    ids = tagged(window)
    window.session.link(window.session.spans.get(ids["claim"]), window.session.spans.get(ids["actor"]))
    window.links_panel.setFocus()
    window.links_panel.setCurrentRow(0)
    press(window, Qt.Key.Key_Delete)
    assert stored_links(window) == []
    assert window.store.span(ids["claim"]) is not None and window.store.span(ids["actor"]) is not None


def test_deleting_a_span_removes_its_links_and_undo_brings_them_back(open_window) -> None:
    window = open_window()
    ids = tagged(window)
    window.session.link(window.session.spans.get(ids["claim"]), window.session.spans.get(ids["actor"]))
    window.select_span(window.session.spans.get(ids["actor"]))
    press(window, Qt.Key.Key_Delete)
    assert stored_links(window) == [] and window.links_panel.count() == 0
    press(window, Qt.Key.Key_Z, CTRL)
    assert stored_links(window) == [(ids["claim"], ids["actor"], "source")]
    assert window.links_panel.count() == 1


def test_l_without_a_candidate_says_what_to_tag(open_window) -> None:
    window = open_window()
    start, end = offsets_of(window, CLAIM)
    window.select_span(window.session.tag(start, end, "claim"))
    press(window, Qt.Key.Key_L)
    assert not window.linking.active and "tag one first" in window.saved_label.text()


def test_review_reaches_a_link_only_one_annotator_made_and_a_accepts_it(open_window, db_url) -> None:
    from annotator.store import Store, open_database

    window = open_window(user="rev")
    window.store.set_role("rev", "reviewer")
    document_id = window.session.document.id
    claim_at, actor_at = offsets_of(window, CLAIM), offsets_of(window, "قائد فصيل")
    for user in ("salma", "noura"):
        other = Store(open_database(db_url), user)
        claim = other.add_span(document_id, *claim_at, "claim")
        actor = other.add_span(document_id, *actor_at, "actor")
        if user == "salma":
            salma_link = other.add_link(claim.id, actor.id)
        other.engine.dispose()
    press(window, Qt.Key.Key_F5)
    press(window, Qt.Key.Key_N)
    assert window.selected_link is not None and window.selected_link.id == salma_link.id
    assert "Link disagreement" in window.saved_label.text() and "noura did not" in window.saved_label.text()
    press(window, Qt.Key.Key_A)
    (link,) = window.store.links(document_id)
    assert (link.status, link.reviewer) == ("accepted", "rev")
    assert window.review.open_link_disagreements() == []


def test_the_agreement_dialog_shows_link_f1(open_window, db_url) -> None:
    from annotator.gui.agreement_dialog import AgreementDialog
    from annotator.store import Store, open_database

    window = open_window(user="rev")
    document_id = window.session.document.id
    claim_at, actor_at = offsets_of(window, CLAIM), offsets_of(window, "قائد فصيل")
    for user in ("salma", "noura"):
        other = Store(open_database(db_url), user)
        claim = other.add_span(document_id, *claim_at, "claim")
        other.add_link(claim.id, other.add_span(document_id, *actor_at, "actor").id)
        other.engine.dispose()
    dialog = AgreementDialog(window)
    assert "Links: exact F1" in dialog.summary.text() and "1 matched" in dialog.summary.text()
    dialog.close()


def test_keyboard_only_link_survives_a_restart_and_the_cli_export_shows_it(open_window, db_url, tmp_path) -> None:
    import json
    import os
    import subprocess
    import sys

    window = open_window()
    tagged(window)
    claim = next(s for s in window.session.spans if s.label == "claim")
    select_claim_with_ctrl_period(window, claim.id)
    press(window, Qt.Key.Key_L)
    press(window, Qt.Key.Key_Return)
    press(window, Qt.Key.Key_Q, CTRL)
    window.store.engine.dispose()
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "ANNOTATOR_USER": "tester"}
    result = subprocess.run([sys.executable, "-m", "annotator", "export", "--format", "jsonl", "--out", str(out),
                             "--db", db_url.removeprefix("sqlite:///")], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    line = next(json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()
                if json.loads(x)["relations"])
    texts = {span["id"]: span["text"] for span in line["spans"]}
    assert [(r["type"], texts[r["from"]], texts[r["to"]]) for r in line["relations"]] == [
        ("source", CLAIM, "قائد فصيل")]

    again = open_window(extra=False)
    assert len(again.session.links) == 1
    press(again, Qt.Key.Key_Z, CTRL)  # from the stored history, after the restart
    assert again.store.links(again.session.document.id) == []
    assert "Undone: a source link" in again.saved_label.text()
