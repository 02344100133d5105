"""Entry point of the bundled program (PyInstaller runs this file)."""

import multiprocessing

# A large import reads its files in a second process (annotator/import_reader.py), and a large CoNLL or
# Hugging Face export tags its documents in worker processes (annotator/core/formats/parallel.py), started
# with "spawn": in the bundle each is this program again, and freeze_support() makes it run its part and
# exit here, before the app below is imported.
multiprocessing.freeze_support()

from annotator.cli import main  # noqa: E402

raise SystemExit(main())
