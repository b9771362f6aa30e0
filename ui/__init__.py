"""DocManager's desktop app (PySide6): views over the ``docmanager`` core."""
