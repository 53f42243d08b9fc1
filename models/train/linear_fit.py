"""The network's linear path, fitted in closed form: ridge regression from the summary
(model.summary_features) to the correction, with its settings chosen by leave-one-package-out
cross-validation.

Rows: every track of the training and validation packages, whole, in random excerpts (6 s to 95 s) and as
6 s windows, each under several random curves or none. Two settings are chosen by cross-validation (each
package in turn predicted by a fit on the others, since the music of a package is what does not carry
over): the ridge strength on the texture statistics, and a separate, weaker one on the spectrum itself (a
common penalty shrinks the spectrum match as much as the prior and measurably hurts whole songs). A
single window hears less of the music than a song, so its suggestion is less certain: a per-band factor,
fitted on the windows' cross-validated predictions, scales the correction of a 6 s input down
(model.EqNet.window_scale)."""
from dataclasses import dataclass

import numpy as np
import torch

from model import summary_features
from tracks import UNTOUCHED_FRACTION, ExampleMaker

SONG, EXCERPT, WINDOW = 0, 1, 2
# (ridge strength on the statistics, how many times weaker the penalty on the spectrum is, as a factor on its
# standardised scale)
GRID = [(lam, spectrum) for lam in (0.3, 1.0, 2.0, 4.0) for spectrum in (1.0, 10.0, 30.0, 100.0, 1000.0)]
# The limit on do-no-harm (dB, issue 12); a setting over it in cross-validation is chosen only if none
# keeps it.
MAX_DO_NO_HARM_DB = 1.2


@dataclass
class Rows:
    x: torch.Tensor  # [n, summary] float64
    y: torch.Tensor  # [n, gains] float64
    untouched: np.ndarray
    kind: np.ndarray
    package: np.ndarray
    weight: np.ndarray  # the package cap's share (tracks.Tracks.weights)


def excerpt_length(rng: np.random.Generator, lo: int, hi: int) -> int:
    return int(round(2 ** rng.uniform(np.log2(lo), np.log2(hi))))


def build_rows(
    maker: ExampleMaker, excerpts: int, curves: int, windows: int, max_frames: int, use_content: bool
) -> Rows:
    rng, frames = maker.rng, maker.contract["input"]["windowFrames"]
    hop_s = maker.contract["input"]["hopSize"] / maker.contract["input"]["sampleRateHz"]
    weights = maker.tracks.weights(hop_s)
    xs, ys, us, kinds, pkgs, ws = [], [], [], [], [], []
    for i, n in enumerate(maker.tracks.lengths):
        n = int(n)
        picks = [(maker.excerpt(i, 0, n), SONG, curves)]
        for _ in range(excerpts):
            length = min(n, excerpt_length(rng, frames, max_frames))
            picks.append((maker.excerpt(i, int(rng.integers(0, n - length + 1)), length), EXCERPT, curves))
        for _ in range(windows):
            picks.append(
                (maker.excerpt(i, int(rng.integers(0, n - frames + 1)), frames), WINDOW, max(1, curves // 4))
            )
        for e, kind, k in picks:
            u = rng.random(k) < UNTOUCHED_FRACTION
            bands, temporal, content, target = maker.make([e] * k, untouched=u, noise=False)
            with torch.no_grad():
                xs.append(summary_features(bands, temporal, content if use_content else None).double())
            ys.append(target.double())
            us.append(u)
            kinds.append(np.full(k, kind))
            pkgs.append(np.full(k, maker.tracks.packages[i], dtype=object))
            ws.append(np.full(k, weights[i]))
    return Rows(
        torch.cat(xs),
        torch.cat(ys),
        np.concatenate(us),
        np.concatenate(kinds),
        np.concatenate(pkgs),
        np.concatenate(ws),
    )


def concat(a: Rows, b: Rows) -> Rows:
    return Rows(
        torch.cat([a.x, b.x]),
        torch.cat([a.y, b.y]),
        np.concatenate([a.untouched, b.untouched]),
        np.concatenate([a.kind, b.kind]),
        np.concatenate([a.package, b.package]),
        np.concatenate([a.weight, b.weight]),
    )


@dataclass
class LinearFit:
    mean: torch.Tensor
    scale: torch.Tensor  # standardisation, with the spectrum's weaker penalty folded in
    weight: torch.Tensor  # [summary, gains]
    bias: torch.Tensor

    def predict(self, x: torch.Tensor) -> torch.Tensor:
        p = ((x - self.mean) / self.scale) @ self.weight + self.bias
        return p - p.mean(dim=1, keepdim=True)


@dataclass
class Moments:
    """Sums over rows that a ridge fit needs, so that leaving a package out is a subtraction."""

    n: float
    sx: torch.Tensor
    sy: torch.Tensor
    sxx: torch.Tensor
    sxy: torch.Tensor

    @staticmethod
    def of(x: torch.Tensor, y: torch.Tensor, w: np.ndarray) -> "Moments":
        """Weighted sums (the package cap's weights)."""
        wt = torch.from_numpy(w).to(x.dtype)[:, None]
        return Moments(float(wt.sum()), (x * wt).sum(0), (y * wt).sum(0), (x * wt).T @ x, (x * wt).T @ y)

    def __sub__(self, o: "Moments") -> "Moments":
        return Moments(self.n - o.n, self.sx - o.sx, self.sy - o.sy, self.sxx - o.sxx, self.sxy - o.sxy)


def fit(m: Moments, lam: float, spectrum: float, bands: int) -> LinearFit:
    """Ridge on standardised features, lam per row (independent of the row count). The first `bands`
    features (the spectrum) are scaled up by `spectrum`, which divides their penalty by its square. A
    feature that hardly varies (the mean of the normalised rmsDb is 0 by construction) keeps scale 1, so
    that rounding noise in it is not blown up into the output."""
    mean, ym = m.sx / m.n, m.sy / m.n
    cxx = m.sxx / m.n - torch.outer(mean, mean)
    cxy = m.sxy / m.n - torch.outer(mean, ym)
    std = torch.sqrt(torch.clamp(torch.diagonal(cxx), min=0))
    scale = torch.where(std > 1e-4, std, torch.ones_like(std))
    scale[:bands] /= spectrum
    a = cxx / torch.outer(scale, scale)
    b = cxy / scale.unsqueeze(1)
    w = torch.linalg.solve(a + lam * torch.eye(len(a), dtype=a.dtype), b)
    return LinearFit(mean, scale, w, ym)


def window_factor(pred: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Per band, the least-squares factor from a window's prediction to the target."""
    return (pred * y).sum(0) / torch.clamp((pred * pred).sum(0), min=1e-9)


def ratio(pred: torch.Tensor, rows: Rows, kind: int, among: np.ndarray | None = None) -> tuple[float, float]:
    """Error ratio to doing nothing on EQ'd rows of a kind (among the rows selected), and do-no-harm (dB) on
    its untouched rows."""
    selected = rows.kind == kind if among is None else (rows.kind == kind) & among
    eqd = torch.from_numpy(selected & ~rows.untouched)
    flat = torch.from_numpy(selected & rows.untouched)
    err = (pred[eqd] - rows.y[eqd]).abs().mean() / rows.y[eqd].abs().mean()
    return float(err), float(pred[flat].abs().mean())


def figure(v: float, digits: int) -> float | None:
    """Rounded for the training log; None where a tiny run had no rows of a kind (NaN is not JSON)."""
    return round(v, digits) if v == v else None


def cross_validate(rows: Rows, lam: float, spectrum: float, bands: int, total: Moments, parts: dict):
    """Leave-one-package-out predictions (windows scaled by their fold's factor) and the mean factor."""
    pred = torch.zeros_like(rows.y)
    factors = []
    windows = torch.from_numpy(rows.kind == WINDOW)
    for pkg, part in parts.items():
        held = torch.from_numpy(rows.package == pkg)
        f = fit(total - part, lam, spectrum, bands)
        inner = windows & ~held
        s = window_factor(f.predict(rows.x[inner]), rows.y[inner])
        p = f.predict(rows.x[held])
        p[windows[held]] *= s
        pred[held] = p
        factors.append(s)
    return pred, torch.stack(factors).mean(0)


def choose_and_fit(
    rows: Rows, bands: int, log: list, max_harm: float = MAX_DO_NO_HARM_DB
) -> tuple[LinearFit, torch.Tensor, dict]:
    """Cross-validates the grid, keeps the setting with the lowest song plus window error ratio among those
    whose do-no-harm stays within the limit, and fits it on all rows."""
    parts = {}
    for pkg in sorted(set(rows.package)):
        held = torch.from_numpy(rows.package == pkg)
        parts[pkg] = Moments.of(rows.x[held], rows.y[held], rows.weight[held.numpy()])
    total = Moments.of(rows.x, rows.y, rows.weight)
    best = None
    least_harm = None
    for lam, spectrum in GRID:
        pred, factor = cross_validate(rows, lam, spectrum, bands, total, parts)
        (song, song_harm), (window, window_harm) = ratio(pred, rows, SONG), ratio(pred, rows, WINDOW)
        entry = {
            "lambda": lam,
            "spectrumPenaltyFactor": spectrum,
            "cvSongRatio": figure(song, 4),
            "cvSongDoNoHarmDb": figure(song_harm, 3),
            "cvWindowRatio": figure(window, 4),
            "cvWindowDoNoHarmDb": figure(window_harm, 3),
        }
        log.append(entry)
        print(entry, flush=True)
        # A kind without untouched rows (only in tiny runs) has no do-no-harm figure (NaN) to hold back.
        allowed = all(h <= max_harm for h in (song_harm, window_harm) if h == h)
        harm = max(h for h in (song_harm, window_harm, 0.0) if h == h)
        if least_harm is None or harm < least_harm[0]:
            least_harm = (harm, lam, spectrum, factor, entry)
        if allowed and (best is None or song + window < best[0]):
            best = (song + window, lam, spectrum, factor, entry)
            # How much the held-out package matters: each package's songs, predicted from the others.
            entry["cvSongRatioByPackage"] = {
                pkg: figure(ratio(pred, rows, SONG, rows.package == pkg)[0], 3) for pkg in parts
            }
    if best is None:
        print(
            f"no setting keeps do-no-harm within {max_harm} dB in cross-validation:"
            " the least harmful one is kept",
            flush=True,
        )
        best = least_harm
        best[4]["doNoHarmLimitMissed"] = True
    _, lam, spectrum, factor, entry = best
    return fit(total, lam, spectrum, bands), factor, entry
