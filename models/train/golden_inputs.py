"""Fixed, formula-defined model inputs for the ONNX-vs-PyTorch golden. models/eval/golden-inputs.ts
computes the same formula, so no input tensor needs to be committed."""
import math

import numpy as np

CHROMA_FROM = 28  # content columns from here on are pitch-class shares: kept positive


def golden_inputs(bands: int, temporal: int, frames: int, content: int, batch: int = 2):
    b = np.zeros((batch, 1, bands, frames), dtype=np.float32)
    t = np.zeros((batch, frames, temporal), dtype=np.float32)
    rows = max(1, frames // 8)
    c = np.zeros((batch, rows, content), dtype=np.float32)
    for n in range(batch):
        for i in range(bands):
            for j in range(frames):
                b[n, 0, i, j] = 0.5 * math.sin(0.37 * i + 0.11 * j + n) - 0.02 * i * (n + 1) / bands
        for j in range(frames):
            for k in range(temporal):
                t[n, j, k] = 0.3 * math.cos(0.23 * j + k + 0.5 * n)
        for j in range(rows):
            for k in range(content):
                c[n, j, k] = (
                    3 * math.sin(0.19 * k + 0.07 * j + n)
                    if k < CHROMA_FROM
                    else 0.5 + 0.4 * math.cos(0.31 * k + 0.13 * j + n)
                )
    return b, t, c
