"""Entry point of the frozen `fpa` command."""

import sys

from app.cli import main

sys.exit(main())
