"""Files: the File menu's actions, imports, recent files, autosave and crash recovery."""
