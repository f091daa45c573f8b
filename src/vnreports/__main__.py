"""`python -m vnreports`: the same command line as `vnreports`."""

import sys

from vnreports.cli import main

sys.exit(main())
