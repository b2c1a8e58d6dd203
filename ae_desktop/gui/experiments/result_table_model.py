"""A ResultTable's rows as a Qt table model: one row per run, one column per key."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from ae_desktop.engine.experiments import columns

SORT_ROLE = Qt.UserRole  # the raw value, so numbers sort as numbers


class ResultTableModel(QAbstractTableModel):
    """Read-only view of row dicts; missing values show empty."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[dict] = []
        self._columns: list[str] = []

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows, self._columns = list(rows), columns(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        value = self._rows[index.row()].get(self._columns[index.column()])
        if role == SORT_ROLE:  # a missing value is no value: Qt sorts it last
            return float(value) if isinstance(value, (int, float)) else value
        if role == Qt.DisplayRole:
            return _shown(value)
        if role == Qt.TextAlignmentRole and isinstance(value, (int, float)):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def headerData(self, section: int, orientation, role=Qt.DisplayRole):  # noqa: N802
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal:
            return self._columns[section]
        return str(section + 1)


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)
