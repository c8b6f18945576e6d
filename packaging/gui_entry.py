"""Entry point of the frozen desktop program."""

import sys

from ui.main import main

sys.exit(main())
