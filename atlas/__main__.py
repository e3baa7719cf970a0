"""`python -m atlas` — see atlas/cli.py."""

import sys

from atlas.cli import main

sys.exit(main())
