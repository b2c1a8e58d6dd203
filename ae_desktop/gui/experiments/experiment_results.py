"""An experiment's results: the metric chart, the runs' loss curves and the sortable table,
with the chart's metric and bars, and CSV / PNG / SVG export."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QMenu,
    QMessageBox,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ae_desktop.commands.experiment_output import write_csv
from ae_desktop.commands.output import CommandError
from ae_desktop.engine.experiments import ResultTable, columns
from ae_desktop.gui.experiments.experiment_chart import ChartSpec, LossCurvesChart, SummaryChart
from ae_desktop.gui.experiments.result_table_model import SORT_ROLE, ResultTableModel
from ae_desktop.gui.files.file_menu import PLOT_FILTER, export_plot, translated
from ae_desktop.plots.summary_chart import BARS

NOT_METRICS = ("repeat", "seed", "n_glyphs", "held_out_n")


class ExperimentResults(QWidget):
    """Shows one ResultTable at a time (``show_table``)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table: ResultTable | None = None
        self._chart = ChartSpec("", None, "", "")
        self.chart = SummaryChart(self)
        self.loss_curves = LossCurvesChart(self)
        self.model = ResultTableModel(self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        proxy.setSortRole(SORT_ROLE)
        self.view = QTableView(self)
        self.view.setModel(proxy)
        self.view.setSortingEnabled(True)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.chart, self.tr("Chart"))
        self.tabs.addTab(self.loss_curves, self.tr("Loss curves"))
        self.tabs.addTab(self.view, self.tr("Table"))

        self.metric = QComboBox(self)
        self.metric.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.metric.setMinimumContentsLength(8)
        self.metric.setToolTip(self.tr("The metric the chart shows"))
        self.bars = QComboBox(self)
        for bars in BARS:
            self.bars.addItem("± std" if bars == "std" else bars, bars)
        self.bars.setToolTip(self.tr("Bars over the repeats: smallest to largest, or mean ± std"))
        export_menu = QMenu(self)
        export_menu.addAction(self.tr("Table as CSV…"), self._on_export_csv_triggered)
        export_menu.addAction(self.tr("Chart as PNG or SVG…"), self._on_export_chart_triggered)
        self.export_button = QToolButton(self)
        self.export_button.setText(self.tr("Export"))
        self.export_button.setMenu(export_menu)
        self.export_button.setPopupMode(QToolButton.InstantPopup)
        options = QHBoxLayout()
        options.addWidget(self.metric, 1)
        options.addWidget(self.bars)
        options.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(options)

        self.metric.currentTextChanged.connect(self._on_chart_option_changed)
        self.bars.currentIndexChanged.connect(self._on_chart_option_changed)
        self._enable_exports()

    def show_table(self, table: ResultTable, chart: ChartSpec, curves: list | None = None) -> None:
        """Show ``table`` and chart it as ``chart`` says (the metric can be changed);
        ``curves`` are the runs' loss curves, when the experiment kept them."""
        self.table, self._chart = table, chart
        self.model.set_rows(table.rows)
        self.view.resizeColumnsToContents()
        self.loss_curves.draw(table.rows, curves or [], table.group_by)
        self.tabs.setTabEnabled(self.tabs.indexOf(self.loss_curves), bool(curves))
        metrics = [
            c for c in metric_columns(table.rows) if c not in (*table.group_by, *NOT_METRICS)
        ]
        self.metric.blockSignals(True)
        self.metric.clear()
        self.metric.addItems(metrics)
        metric = chart.metric
        self.metric.setCurrentText(metric if metric in metrics else (metrics or [""])[0])
        self.metric.blockSignals(False)
        self._on_chart_option_changed()
        self._enable_exports()

    def export_csv(self, path: str) -> bool:
        """Write the table's rows to ``path``; an error dialog on failure."""
        try:
            write_csv(path, self.table.rows)
        except CommandError as exc:
            QMessageBox.critical(self, self.tr("Export failed"), str(exc))
            return False
        return True

    def export_chart(self, path: str) -> bool:
        """Write the chart as SVG (a .svg name) or PNG; an error dialog on failure."""
        try:
            export_plot(self.chart.plot_item, path)
        except OSError as exc:
            QMessageBox.critical(self, self.tr("Export failed"), str(exc))
            return False
        return True

    def _enable_exports(self) -> None:
        self.export_button.setEnabled(self.table is not None and bool(self.table.rows))

    def _on_chart_option_changed(self, *args) -> None:
        if self.table is not None:
            spec = self._chart._replace(metric=self.metric.currentText())
            self.chart.draw(self.table, spec, self.bars.currentData())

    def _on_export_csv_triggered(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export results"), "experiment.csv", self.tr("CSV table (*.csv)")
        )
        if path:
            self.export_csv(path)

    def _on_export_chart_triggered(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export chart"), "experiment.png", translated(PLOT_FILTER)
        )
        if path:
            self.export_chart(path)


def metric_columns(rows: list[dict]) -> list[str]:
    """Columns holding a number wherever they have a value (held-out metrics are absent
    when every glyph was trained on)."""
    return [
        name
        for name in columns(rows)
        if all(
            isinstance(row[name], (int, float)) and not isinstance(row[name], bool)
            for row in rows
            if row.get(name) is not None
        )
    ]
