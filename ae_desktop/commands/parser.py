"""argparse with one-line errors, and the desktop app's own options (parsed without Qt)."""

from __future__ import annotations

import argparse

from ae_desktop.commands.output import printable

PROG = "ae-desktop"
EXIT_USAGE = 2
MESSAGE_LIMIT = 200


def one_line(message: str, limit: int = MESSAGE_LIMIT) -> str:
    """``message`` as one terminal line: unprintable characters escaped, cut to
    about ``limit`` characters."""
    text = printable(" ".join(str(message).split("\n")))
    return text if len(text) <= limit else text[: limit - 3] + "..."


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line naming the problem."""

    def error(self, message: str):
        self.exit(EXIT_USAGE, f"{PROG}: error: {one_line(message)} (see {self.prog} --help)\n")


def gui_parser() -> argparse.ArgumentParser:
    """The options of the desktop app (no command): ``--screenshot PNG [--demo]``."""
    parser = OneLineParser(prog=PROG, description="Autoencoder desktop app")
    parser.add_argument(
        "--screenshot",
        metavar="PNG",
        help="start offscreen, save a grab of the window to PNG and exit",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="with --screenshot: train on font3, draw a glyph and pick a latent point first",
    )
    return parser
