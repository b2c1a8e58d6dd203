"""ASCII glyphs and the progress display."""

import io

import numpy as np

from ae_desktop.commands.output import Progress, glyph_rows, glyphs_side_by_side, progress_line


class Report:
    def __init__(self, epoch, status="running"):
        self.epoch, self.epochs, self.status = epoch, 100, status
        self.loss, self.recon_loss, self.kl_loss = 1.0, 1.0, 0.0
        self.learned, self.n_glyphs, self.max_errors, self.seconds = 3, 32, 4, 0.5
        self.n_test, self.test_loss = 0, float("nan")

    @property
    def finished(self):
        return self.status != "running"


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_glyph_rows_threshold_at_half():
    assert glyph_rows(np.array([0.5, 0.49, 1, 0, 0.9, 0.1]), (2, 3)) == ["#.#", ".#."]


def test_side_by_side_wraps_to_width():
    images = np.ones((5, 6))
    text = glyphs_side_by_side(images, (2, 3), [f"g{i}" for i in range(5)], width=12)
    blocks = text.split("\n\n")
    assert len(blocks) == 3 and blocks[0].splitlines() == ["g0   g1", "###  ###", "###  ###"]


def test_terminal_progress_rewrites_one_line():
    stream = Terminal()
    progress = Progress(stream, interval=0.0)
    for epoch in (1, 50):
        progress.update(Report(epoch))
    progress.update(Report(100, "done"))
    text = stream.getvalue()
    assert text.count("\r") == 3 and text.endswith("\n") and text.count("\n") == 1
    assert "epoch 100/100  loss 1  learned 3/32  max errors 4" in text


def test_pipe_progress_prints_a_line_per_tenth():
    stream = io.StringIO()
    progress = Progress(stream)
    for epoch in range(1, 100):
        progress.update(Report(epoch))
    progress.update(Report(100, "done"))
    lines = stream.getvalue().splitlines()
    assert [line.split()[1] for line in lines] == [
        f"{e}/100" for e in (1, 11, 21, 31, 41, 51, 61, 71, 81, 91, 100)
    ]


def test_progress_line_shows_the_test_loss_with_a_split():
    report = Report(5)
    assert "test" not in progress_line(report)
    report.n_test, report.test_loss = 8, 2.5
    assert progress_line(report).startswith("epoch 5/100  loss 1  test loss 2.5  learned 3/32")
