"""Entry point of the bundled program (PyInstaller runs this file)."""

from annotator.cli import main

raise SystemExit(main())
