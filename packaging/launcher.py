"""The frozen app's entry point: the same program as `community-desk` and `python -m app`."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
