"""The desktop app: every module that imports Qt lives here."""
