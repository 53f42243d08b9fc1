"""Reads a split written by models/prep/dataset-writer.ts: flat float32 files plus index.json."""
import json
from pathlib import Path

import numpy as np


def load_split(directory: Path) -> dict:
    with open(directory / "index.json", encoding="utf-8") as f:
        index = json.load(f)
    n = index["count"]
    out = {"index": index["examples"]}
    for name, shape in index["shapes"].items():
        arr = np.fromfile(directory / f"{name}.f32", dtype="<f4")
        out[name] = arr.reshape([n, *shape])
    return out
