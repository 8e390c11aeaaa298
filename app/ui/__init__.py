"""Qt widgets, item models, dialogs and the tray: the only package that imports PySide6."""
