"""The glyph set being edited: its document and undo commands, the glyph panel, the pixel and curve editors, new-set dialogs."""
