"""File > Export font…: the glyph set as drawn, or the model's reconstructions of it, as
a TrueType, OpenType or BDF font (chosen by the file's extension), with a family name and
a preview of sample text typed in the new font before saving.

The dialog is not modal: it follows the set and the model while it is open (draw a
glyph, watch the preview change), so Save writes what the window shows."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtGui import QFontDatabase, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
)

from ae_desktop.data.font_file import FONT_FORMATS, save_font
from ae_desktop.data.font_glyphs import (
    MAX_FAMILY,
    THRESHOLD,
    FontError,
    FontGlyphs,
    default_family,
)
from ae_desktop.data.font_truetype import outline_font_bytes
from ae_desktop.gui.files.font_preview import FontLoadError, load_font_data, pixel_font, render_text

FORMAT_NAMES = {  # FONT_FORMATS' texts, translated where used
    ".ttf": QT_TRANSLATE_NOOP("ExportFontDialog", "TrueType font"),
    ".otf": QT_TRANSLATE_NOOP("ExportFontDialog", "OpenType font"),
    ".bdf": QT_TRANSLATE_NOOP("ExportFontDialog", "BDF bitmap font"),
}
SAMPLE_LIMIT = 60
PREVIEW_HEIGHT = 28  # screen pixels a glyph is drawn about as tall as
SKIPPED_SHOWN = 12
DRAWN, REBUILT = 0, 1
_preview_names = itertools.count(1)

Choices = tuple[FontGlyphs, FontGlyphs | None]


class ExportFontDialog(QDialog):
    """``choices()`` gives the set's exportable glyphs and the model's reconstructions
    (None without a model that fits), or raises FontError; ``refresh`` reads them again.
    ``default_path(name)`` starts the file chooser; ``saved`` carries the path written."""

    saved = Signal(str)

    def __init__(self, parent, choices: Callable[[], Choices], default_path: Callable[[str], str]):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export font"))
        self.choices, self.default_path = choices, default_path
        self.options: list[FontGlyphs | None] = [None, None]
        self._font_id = -1
        self.source = QComboBox(self)
        self.source.addItems(
            [self.tr("The glyph set as drawn"), self.tr("The model's reconstructions")]
        )
        self.family = QLineEdit(self)
        self.family.setMaxLength(MAX_FAMILY)
        self.sample = QLineEdit(self)
        self.sample.setMaxLength(SAMPLE_LIMIT)
        self.preview = QLabel(self)
        scroll = QScrollArea(self)
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)
        scroll.setMinimumSize(640, PREVIEW_HEIGHT * 2 + 24)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Close, self)
        self.buttons.accepted.connect(self._choose_file)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Export"), self.source)
        form.addRow(self.tr("Family name"), self.family)
        form.addRow(self.tr("Sample text"), self.sample)
        form.addRow(self.tr("Preview"), scroll)
        form.addRow(self.note)
        form.addRow(self.buttons)
        self.source.currentIndexChanged.connect(self._update)
        self.sample.textChanged.connect(self._update)

    @property
    def glyphs(self) -> FontGlyphs | None:
        """The glyphs chosen for export (None when the set cannot be exported now)."""
        return self.options[self.source.currentIndex()]

    def start(self, choices: Choices) -> None:
        """Show the dialog on ``choices``, the family name and sample text reset from
        the set."""
        drawn = choices[0]
        self.family.setText(default_family(drawn.name))
        self.sample.setText("".join(drawn.chars[:SAMPLE_LIMIT]))
        self._set_options(choices)
        self.show()
        self.raise_()
        self.activateWindow()

    def refresh(self) -> None:
        """Read the set and the model again (they changed), while the dialog is shown."""
        if not self.isVisible():
            return
        try:
            self._set_options(self.choices())
        except FontError as exc:
            self.options = [None, None]
            self._update()
            self.note.setText(self.tr("Cannot export: {0}").format(exc))

    def _set_options(self, choices: Choices) -> None:
        self.options = list(choices)
        rebuilt = self.source.model().item(REBUILT)
        rebuilt.setEnabled(choices[1] is not None)
        if choices[1] is None and self.source.currentIndex() == REBUILT:
            self.source.setCurrentIndex(DRAWN)  # updates
        else:
            self._update()

    def _update(self, *args) -> None:
        glyphs = self.glyphs
        self.buttons.button(QDialogButtonBox.Save).setEnabled(glyphs is not None)
        self._drop_font()
        self.preview.clear()
        if glyphs is None:
            return
        count = self.tr("%n characters in a {0} × {1} grid.", "", len(glyphs.chars))
        note = " ".join(
            (
                count.format(glyphs.width, glyphs.height),
                self.tr("Grey pixels are thresholded at {0}: lighter ones are left blank.").format(
                    THRESHOLD
                ),
            )
        )
        if glyphs.skipped:
            shown = ", ".join(repr(s) for s in glyphs.skipped[:SKIPPED_SHOWN])
            more = len(glyphs.skipped) - SKIPPED_SHOWN
            shown += self.tr(" and %n more", "", more) if more > 0 else ""
            note += " " + self.tr("Skipped (not one character, or repeated): {0}.").format(shown)
        self.note.setText(note)
        self._show_preview(glyphs)

    def _show_preview(self, glyphs: FontGlyphs) -> None:
        """The sample text typed in ``glyphs`` made into a font (TrueType, loaded here)."""
        try:
            data = outline_font_bytes(glyphs, f"ae-desktop preview {next(_preview_names)}")
            self._font_id, family = load_font_data(data)
        except FontLoadError as exc:
            self.preview.setText(str(exc))
            return
        scale = max(1, PREVIEW_HEIGHT // glyphs.height)
        font = pixel_font(family, glyphs.height, scale)
        image = render_text(
            font, self.sample.text(), (glyphs.width + 1) * scale, glyphs.height * scale
        )
        self.preview.setPixmap(QPixmap.fromImage(image))

    def _drop_font(self) -> None:
        if self._font_id >= 0:
            QFontDatabase.removeApplicationFont(self._font_id)
            self._font_id = -1

    def _choose_file(self) -> None:
        name = f"{self.family.text().strip() or 'font'}.ttf"
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export font"), self.default_path(name), font_filter()
        )
        if not path:
            return
        if Path(path).suffix.lower() not in FONT_FORMATS:  # the filter's extension
            path += next((s for s in FONT_FORMATS if f"(*{s})" in chosen), ".ttf")
        self.save_to(path)

    def save_to(self, path: str) -> bool:
        """Write the font to ``path``; an error dialog (and the dialog stays open) if not."""
        glyphs = self.glyphs
        if glyphs is None:
            return False
        try:
            save_font(glyphs, path, self.family.text())
        except (FontError, OSError) as exc:
            reason = getattr(exc, "strerror", None) or exc
            QMessageBox.critical(
                self, self.tr("Cannot export font"), f"{Path(path).name}: {reason}"
            )
            return False
        self.saved.emit(path)
        self.accept()
        return True

    def done(self, result: int) -> None:
        self._drop_font()
        self.preview.clear()
        super().done(result)


def font_filter() -> str:
    """The file dialog's filter: one entry per font format, in the language in use."""
    return ";;".join(
        f"{QCoreApplication.translate('ExportFontDialog', FORMAT_NAMES[suffix])} (*{suffix})"
        for suffix in FONT_FORMATS
    )
