"""A printed document read back page by page with poppler's pdftotext (the layout kept)."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest


def pages_of(path: Path) -> list[str]:
    if not shutil.which("pdftotext"):
        if os.environ.get("CI"):
            pytest.fail("pdftotext (poppler) is needed to read the sheet back")
        pytest.skip("pdftotext (poppler) is not installed")
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    count = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, count + 1)
    ]
