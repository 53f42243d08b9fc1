"""How far can an estimator from the long-term spectrum get, and how much does knowing the music help?
(part of npm run model:eval)

Under a linear-Gaussian view, a song's octave-band shape is x = n + e: its natural balance n plus the
applied curve's effect e (= -target). The best linear estimate of the target from x has mean squared error
tr(Se - Se (Se + Sn)^-1 Se), with Se and Sn the covariances of the targets and of the natural shapes, and
on untouched music it suggests W n (W = Se (Se + Sn)^-1), whose size is its do-no-harm. A content prior (a
guess of n from what an EQ cannot change) shrinks Sn to the covariance of its residual. This script measures:

1. the content prior: a ridge regression from EQ-invariant statistics of the windows (the same ones the
   network computes: each band's spread, flux and correlation with its neighbours, plus the EQ-invariant
   temporal features) to the natural shape, fitted on the training packages and scored (R^2) on the test
   packages, per window and per song;
2. the best linear estimator's error ratio to doing nothing and its do-no-harm, with and without that
   prior, for the training curves and for curves scaled down and up; this oracle uses the test packages'
   own covariances, so next to it, the same estimator fitted on the training split and scored on the test
   windows shows how much the change of music between packages costs.

Prints the tables and writes models/eval/headroom.json and the tables in MODEL_CARD.md."""
import json
import sys
from pathlib import Path

import numpy as np
import torch

MODELS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(MODELS / "train"))
from contract import load_contract  # noqa: E402
from data import load_split  # noqa: E402
from model import texture_statistics  # noqa: E402

# sqrt(2/pi): the mean absolute value of a zero-mean Gaussian per unit of standard deviation.
GAUSS_MAE = 0.7979
RIDGE = 100.0


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


def invariant_stats(split: dict) -> np.ndarray:
    """Per window: statistics an EQ (a constant per band) cannot change: the network's own texture
    statistics, and the temporal features except the spectral centroid, which an EQ moves."""
    x = split["bands"][:, 0]
    with torch.no_grad():
        texture = texture_statistics(torch.from_numpy(x - x.mean(axis=2, keepdims=True))).numpy()
    t = split["temporal"][:, :, :3]
    return np.concatenate([texture, t.mean(axis=1), t.std(axis=1)], axis=1)


def natural_shapes(split: dict, contract: dict) -> np.ndarray:
    """The music's own octave shape: the observed one minus the applied curve's (both mean-removed)."""
    applied = split["applied"] - split["applied"].mean(axis=1, keepdims=True)
    return octave_shapes(split["ltas"], contract) - applied


def ridge(x: np.ndarray, y: np.ndarray, lam: float):
    mu, sd = x.mean(axis=0), x.std(axis=0) + 1e-6
    xn = (x - mu) / sd
    w = np.linalg.solve(xn.T @ xn + lam * np.eye(x.shape[1]), xn.T @ (y - y.mean(axis=0)))
    return lambda z: ((z - mu) / sd) @ w + y.mean(axis=0)


def by_track(values: np.ndarray, tracks: np.ndarray, min_count: int = 3) -> np.ndarray:
    return np.stack([values[tracks == t].mean(axis=0) for t in np.unique(tracks) if (tracks == t).sum() >= min_count])


def r2(pred: np.ndarray, y: np.ndarray) -> float:
    return float(1 - ((y - pred) ** 2).sum() / ((y - y.mean(axis=0)) ** 2).sum())


def linear_bound(se: np.ndarray, sn: np.ndarray) -> tuple[float, float]:
    """RMS error ratio to doing nothing, and expected do-no-harm (dB), of the best linear estimator."""
    w = se @ np.linalg.pinv(se + sn)  # shapes have zero mean over bands: the covariances are singular
    mse = np.trace(se - w @ se)
    harm = GAUSS_MAE * np.sqrt(np.diag(w @ sn @ w.T)).mean()
    return float(np.sqrt(mse / np.trace(se))), float(harm)


def main() -> None:
    contract = load_contract()
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else MODELS / ".cache" / "dataset"
    train, test = load_split(data / "train"), load_split(data / "test")
    tracks = {name: np.array([e["track"] for e in s["index"]]) for name, s in (("train", train), ("test", test))}
    nat_train, nat_test = natural_shapes(train, contract), natural_shapes(test, contract)
    prior = ridge(invariant_stats(train), nat_train, RIDGE)
    guess_test = prior(invariant_stats(test))
    residual = nat_test - guess_test
    prior_fit = {
        "windowR2": r2(guess_test, nat_test),
        "songR2": r2(by_track(guess_test, tracks["test"]), by_track(nat_test, tracks["test"])),
    }
    untouched = np.array([e["untouched"] for e in train["index"]])
    targets = train["target"][~untouched]
    se = np.cov(targets, rowvar=False)
    natural = {
        "window": np.cov(nat_test, rowvar=False),
        # Natural variation left once a whole song is averaged: the between-track part only.
        "song": np.cov(by_track(nat_test, tracks["test"]), rowvar=False),
    }
    after_prior = {
        "window": np.cov(residual, rowvar=False),
        "song": np.cov(by_track(residual, tracks["test"]), rowvar=False),
    }
    # The realisable counterpart: a ridge regression from the window's 40-band spectrum (the network's
    # linear input) to the target, fitted on the training split, scored on the test split's EQ'd windows.
    fitted = ridge(train["ltas"], train["target"], RIDGE)
    eqd_test = ~np.array([e["untouched"] for e in test["index"]])
    guess = fitted(test["ltas"][eqd_test])
    guess -= guess.mean(axis=1, keepdims=True)
    y = test["target"][eqd_test]
    fitted_ratio = float(np.sqrt(((guess - y) ** 2).sum() / (y**2).sum()))
    rows = []
    for s in (0.5, 1.0, 1.5):
        row = {"curveScale": s}
        for unit in ("window", "song"):
            for label, sn in (("", natural[unit]), ("WithPrior", after_prior[unit])):
                ratio, harm = linear_bound(se * s * s, sn)
                row[f"{unit}{label}RmsRatio"] = ratio
                row[f"{unit}{label}DoNoHarmDb"] = harm
        rows.append(row)
    result = {
        "naturalStdDb": np.sqrt(np.diag(natural["window"])).round(2).tolist(),
        "naturalStdSongDb": np.sqrt(np.diag(natural["song"])).round(2).tolist(),
        "residualStdSongDb": np.sqrt(np.diag(after_prior["song"])).round(2).tolist(),
        "curveStdDb": np.sqrt(np.diag(se)).round(2).tolist(),
        "contentPrior": prior_fit,
        "fittedLinearWindowRmsRatio": fitted_ratio,
        "rows": rows,
    }
    (MODELS / "eval" / "headroom.json").write_text(json.dumps(result, indent=1) + "\n")
    print("natural std per band (dB), test windows:", result["naturalStdDb"])
    print("natural std per band (dB), test songs:  ", result["naturalStdSongDb"])
    print("applied-curve std per band (dB):        ", result["curveStdDb"])
    print(f"content prior R^2 on test packages: windows {prior_fit['windowR2']:.2f}, songs {prior_fit['songR2']:.2f}")
    print(f"linear estimator fitted on the training split, test windows: RMS ratio to zero {fitted_ratio:.2f}")
    table = [
        "| curve size (x the training curves) | song: ratio to zero | song: do-no-harm (dB) "
        "| song, with the prior: ratio | do-no-harm (dB) | window: ratio | window, with the prior: ratio |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        table.append(
            f"| {r['curveScale']:.1f} | {r['songRmsRatio']:.2f} | {r['songDoNoHarmDb']:.2f} "
            f"| {r['songWithPriorRmsRatio']:.2f} | {r['songWithPriorDoNoHarmDb']:.2f} "
            f"| {r['windowRmsRatio']:.2f} | {r['windowWithPriorRmsRatio']:.2f} |"
        )
    table += [
        "",
        f"Content prior (ridge from EQ-invariant statistics, fitted on the training packages): R² "
        f"{prior_fit['windowR2']:.2f} for the natural shape of a test window, {prior_fit['songR2']:.2f} for a "
        f"test song. Natural std per band on test songs (dB): {', '.join(f'{v:.1f}' for v in result['naturalStdSongDb'])}; "
        f"left after the prior: {', '.join(f'{v:.1f}' for v in result['residualStdSongDb'])}; "
        f"training curves: {', '.join(f'{v:.1f}' for v in result['curveStdDb'])}.",
        "",
        f"The same linear estimator fitted on the training split (ridge from the 40-band spectrum) instead of "
        f"the test packages' covariances: RMS ratio {fitted_ratio:.2f} on the test windows (oracle, row 1.0: "
        f"{rows[1]['windowRmsRatio']:.2f}).",
    ]
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
