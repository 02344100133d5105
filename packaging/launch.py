"""Entry point of the bundled program (PyInstaller runs this file)."""

import multiprocessing

# A large import reads its files in a second process (annotator/import_reader.py), started with "spawn":
# in the bundle that process is this program again, and freeze_support() makes it run the reader and
# exit here, before the app below is imported.
multiprocessing.freeze_support()

from annotator.cli import main  # noqa: E402

raise SystemExit(main())
