"""``python -m ae_desktop``: the same as the ``ae-desktop`` command."""

import sys

from ae_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
