"""Implementations of the command-line subcommands (see ae_desktop.cli)."""
