"""`python -m app` is the same program as `community-desk`."""

import sys

from app.cli import main

sys.exit(main())
