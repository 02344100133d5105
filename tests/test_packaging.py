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


def test_system_packages_missing_without_root_print_the_one_apt_line(tmp_path: Path) -> None:
    fake = tmp_path / "bin"
    fake.mkdir()
    for name, body in (("dpkg-query", "exit 1"), ("id", "echo 1000"), ("sudo", "exit 1")):
        (fake / name).write_text(f"#!/bin/sh\n{body}\n")
        (fake / name).chmod(0o755)
    script = PACKAGING / "system-packages.sh"
    result = subprocess.run(["bash", str(script), "test"], capture_output=True, text=True, timeout=30,
                            env={"PATH": f"{fake}:/usr/bin:/bin"})
    assert result.returncode == 1
    assert "sudo apt-get update && sudo apt-get install -y --no-install-recommends libgl1" in result.stderr
    assert "postgresql" in result.stderr and "run the same make command again" in result.stderr
