"""`python -m api` is the `clinic-content` command."""

import sys

from api.cli import main

sys.exit(main())
