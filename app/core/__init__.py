"""Plain dataclasses and pure functions. No I/O, no Qt: safe in tests, the CLI and workers."""
