"""The team database on a real PostgreSQL server: each person logs in with their own role, and the
server itself refuses what the store would refuse, also to raw SQL (psql as bob cannot change alice's
spans)."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from annotator.core.errors import AnnotatorError
from annotator.core.model import DocumentRecord
from annotator.store import Store, open_database
from annotator.store.spans import PermissionDenied
from annotator.store.team import server_user, team_init
from annotator.store.transfer import import_records

PG_URL = os.environ.get("ANNOTATOR_TEST_PG")
pytestmark = pytest.mark.skipif(not PG_URL, reason="no PostgreSQL server: set ANNOTATOR_TEST_PG (.ci/run does)")
TEXT = "قال محمد في بغداد إن الاتفاق سيوقع"


@pytest.fixture
def team() -> Iterator[dict[str, str]]:
    """A fresh database with a team: a reviewer and two annotators (role names unique per run: roles
    belong to the whole server). Yields the URL of each person's login."""
    assert PG_URL is not None
    suffix = uuid.uuid4().hex[:8]
    database = f"annotator_team_{suffix}"
    people = {"rev": f"rev_{suffix}", "alice": f"alice_{suffix}", "bob": f"bob_{suffix}"}
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{database}"')
    owner_url = make_url(PG_URL).set(database=database)
    owner = open_database(owner_url.render_as_string(hide_password=False))
    team_init(owner, [people["rev"]], [people["alice"], people["bob"]])
    import_records(Store(owner, "owner"), "seed", [DocumentRecord("doc", TEXT)])
    owner.dispose()
    urls = {who: owner_url.set(username=role).render_as_string(hide_password=False) for who, role in people.items()}
    urls["owner"] = owner_url.render_as_string(hide_password=False)
    yield urls
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        for role in people.values():
            connection.exec_driver_sql(f'DROP ROLE IF EXISTS "{role}"')
    admin.dispose()


def store_as(url: str) -> Store:
    engine = open_database(url)
    user = server_user(engine)
    assert user is not None
    return Store(engine, user)


def test_the_user_is_the_login_role_and_the_app_follows_the_rules(team: dict[str, str]) -> None:
    alice, bob, rev = store_as(team["alice"]), store_as(team["bob"]), store_as(team["rev"])
    try:
        assert alice.user.startswith("alice_") and rev.role() == "reviewer" and alice.role() == "annotator"
        mine = alice.add_span(1, 4, 8, "actor")
        theirs = bob.add_span(1, 12, 17, "location")
        with pytest.raises(PermissionDenied):
            alice.delete_span(theirs.id)
        with pytest.raises(AnnotatorError):
            alice.review_span(mine.id, "accepted")
        reviewed = rev.review_span(theirs.id, "accepted")
        assert reviewed.status == "accepted" and reviewed.reviewer == rev.user
    finally:
        for store in (alice, bob, rev):
            store.engine.dispose()


def test_raw_sql_as_an_annotator_cannot_go_around_the_rules(team: dict[str, str]) -> None:
    alice, bob = store_as(team["alice"]), store_as(team["bob"])
    alice_span = alice.add_span(1, 4, 8, "actor")
    bob.add_span(1, 12, 17, "location")
    alice.engine.dispose()
    bob.engine.dispose()
    raw = create_engine(team["bob"])  # what psql as bob would send
    try:
        with raw.begin() as connection:
            gone = connection.execute(text("DELETE FROM spans WHERE id = :id"), {"id": alice_span.id}).rowcount
            changed = connection.execute(text("UPDATE spans SET \"end\" = 9 WHERE id = :id"),
                                         {"id": alice_span.id}).rowcount
            relabelled = connection.execute(text("UPDATE labels SET name = 'person' WHERE name = 'actor'")).rowcount
        assert (gone, changed, relabelled) == (0, 0, 0)
        for statement in (
            "UPDATE spans SET status = 'accepted' WHERE annotator_id = annotator_my_id()",
            "INSERT INTO spans (document_id, start, \"end\", label_id, text, annotator_id, status, created_at, "
            "updated_at) SELECT 1, 0, 3, id, 'قال', (SELECT id FROM annotators WHERE name LIKE 'alice_%'), "
            "'draft', now(), now() FROM labels WHERE name = 'actor'",
            "UPDATE annotators SET role = 'reviewer' WHERE name = current_user",
        ):
            with pytest.raises(DBAPIError), raw.begin() as connection:
                result = connection.execute(text(statement))
                if result.rowcount == 0:  # filtered out by row-level security: refused all the same
                    raise DBAPIError(statement, None, Exception("no row changed"))
    finally:
        raw.dispose()
    owner = Store(open_database(team["owner"]), "owner")
    try:
        (span,) = [s for s in owner.spans(1) if s.id == alice_span.id]
        assert (span.end, span.label, span.status) == (8, "actor", "draft")
    finally:
        owner.engine.dispose()


def test_the_command_line_uses_the_login_and_refuses_another_user(team: dict[str, str]) -> None:
    env = {**os.environ, "ANNOTATOR_USER": "someone-else"}
    run = [sys.executable, "-m", "annotator"]
    as_alice = subprocess.run([*run, "--db", team["alice"], "users"], capture_output=True, text=True, env=env,
                              timeout=120)
    assert as_alice.returncode == 0, as_alice.stderr
    refused = subprocess.run([*run, "--db", team["alice"], "--user", "bob", "stats"], capture_output=True,
                             text=True, env=env, timeout=120)
    assert refused.returncode == 1 and "you are the role you log in as" in refused.stderr
