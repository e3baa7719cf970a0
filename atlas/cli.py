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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except Exception as error:  # the CLI's contract: a reason on stderr, non-zero exit
        from atlas.db import DatabaseError

        if not isinstance(error, (DatabaseError, OSError, ValueError)):
            raise
        print(f"error: {error}", file=sys.stderr)
        return 1
