"""How far can any linear estimator from the long-term spectrum get? (part of npm run model:eval)

Under a linear-Gaussian view, a window's octave-band spectrum shape is x = n + e, natural balance n plus
the applied curve's effect e (= -target). The best linear estimate of the target has mean squared error
tr(Se - Se (Se + Sn)^-1 Se), with Se and Sn the covariances of the targets and of natural shapes
(untouched training windows). Scaling the curves by s shows how big curves must be, relative to natural
variation, before "0.75 x the error of doing nothing" is reachable from the spectrum. Prints a table and
writes models/eval/headroom.json."""
import json
import sys
from pathlib import Path

import numpy as np

MODELS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(MODELS / "train"))
from contract import load_contract  # noqa: E402
from data import load_split  # noqa: E402


def octave_shapes(ltas: np.ndarray, contract: dict) -> np.ndarray:
    b = contract["input"]["bands"]
    edges = b["minHz"] * (b["maxHz"] / b["minHz"]) ** (np.arange(b["count"] + 1) / b["count"])
    centres = np.sqrt(edges[:-1] * edges[1:])
    out = []
    for fc in contract["output"]["bandCentersHz"]:
        inside = (centres >= fc / np.sqrt(2)) & (centres < fc * np.sqrt(2))
        out.append(10 * np.log10((10 ** (ltas[:, inside] / 10)).mean(axis=1) + 1e-20))
    x = np.stack(out, axis=1)
    return x - x.mean(axis=1, keepdims=True)


def main() -> None:
    contract = load_contract()
    train = load_split(MODELS / ".cache" / "dataset" / "train")
    untouched = np.array([e["untouched"] for e in train["index"]])
    shapes = octave_shapes(train["ltas"], contract)[untouched]
    tracks = np.array([e["track"] for e in train["index"]])[untouched]
    targets = train["target"][~untouched]
    sn = np.cov(shapes, rowvar=False)
    # Natural variation left once a whole song is averaged: the between-track part only.
    means = np.stack([shapes[tracks == t].mean(axis=0) for t in np.unique(tracks) if (tracks == t).sum() >= 3])
    sn_song = np.cov(means, rowvar=False)
    se = np.cov(targets, rowvar=False)
    rows = []
    for s in (1.0, 1.5, 2.0, 3.0):
        row = {"curveScale": s}
        for name, n in (("window", sn), ("song", sn_song)):
            e = se * s * s
            # Regularise: shapes have zero mean over bands, so the covariances are singular.
            inv = np.linalg.pinv(e + n)
            mse = np.trace(e - e @ inv @ e)
            row[f"{name}MseRatio"] = float(mse / np.trace(e))
            row[f"{name}RmsRatio"] = float(np.sqrt(mse / np.trace(e)))
        rows.append(row)
    result = {
        "naturalStdDb": np.sqrt(np.diag(sn)).round(2).tolist(),
        "naturalStdSongDb": np.sqrt(np.diag(sn_song)).round(2).tolist(),
        "curveStdDb": np.sqrt(np.diag(se)).round(2).tolist(),
        "rows": rows,
    }
    (MODELS / "eval" / "headroom.json").write_text(json.dumps(result, indent=1) + "\n")
    print("natural std per band (dB), window:", result["naturalStdDb"])
    print("natural std per band (dB), song:  ", result["naturalStdSongDb"])
    print("applied-curve std per band (dB):  ", result["curveStdDb"])
    table = [
        "| curve size (x the training curves) | best linear RMS error vs zero, 6 s window | same, whole song |",
        "|---:|---:|---:|",
    ]
    for r in rows:
        table.append(f"| {r['curveScale']:.1f} | {r['windowRmsRatio']:.2f} | {r['songRmsRatio']:.2f} |")
    print("\n".join(table))
    # Rewrite the table in the model card, so its numbers always come from this command.
    card_path = MODELS / "MODEL_CARD.md"
    card = card_path.read_text()
    start, end = "<!-- headroom:start -->", "<!-- headroom:end -->"
    a, b = card.find(start), card.find(end)
    if a >= 0 and b > a:
        card_path.write_text(card[: a + len(start)] + "\n" + "\n".join(table) + "\n" + card[b:])


if __name__ == "__main__":
    main()
