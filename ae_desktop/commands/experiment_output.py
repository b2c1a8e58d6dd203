"""What ``sweep`` and ``study`` print and write: run lines, a summary table, CSV, JSON, PNG."""

from __future__ import annotations

import csv
import io
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

from ae_desktop.commands.output import (
    CommandError,
    check_writable,
    printable,
    save_output,
    write_json,
)
from ae_desktop.commands.parser import PROG
from ae_desktop.engine.experiments import ClusterError, ResultTable, columns, on_scheduler


def add_scheduler_option(p) -> None:
    p.add_argument(
        "--scheduler",
        metavar="tcp://HOST:8786",
        help="run on the workers of this Dask scheduler (needs the 'cluster' extra: "
        'pip install "ae-desktop[cluster]"; see docs/CLUSTER.md)',
    )


@contextmanager
def experiment_runs(args) -> Iterator[threading.Event]:
    """The cancel event of an experiment, set by Ctrl+C; inside, runs go to the Dask
    scheduler ``args.scheduler`` when given (a problem with it: CommandError)."""
    try:
        with on_scheduler(args.scheduler) if args.scheduler else nullcontext():
            cancel = threading.Event()
            with _interrupt_sets(cancel):
                yield cancel
    except ClusterError as exc:
        raise CommandError(str(exc)) from None


@contextmanager
def _interrupt_sets(cancel: threading.Event) -> Iterator[None]:
    """The first Ctrl+C sets ``cancel`` (finished runs are kept); a second one interrupts."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupted(signum, frame) -> None:
        cancel.set()
        signal.signal(signal.SIGINT, previous)
        print(f"{PROG}: stopping: finished runs are kept (Ctrl+C again to quit)", file=sys.stderr)

    previous = signal.signal(signal.SIGINT, interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def interrupted_status(table: ResultTable, planned: int) -> int:
    """Exit status 0, or for a cancelled experiment 130 after saying what was kept."""
    if not table.cancelled:
        return 0
    from ae_desktop.cli import EXIT_INTERRUPTED

    print(f"{PROG}: interrupted: {len(table.rows)} of {planned} runs finished", file=sys.stderr)
    return EXIT_INTERRUPTED


def check_outputs(args) -> None:
    """Fail before any run on an output path that cannot be written."""
    for path, what in ((args.csv, "CSV file"), (args.json, "JSON file"), (args.plot, "chart file")):
        check_writable(path, what)


def run_printer(quiet: bool, describe):
    """A progress callback printing ``[done/total] describe(index): metrics`` per run."""
    if quiet:
        return None

    def progress(done: int, total: int, index: int, outcome) -> None:
        m = outcome.metrics
        print(
            f"[{done}/{total}] {printable(describe(index))}: "
            f"learned {m['learned']}/{m['n_glyphs']}, "
            f"max {m['max_errors']} wrong, loss {m['final_loss']:.4g}, "
            f"{m['epochs_run']} epochs, {m['seconds']:.2f}s ({m['status']})",
            flush=True,
        )

    return progress


def summary_lines(table: ResultTable, metrics: list[str]) -> list[str]:
    """An aligned table: one line per group, ``mean [min, max]`` of each metric."""
    present = [m for m in metrics if table.has(m)]
    by_group = [{tuple(g[k] for k in table.group_by): g for g in table.summary(m)} for m in present]
    groups = list(dict.fromkeys(tuple(row[k] for k in table.group_by) for row in table.rows))
    lines = [[*table.group_by, "n", *present]]
    for group in groups:
        stats = [summary.get(group) for summary in by_group]
        cells = [_number(v) for v in group] + [str(max(s["n"] for s in stats if s))]
        cells += [
            f"{_number(s['mean'])} [{_number(s['min'])}, {_number(s['max'])}]" if s else "-"
            for s in stats
        ]
        lines.append(cells)
    widths = [max(len(line[k]) for line in lines) for k in range(len(lines[0]))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip() for line in lines]


def write_outputs(
    args, table: ResultTable, document: dict, x: str, series: str | None, title: str
) -> None:
    """--csv (one row per run), --json (``document`` plus rows and statistics of every
    numeric column) and --plot (``args.metric`` against ``x``, a line per ``series``;
    SVG for a .svg name, else PNG)."""
    if args.csv:
        write_csv(args.csv, table.rows)
    if args.json:
        write_json(args.json, document)
    if args.plot:
        from ae_desktop.plots.summary_chart import summary_image  # loads Qt: only here

        try:
            image = summary_image(
                table.summary(args.metric),
                x,
                args.metric,
                series,
                title,
                svg=args.plot.lower().endswith(".svg"),
            )
        except KeyError as exc:
            raise CommandError(f"cannot plot: {printable(exc.args[0])}") from None
        save_output(args.plot, image, "chart file")
        print(f"wrote {printable(args.plot)}")


def write_csv(path: str, rows: list[dict]) -> None:
    """Rows as CSV with a header line; a value missing from a row is left empty."""
    stream = io.StringIO(newline="")
    writer = csv.DictWriter(stream, columns(rows), restval="")
    writer.writeheader()
    writer.writerows(rows)
    save_output(path, stream.getvalue().encode("utf-8", "backslashreplace"), "CSV file")


def _number(value) -> str:
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() and abs(value) < 1e7 else f"{value:.4g}"
    return "none" if value is None else printable(value)
