"""The desktop integration files validate with the freedesktop tools (when they are installed)."""

import shutil
import subprocess
from pathlib import Path

import pytest

PACKAGING = Path(__file__).resolve().parents[1] / "packaging"
APP_ID = "io.github.annotator.Annotator"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_entry_validates() -> None:
    result = subprocess.run(["desktop-file-validate", str(PACKAGING / f"{APP_ID}.desktop")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower()


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream not installed")
def test_appstream_metainfo_validates() -> None:
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(PACKAGING / f"{APP_ID}.metainfo.xml")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_spec_bundles_what_the_program_reads() -> None:
    spec = (PACKAGING / "annotator.spec").read_text(encoding="utf-8")
    for needed in ('"resources"', '"seeds"', '"migrations"'):
        assert needed in spec
