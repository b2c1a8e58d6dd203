"""Charts of experiment results drawn with pyqtgraph; imported lazily (it loads Qt)."""
