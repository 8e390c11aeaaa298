"""One module per network behind one Connector protocol. The only place that uses httpx."""
