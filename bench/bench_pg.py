"""pg: the app against a real PostgreSQL server, each against raw psycopg on the same server in the same run.

pg_tag: 4 annotator processes tagging at once through ``Store.add_span`` (one committed transaction with
its history row per tag), against 4 processes doing one raw INSERT + COMMIT per span: per-tag p99 across
all processes, throughput in the note.
pg_import: the real ``annotator import`` command in a child process, against raw psycopg executemany of
the same documents and spans in a child process (bench.pg_worker import-raw), each into a fresh database.

The server is ANNOTATOR_BENCH_PG or ANNOTATOR_TEST_PG (a SQLAlchemy URL) if set, else a throw-away one
started here as .ci/with-postgres does; without PostgreSQL both metrics are skipped with a note.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.measure import ROOT, Metric, child_env, median, percentile, run_child


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pg-workers", type=int, default=4, help="concurrent tagging processes")
    parser.add_argument("--pg-tag-actions", type=int, default=300, help="tags per process")
    parser.add_argument("--pg-import-docs", type=int, default=2000)
    parser.add_argument("--pg-import-mb", type=float, default=10, help="total size of the documents' text")
    parser.add_argument("--pg-import-files", type=int, default=4, help="JSONL files the documents are split into")
    parser.add_argument("--pg-import-spans", type=int, default=5, help="spans per document")
    parser.add_argument("--pg-fsync", action="store_true",
                        help="keep fsync on in the throw-away server (off by default, as in .ci/with-postgres)")


@contextmanager
def server(fsync: bool) -> Iterator[str | None]:
    """The URL of a server's ``postgres`` database, or None when there is no PostgreSQL."""
    given = os.environ.get("ANNOTATOR_BENCH_PG") or os.environ.get("ANNOTATOR_TEST_PG")
    if given:
        yield given
        return
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: [int(n) for n in Path(p).parts[-3].split(".")])
    if not found:
        yield None
        return
    binaries = Path(found[-1]).parent
    root = Path(tempfile.mkdtemp(prefix="bench-pg-"))
    # No TCP: the port only names the socket file in this run's own folder, so a fixed one cannot clash.
    data, sock, port = root / "data", root / "sock", 54331
    sock.mkdir()
    as_postgres: dict[str, object] = {}
    if os.geteuid() == 0:  # initdb refuses to run as root: the server runs as the postgres user
        owner = pwd.getpwnam("postgres")
        for path in (root, sock):
            os.chown(path, owner.pw_uid, owner.pw_gid)
        as_postgres = {"user": owner.pw_uid, "group": owner.pw_gid, "extra_groups": []}

    def pg(*command: str) -> None:
        with open(root / "pg.out", "ab") as out:
            done = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, cwd=root, **as_postgres)  # type: ignore[call-overload]
        if done.returncode != 0:
            raise RuntimeError(f"{command[0]} failed: {(root / 'pg.out').read_text(errors='replace')}")

    try:
        pg(str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8",
           "--locale=C.UTF-8")
        pg(str(binaries / "pg_ctl"), "-D", str(data), "-w", "-l", str(root / "server.log"), "-o",
           f"-k {sock} -p {port} -c listen_addresses='' -c fsync={'on' if fsync else 'off'}", "start")
        yield f"postgresql+psycopg://postgres@/postgres?host={sock}&port={port}"
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=root, **as_postgres)  # type: ignore[call-overload]
        shutil.rmtree(root, ignore_errors=True)


def conninfo(url: str, database: str) -> str:
    """The libpq form of a SQLAlchemy URL, for the raw psycopg side."""
    from psycopg.conninfo import make_conninfo
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    parts = {"host": parsed.query.get("host") or parsed.host, "port": parsed.query.get("port") or parsed.port,
             "user": parsed.username, "password": parsed.password, "dbname": database}
    return make_conninfo(**{k: str(v) for k, v in parts.items() if v})


@contextmanager
def fresh_database(url: str, prefix: str) -> Iterator[tuple[str, str]]:
    """(app URL, psycopg conninfo) of a new empty database, dropped afterwards."""
    import psycopg
    from sqlalchemy.engine import make_url

    name = f"bench_{prefix}_{uuid.uuid4().hex[:8]}"
    admin = conninfo(url, make_url(url).database or "postgres")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False), conninfo(url, name)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def concurrent_tags(command: str, target: str, documents: list[int], count: int) -> list[dict]:  # type: ignore[type-arg]
    """Start one worker per document, let them all tag at once when every one is ready, collect their JSON."""
    workers = []
    try:
        for number, document_id in enumerate(documents, 1):
            err = tempfile.TemporaryFile()
            process = subprocess.Popen([sys.executable, "-m", "bench.pg_worker", command, target, f"bench{number}",
                                        str(document_id), str(count)], stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, stderr=err, env=child_env(), cwd=ROOT, text=True)
            workers.append((process, err))
        for process, err in workers:
            if process.stdout.readline().strip() != "ready":  # type: ignore[union-attr]
                process.wait()
                err.seek(0)
                raise RuntimeError(f"{command} worker failed: {err.read().decode(errors='replace')}")
        for process, _err in workers:
            process.stdin.write("go\n")  # type: ignore[union-attr]
            process.stdin.flush()  # type: ignore[union-attr]
        reports = []
        for process, err in workers:
            out, _ = process.communicate()
            if process.returncode != 0:
                err.seek(0)
                raise RuntimeError(f"{command} worker failed: {err.read().decode(errors='replace')}")
            reports.append(json.loads(out))
        return reports
    finally:
        for process, err in workers:
            if process.poll() is None:
                process.kill()
                process.wait()
            err.close()


def summary(reports: list[dict]) -> tuple[float, float, float]:  # type: ignore[type-arg]
    """(p99 and median seconds over every tag of every process, tags per second over the whole run)."""
    times = [t for r in reports for t in r["times"]]
    wall = max(r["ended"] for r in reports) - min(r["began"] for r in reports)
    return percentile(times, 0.99), median(times), len(times) / wall


def tag_metric(url: str, args: argparse.Namespace, fsync: str) -> Metric:
    import psycopg

    from annotator.store import open_database
    from bench.corpus import articles
    from bench.pg_worker import insert_articles

    workers = args.pg_workers
    with fresh_database(url, "tag") as (app_url, raw_info):
        open_database(app_url).dispose()  # the app's schema, by its own migrations (not timed)
        # Each process tags its own document; the raw processes get documents of their own too.
        with psycopg.connect(raw_info) as connection:
            documents = insert_articles(connection, list(articles(2 * workers, 6000, 0)))
        app = concurrent_tags("tag-app", app_url, documents[:workers], args.pg_tag_actions)
        raw = concurrent_tags("tag-raw", raw_info, documents[workers:], args.pg_tag_actions)
    (p99, middle, rate), (raw_p99, raw_middle, raw_rate) = summary(app), summary(raw)
    note = (f"{workers} processes x {args.pg_tag_actions} tags at once: {rate:.0f} tags/s (raw {raw_rate:.0f}), "
            f"median {middle * 1000:.1f} ms (raw {raw_middle * 1000:.1f}); fsync {fsync}")
    return Metric("pg_tag", p99, raw_p99, "s", "value ≤ 30 ms", p99 <= 0.030, note)


def import_metric(url: str, args: argparse.Namespace, fsync: str) -> Metric:
    from annotator.store import open_database
    from bench.bench_import import make_folder

    shape = argparse.Namespace(import_docs=args.pg_import_docs, import_mb=args.pg_import_mb,
                               import_files=args.pg_import_files, import_spans=args.pg_import_spans)
    env = child_env(ANNOTATOR_USER="bench")
    with (tempfile.TemporaryDirectory(prefix="bench-pg-import-") as tmp, fresh_database(url, "app") as (app_url, _),
          fresh_database(url, "raw") as (raw_url, raw_info)):
        folder = Path(tmp) / "in"
        size = make_folder(folder, shape)
        open_database(raw_url).dispose()  # the app creates its own on open, inside the measured run
        app = run_child(["-m", "annotator", "import", "--db", app_url, str(folder)], env=env)
        if app.returncode != 0:
            raise RuntimeError(f"annotator import failed: {app.stderr}")
        raw = run_child(["-m", "bench.pg_worker", "import-raw", raw_info, str(folder)], env=env)
        if raw.returncode != 0:
            raise RuntimeError(f"raw import failed: {raw.stderr}")
    note = (f"{args.pg_import_docs:,} documents, {size / 1e6:.0f} MB in {args.pg_import_files} JSONL files; "
            f"fsync {fsync}")
    ratio = app.seconds / raw.seconds
    return Metric("pg_import", app.seconds, raw.seconds, "s", "ratio ≤ 1.5", ratio <= 1.5, note)


def run(args: argparse.Namespace) -> list[Metric]:
    with server(args.pg_fsync) as url:
        if url is None:
            return [Metric(name, None, None, "s", "", None, "skipped: no PostgreSQL installed")
                    for name in ("pg_tag", "pg_import")]
        import psycopg
        from sqlalchemy.engine import make_url

        with psycopg.connect(conninfo(url, make_url(url).database or "postgres")) as connection:
            fsync = connection.execute("SHOW fsync").fetchone()[0]  # type: ignore[index]
        return [tag_metric(url, args, fsync), import_metric(url, args, fsync)]
