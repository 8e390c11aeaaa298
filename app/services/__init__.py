"""Use cases over storage, networks and credentials: what the UI and the CLI both call."""
