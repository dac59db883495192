"""--debug-dir: each stage's picture and data, so a failed card can be seen."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np


class Debug:
    """Writes stage outputs for one input under DIR/<input stem>/.

    Names are prefixed with a counter so the files sort in stage order."""

    def __init__(self, root: str | Path, source: str):
        stem = re.sub(r"[^\w.-]+", "_", Path(source).name) or "input"
        self.dir = Path(root) / stem
        self.dir.mkdir(parents=True, exist_ok=True)
        self._n = 0

    def _path(self, name: str, suffix: str) -> Path:
        self._n += 1
        safe = re.sub(r"[^\w.-]+", "_", name)
        return self.dir / f"{self._n:02d}-{safe}{suffix}"

    def image(self, name: str, pixels: np.ndarray) -> None:
        import cv2

        cv2.imwrite(str(self._path(name, ".png")), pixels)

    def json(self, name: str, obj: Any) -> None:
        self._path(name, ".json").write_text(json.dumps(obj, ensure_ascii=False, indent=1), encoding="utf-8")
