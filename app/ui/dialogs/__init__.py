"""Dialogs: adding accounts, and the first-run welcome."""
