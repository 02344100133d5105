"""The team database on PostgreSQL: each annotator logs in with their own role, and the server itself
enforces who may change what, so that not even ``psql`` as bob can change alice's spans.

``annotator team init`` (run by the database owner) creates the group role ``annotator_team``, a login
role for each person, the grants, and row-level security policies: everyone reads everything; an
annotator adds, changes and deletes only their own spans, as drafts; accepting, rejecting, changing
other people's spans, labels and roles is a reviewer's. A session's user is then the server's
``current_user``, never ``--user``. On SQLite (a personal file) none of this applies: the user name is a
label on the work, not a login.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, text

from annotator.core.errors import AnnotatorError
from annotator.core.text import user_problem

TEAM_ROLE = "annotator_team"

# Inside SECURITY DEFINER functions current_user is the functions' owner: the person is session_user.
_FUNCTIONS = [
    """CREATE OR REPLACE FUNCTION annotator_my_id() RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT id FROM annotators WHERE name = session_user $$""",
    """CREATE OR REPLACE FUNCTION annotator_is_reviewer() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT EXISTS (SELECT 1 FROM annotators WHERE name = session_user AND role = 'reviewer') $$""",
    """CREATE OR REPLACE FUNCTION annotator_is_admin() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog
    AS $$ SELECT rolsuper OR rolname = (SELECT tableowner FROM pg_tables WHERE tablename = 'spans' LIMIT 1)
          FROM pg_roles WHERE rolname = session_user $$""",
    """CREATE OR REPLACE FUNCTION annotator_review_guard() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
    AS $$
BEGIN
    IF annotator_is_admin() OR annotator_is_reviewer() THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF NEW.status <> 'draft' OR NEW.reviewer_id IS NOT NULL THEN
            RAISE EXCEPTION 'only reviewers may add accepted or rejected spans' USING ERRCODE = '42501';
        END IF;
    ELSIF (NEW.status, NEW.reviewer_id) IS DISTINCT FROM (OLD.status, OLD.reviewer_id)
          AND (NEW.status <> 'draft' OR NEW.reviewer_id IS NOT NULL) THEN
        RAISE EXCEPTION 'only reviewers may accept or reject spans' USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END $$""",
]

# (table, policy name, command, USING, WITH CHECK)
_POLICIES = [
    ("spans", "read", "SELECT", "true", None),
    ("spans", "add", "INSERT", None, "annotator_is_reviewer() OR annotator_id = annotator_my_id()"),
    ("spans", "change", "UPDATE", "annotator_is_reviewer() OR annotator_id = annotator_my_id()",
     "annotator_is_reviewer() OR annotator_id = annotator_my_id()"),
    ("spans", "delete", "DELETE", "annotator_is_reviewer() OR annotator_id = annotator_my_id()", None),
    ("span_history", "read", "SELECT", "true", None),
    ("span_history", "add", "INSERT", None, "actor_id = annotator_my_id()"),
    ("span_history", "mark", "UPDATE", "annotator_is_reviewer() OR actor_id = annotator_my_id()", None),
    ("labels", "read", "SELECT", "true", None),
    ("labels", "add", "INSERT", None, "annotator_is_reviewer()"),
    ("labels", "change", "UPDATE", "annotator_is_reviewer()", "annotator_is_reviewer()"),
    ("labels", "delete", "DELETE", "annotator_is_reviewer()", None),
    ("annotators", "read", "SELECT", "true", None),
    ("annotators", "join", "INSERT", None,
     "annotator_is_reviewer() OR (name = current_user AND role = 'annotator')"),
    ("annotators", "change", "UPDATE", "annotator_is_reviewer()", "annotator_is_reviewer()"),
    ("links", "read", "SELECT", "true", None),
    ("links", "add", "INSERT", None, "annotator_is_reviewer() OR annotator_id = annotator_my_id()"),
    ("links", "change", "UPDATE", "annotator_is_reviewer() OR annotator_id = annotator_my_id()",
     "annotator_is_reviewer() OR annotator_id = annotator_my_id()"),
    ("links", "delete", "DELETE", "annotator_is_reviewer() OR annotator_id = annotator_my_id()", None),
    ("link_types", "read", "SELECT", "true", None),
    ("link_types", "add", "INSERT", None, "annotator_is_reviewer()"),
    ("link_types", "change", "UPDATE", "annotator_is_reviewer()", "annotator_is_reviewer()"),
    ("link_types", "delete", "DELETE", "annotator_is_reviewer()", None),
    ("suggestions", "read", "SELECT", "true", None),
    ("suggestions", "add", "INSERT", None, "true"),
    ("suggestions", "delete", "DELETE", "true", None),
    ("suggestion_rejections", "read", "SELECT", "true", None),
    ("suggestion_rejections", "add", "INSERT", None, "annotator_id = annotator_my_id()"),
    ("suggestion_rejections", "delete", "DELETE", "annotator_id = annotator_my_id()", None),
    ("gazetteer", "read", "SELECT", "true", None),
    ("gazetteer", "add", "INSERT", None, "annotator_is_reviewer()"),
    ("trained_models", "read", "SELECT", "true", None),
    ("trained_models", "add", "INSERT", None, "true"),
    ("trained_models", "change", "UPDATE", "true", "true"),
    ("document_states", "read", "SELECT", "true", None),
    ("document_states", "add", "INSERT", None, "annotator_id = annotator_my_id()"),
    ("document_states", "change", "UPDATE", "annotator_id = annotator_my_id()", "annotator_id = annotator_my_id()"),
    ("document_state_history", "read", "SELECT", "true", None),
    ("document_state_history", "add", "INSERT", None, "actor_id = annotator_my_id()"),
    ("assignments", "read", "SELECT", "true", None),
    ("assignments", "add", "INSERT", None, "annotator_is_reviewer()"),
    ("assignments", "delete", "DELETE", "annotator_is_reviewer()", None),
    ("project_texts", "read", "SELECT", "true", None),
    ("project_texts", "add", "INSERT", None, "annotator_is_reviewer()"),
    ("project_texts", "change", "UPDATE", "annotator_is_reviewer()", "annotator_is_reviewer()"),
    ("documents", "read", "SELECT", "true", None),
    ("documents", "add", "INSERT", None, "true"),
]

_GRANTS = f"""
GRANT USAGE ON SCHEMA public TO {TEAM_ROLE};
GRANT SELECT ON ALL TABLES IN SCHEMA public TO {TEAM_ROLE};
GRANT INSERT, UPDATE, DELETE ON spans, span_history, labels, links, link_types TO {TEAM_ROLE};
GRANT INSERT, DELETE ON suggestions, suggestion_rejections TO {TEAM_ROLE};
GRANT INSERT ON gazetteer TO {TEAM_ROLE};
GRANT INSERT, UPDATE ON trained_models TO {TEAM_ROLE};
GRANT INSERT, UPDATE ON document_states, project_texts TO {TEAM_ROLE};
GRANT INSERT ON document_state_history TO {TEAM_ROLE};
GRANT INSERT, DELETE ON assignments TO {TEAM_ROLE};
GRANT INSERT ON documents TO {TEAM_ROLE};
GRANT INSERT, UPDATE ON annotators TO {TEAM_ROLE};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {TEAM_ROLE};
"""


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


def server_user(engine: Engine) -> str | None:
    """The user a team-database session is: its PostgreSQL role, when that role is a team member (not
    the owner doing administration). None elsewhere (SQLite, or a PostgreSQL database not set up)."""
    if not is_postgres(engine):
        return None
    with engine.connect() as connection:
        row = connection.execute(text(
            "SELECT current_user, r.rolsuper, "
            "       EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :team) "
            "       AND pg_has_role(current_user, :team, 'MEMBER') "
            "FROM pg_roles r WHERE r.rolname = current_user"), {"team": TEAM_ROLE}).one()
        connection.rollback()
    name, superuser, member = row
    return name if member and not superuser else None


def team_init(engine: Engine, reviewers: list[str], annotators: list[str]) -> list[str]:
    """Set up (or bring up to date) the roles, grants and policies; returns what it did, line by line.
    Safe to run again (new people are added, nothing is dropped)."""
    if not is_postgres(engine):
        raise AnnotatorError("team init is for a PostgreSQL team database; a SQLite file is personal "
                             "(there the user name is a label, not a login)")
    people = [(name, "reviewer") for name in reviewers] + [(name, "annotator") for name in annotators]
    for name, _role in people:
        problem = user_problem(name) or (None if _is_role_name(name) else
                                         f"{name!r}: a team member's name is a PostgreSQL role: letters, "
                                         "digits and _ only, starting with a letter")
        if problem:
            raise AnnotatorError(problem)
    done: list[str] = []
    with engine.begin() as connection:
        _create_role(connection, TEAM_ROLE, login=False)
        connection.exec_driver_sql(f'GRANT CONNECT ON DATABASE "{_database(connection)}" TO {TEAM_ROLE}')
        for statement in _GRANTS.strip().split(";\n"):
            connection.exec_driver_sql(statement.strip().rstrip(";"))
        for function in _FUNCTIONS:
            connection.exec_driver_sql(function)
        for table, name, command, using, check in _POLICIES:
            connection.exec_driver_sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
            policy = f"annotator_{table}_{name}"
            connection.exec_driver_sql(f"DROP POLICY IF EXISTS {policy} ON {table}")
            clauses = (f" USING ({using})" if using else "") + (f" WITH CHECK ({check})" if check else "")
            connection.exec_driver_sql(f"CREATE POLICY {policy} ON {table} FOR {command} TO {TEAM_ROLE}{clauses}")
        connection.exec_driver_sql("DROP TRIGGER IF EXISTS annotator_review_guard ON spans")
        connection.exec_driver_sql("CREATE TRIGGER annotator_review_guard BEFORE INSERT OR UPDATE ON spans "
                                   "FOR EACH ROW EXECUTE FUNCTION annotator_review_guard()")
        done.append(f"group role {TEAM_ROLE}: grants, row-level security and the review guard in place")
        for name, role in people:
            created = _create_role(connection, name, login=True)
            connection.exec_driver_sql(f'GRANT {TEAM_ROLE} TO "{name}"')
            connection.execute(text(
                "INSERT INTO annotators (name, role, created_at) VALUES (:name, :role, now()) "
                "ON CONFLICT (name) DO UPDATE SET role = EXCLUDED.role"), {"name": name, "role": role})
            done.append(f"{name}: {role}" + (" (new login role: set a password with ALTER ROLE or "
                                             "use the server's own authentication)" if created else ""))
    return done


def _is_role_name(name: str) -> bool:
    return name[:1].isalpha() and name.isascii() and all(c.isalnum() or c == "_" for c in name) and len(name) < 64


def _create_role(connection: Connection, name: str, login: bool) -> bool:
    exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": name}).first()
    if exists:
        return False
    connection.exec_driver_sql(f'CREATE ROLE "{name}" {"LOGIN" if login else "NOLOGIN"}')
    return True


def _database(connection: Connection) -> str:
    return str(connection.execute(text("SELECT current_database()")).scalar())
