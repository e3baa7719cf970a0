"""Command line: `python -m atlas --help`.

Exit codes: 0 success, 1 the command failed (the reason is printed on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys

from atlas import __version__


def _cmd_init(args: argparse.Namespace) -> int:
    from atlas.db import get_database
    from atlas.filters import Filters

    database = get_database(args.db)
    counts = database.query("overview/counts", Filters().params())
    row = counts.iloc[0].to_dict()
    print(
        f"{database.path}: schema version {database.schema_version()}"
        f"{' (new, seed dataset loaded)' if database.created else ''}; "
        + ", ".join(f"{k} {int(v)}" for k, v in row.items())
    )
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from atlas.db import get_database
    from atlas.export import export_tables

    data = export_tables(get_database(args.db))
    json.dump(data, sys.stdout, ensure_ascii=False, indent=args.indent)
    sys.stdout.write("\n")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from atlas.demo import generate

    counts = generate(args.db, scale=args.scale, seed=args.seed)
    print(f"{args.db}: synthetic data at scale {args.scale:g} — "
          + ", ".join(f"{table} {count:,}" for table, count in counts.items()))
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    """Import files; one line per file on stdout (refusals on stderr); exit 1 if any was refused."""
    from atlas.db import get_database
    from atlas.importer import current_user, import_paths

    database = get_database(args.db)
    results = import_paths(database, args.files, user=args.user or current_user())
    refused = 0
    for result in results:
        if result.refused is not None:
            refused += 1
            print(f"refused {result.file_name}: {result.refused.message('en')} [{result.refused.code}]",
                  file=sys.stderr)
            continue
        outcome = result.outcome
        if outcome.status == "unchanged":
            print(f"unchanged {result.file_name}: already imported as document {outcome.document_id}")
            continue
        facts = ", ".join(f"{table} {count}" for table, count in outcome.counts.items() if count)
        line = f"{outcome.status} {result.file_name}: document {outcome.document_id} ({facts})"
        if outcome.status == "replaced":
            line += (f"; replaces document {outcome.replaced_document_id}, "
                     f"{outcome.kept_follow_ups} hand-edited follow-up(s) kept")
        print(line)
    return 1 if refused else 0


def _cmd_extract(args: argparse.Namespace) -> int:
    """Print what a file would give, as JSON; writes nothing."""
    from atlas.importer import ImportRefused, prepare_path

    knowledge = _read_knowledge(args.db)
    try:
        prepared = prepare_path(args.file, knowledge)
    except ImportRefused as refused:
        print(f"error: {refused.file_name or args.file}: {refused.message('en')} [{refused.code}]", file=sys.stderr)
        return 1
    data = prepared.extraction.to_contract()
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=args.indent)
        sys.stdout.write("\n")
    else:
        trips = data["trips"]
        print(f"{data['document']['file']}: {data['document']['kind']}; "
              f"{len(trips)} trip(s), {len(data['itinerary'])} itinerary rows, {len(data['meetings'])} meetings, "
              f"{len(data['institutions'])} institutions, {len(data['programs'])} programs, "
              f"{len(data['follow_ups'])} follow-ups, {len(data['warnings'])} warnings (use --json for all)")
    return 0


def _read_knowledge(db: str | None):
    """Our organizations and known institutions from an existing database, read-only; without
    one (or while another process holds it) extraction runs on the document alone."""
    from atlas.db import DatabaseError, open_database
    from atlas.importer import Knowledge
    from atlas.paths import db_path

    path = db_path(db)
    if not path.exists():
        return None
    try:
        database = open_database(path, read_only=True)
    except (DatabaseError, OSError) as error:
        print(f"note: names are resolved without the database ({error})", file=sys.stderr)
        return None
    try:
        return Knowledge.from_database(database)
    except Exception as error:  # an old schema: resolve from the document alone
        print(f"note: names are resolved without the database ({error})", file=sys.stderr)
        return None
    finally:
        database.close()


def _cmd_users(args: argparse.Namespace) -> int:
    """Manage the sign-in file (config/auth.yaml, or $ATLAS_AUTH_FILE); its existence turns sign-in on."""
    from pathlib import Path

    from atlas import access

    path = Path(args.file) if args.file else access.auth_file()
    if args.action == "list":
        if not path.is_file():
            print(f"{path}: no such file; sign-in is off (every local user is admin)")
            return 0
        users = access.read_config(path)["credentials"]["usernames"]
        for username, entry in users.items():
            limit = ", ".join(entry.get("organizations") or []) or "all organizations"
            print(f"{username}\t{access.user_role(entry)}\t{limit}")
        return 0
    if args.action == "remove":
        access.remove_user(args.username, path)
        print(f"{path}: removed {args.username}")
        return 0
    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif args.action == "add":
        import getpass

        password = getpass.getpass(f"password for {args.username}: ")
        if password != getpass.getpass("again: "):
            raise ValueError("the two passwords differ")
    access.save_user(args.username, password=password, role=args.role, name=args.name or "",
                     organizations=args.organization or (), path=path)
    print(f"{path}: {args.action} {args.username} ({args.role}); sign-in is on")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m atlas",
        description="Engagement Atlas (국제교류 아틀라스): manage the trip database.",
    )
    parser.add_argument("--version", action="version", version=f"atlas {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    db_help = "database file (default: $ATLAS_DB, else data/atlas.duckdb)"
    init = commands.add_parser("init", help="create or migrate the database; a new one gets the seed dataset")
    init.add_argument("--db", metavar="PATH", help=db_help)
    init.set_defaults(run=_cmd_init)

    export = commands.add_parser("export", help="print every table as JSON for audit")
    export.add_argument("--format", choices=["json"], default="json", help="output format (json)")
    export.add_argument("--indent", type=int, default=None, help="pretty-print with this indent")
    export.add_argument("--db", metavar="PATH", help=db_help)
    export.set_defaults(run=_cmd_export)
    demo = commands.add_parser("demo", help="write synthetic scale data into a NEW database (never the default)")
    demo.add_argument("--scale", type=float, default=1.0, help="1 = 200 trips; 100 = 20,000 trips, 150,000 meetings")
    demo.add_argument("--seed", type=int, default=20240624, help="random seed (same seed, same data)")
    demo.add_argument("--db", metavar="PATH", required=True, help="database file to create")
    demo.set_defaults(run=_cmd_demo)

    importer = commands.add_parser(
        "import", help="import trip reports and news articles (HWP, HWPX, PDF, DOCX, TXT, MD)",
        description="Import documents: exit 0 when every file was imported (or was already there), "
                    "1 when any file was refused (the reason is on stderr; a refused file writes nothing).")
    importer.add_argument("files", nargs="+", metavar="FILE", help="documents to import")
    importer.add_argument("--db", metavar="PATH", help=db_help)
    importer.add_argument("--user", metavar="NAME", help="who imports (default: $ATLAS_USER, else the OS user)")
    importer.set_defaults(run=_cmd_import)

    extract = commands.add_parser("extract", help="print the facts a document gives, as JSON; writes nothing")
    extract.add_argument("file", metavar="FILE", help="the document to read")
    extract.add_argument("--json", action="store_true", help="print the full extraction as JSON")
    extract.add_argument("--indent", type=int, default=None, help="pretty-print with this indent")
    extract.add_argument("--db", metavar="PATH", help="database whose organizations and institutions resolve names "
                                                     "(read-only; default: $ATLAS_DB, else data/atlas.duckdb)")
    extract.set_defaults(run=_cmd_extract)

    users = commands.add_parser(
        "users", help="manage sign-in users (the first `users add` turns sign-in on)",
        description="Users who may sign in, in config/auth.yaml ($ATLAS_AUTH_FILE). Roles: admin (users and "
                    "everything), editor (import, edit), viewer (read), presenter (read, names hidden).")
    users.add_argument("action", choices=["add", "set", "remove", "list"],
                       help="add a user, set (change) one, remove one, or list them")
    users.add_argument("username", nargs="?", default="", help="the sign-in name (add, set, remove)")
    users.add_argument("--role", choices=["admin", "editor", "viewer", "presenter"], default="viewer")
    users.add_argument("--name", help="the name shown in the app")
    users.add_argument("--organization", action="append", metavar="NAME",
                       help="limit the user to this organization's trips (repeat for several); default: all")
    users.add_argument("--password-stdin", action="store_true",
                       help="read the password from the first line of stdin instead of asking (set: a new password)")
    users.add_argument("--file", metavar="PATH", help="credentials file (default: $ATLAS_AUTH_FILE, else config/auth.yaml)")
    users.set_defaults(run=_cmd_users)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except Exception as error:  # the CLI's contract: a reason on stderr, non-zero exit
        from atlas.db import DatabaseError

        if not isinstance(error, (DatabaseError, OSError, ValueError)):  # AuthConfigError is a ValueError
            raise
        print(f"error: {error}", file=sys.stderr)
        return 1
