"""Fits the structured model (structured.py) in closed form, its settings chosen by leave-one-package-out
cross-validation over the training and validation packages.

1. Rows of natural music: every track whole, in excerpts of 6-95 s, in 6 s windows and in 1.5 s clips,
   each with what an EQ cannot change (z), its natural octave balance (n) and the seconds heard. Tracks
   are weighted so that each package counts with at most an hour of music.
2. The content prior: ridge regression from the standardised z to n. Its strength is chosen by how well
   each package's balance is predicted from the others; the out-of-package residuals give, per duration
   knot, the scale of the Student-t that says how far songs stray from the prior, and its 10 % and 90 %
   points per band.
3. The curve posterior's settings (the t's degrees of freedom, the prior mass of "nothing", the weight of
   one-problem curves, a factor on the residual's scale and how far its covariance is shrunk toward a
   smooth structure) are chosen on the same out-of-package residuals with simulated curves: the
   evaluation's random curves (20 % untouched) for the error and do-no-harm, and the response check's six
   problems for the response. The packages are dealt into folds, and each fold's rows are judged with the
   residual's scale measured on the other folds: measured on the rows it judges, a 39 x 39 scale fits
   their own deviations and the figures come out far too good.
4. The embedding: the 32 leading principal directions of z over the songs, scaled to unit variance, so
   every value carries information about the music."""
import time
from dataclasses import dataclass, field

import numpy as np
import torch

from structured import (
    StructuredEq,
    bank_log_prior,
    invariant_inputs,
    knots_log2,
    residual_covariance,
    sorted_bank,
    weighted_quantile,
)
import invariance
from tracks import ExampleMaker, UNTOUCHED_FRACTION, normalise

SONG, EXCERPT, WINDOW, CLIP = 0, 1, 2, 3
KIND_NAMES = {SONG: "song", EXCERPT: "excerpt", WINDOW: "window", CLIP: "clip"}
# Knots of the duration dependence: 1.5 s to 384 s, a factor 4 apart.
KNOT_SECONDS = [1.5, 6.0, 24.0, 96.0, 384.0]
CLIP_FRAMES = 32  # 1.5 s
PRIOR_RIDGE = [10.0, 30.0, 100.0, 300.0, 1000.0, 3000.0]
NU = [5.0, 10.0, 30.0, 100.0]
ZERO_MASS = [0.02, 0.05, 0.1, 0.2, 0.35]
SINGLE_SHARE = [0.0, 0.33]
SCALE = [0.8, 1.0, 1.25, 1.6, 2.0, 2.5]
SHRINK = [0.1, 0.3, 0.6, 1.0]
# Packages are dealt into this many folds: the residual's scale for one fold's rows is measured on the others.
FOLDS = 4
# The quick search (train.py --search quick): one round over fewer values around the full search's start,
# about 8 settings instead of up to 40 (each costs a minute or more on this machine).
QUICK = {
    "priorRidge": [30.0, 100.0, 300.0],
    "nu": [10.0, 30.0],
    "zeroMass": [0.05, 0.1, 0.2],
    "singleShare": [0.0, 0.33],
    "scale": [0.8, 1.0, 1.25],
    "shrink": [0.3],
}
MAX_DO_NO_HARM_DB = 1.2
EMBEDDING = 32


@dataclass
class NaturalRows:
    z: torch.Tensor  # [n, Dz] float64
    n: torch.Tensor  # [n, d] natural band levels as the model observes them, dB, mean removed
    rows: torch.Tensor  # [n] content rows heard
    kind: np.ndarray
    package: np.ndarray
    weight: np.ndarray  # the package cap's share
    ltas: torch.Tensor = field(default=None)  # [n, 40] absolute dB, for the curves' floor


def excerpt_length(rng: np.random.Generator, lo: int, hi: int) -> int:
    return int(round(2 ** rng.uniform(np.log2(lo), np.log2(hi))))


def natural_rows(
    maker: ExampleMaker, model: StructuredEq, excerpts: int, windows: int, clips: int, max_frames: int
) -> NaturalRows:
    rng, frames = maker.rng, maker.contract["input"]["windowFrames"]
    hop_s = maker.contract["input"]["hopSize"] / maker.contract["input"]["sampleRateHz"]
    weights = maker.tracks.weights(hop_s)
    zs, ns, rows, kinds, pkgs, ws, ltas = [], [], [], [], [], [], []
    for i, n in enumerate(maker.tracks.lengths):
        n = int(n)
        picks = [(0, n, SONG)]
        for _ in range(excerpts):
            length = min(n, excerpt_length(rng, frames, max_frames))
            picks.append((int(rng.integers(0, n - length + 1)), length, EXCERPT))
        picks += [(int(rng.integers(0, n - frames + 1)), frames, WINDOW) for _ in range(windows)]
        picks += [(int(rng.integers(0, n - CLIP_FRAMES + 1)), CLIP_FRAMES, CLIP) for _ in range(clips)]
        for start, length, kind in picks:
            b, t, c = maker.excerpt(i, start, length)
            bands, temporal = normalise(torch.from_numpy(b[None]), torch.from_numpy(t[None]), maker.contract)
            content = torch.from_numpy(c[None])
            with torch.no_grad():
                zs.append(invariant_inputs(bands, temporal, content if model.use_content else None).double())
                ns.append(model.observation(bands).double())
            ltas.append(torch.from_numpy(b.mean(axis=0)).double())
            rows.append(len(c))
            kinds.append(kind)
            pkgs.append(maker.tracks.packages[i])
            ws.append(weights[i])
    return NaturalRows(
        torch.cat(zs),
        torch.cat(ns),
        torch.tensor(rows, dtype=torch.float64),
        np.array(kinds),
        np.array(pkgs, dtype=object),
        np.array(ws),
        torch.stack(ltas),
    )


def concat(a: NaturalRows, b: NaturalRows) -> NaturalRows:
    return NaturalRows(
        torch.cat([a.z, b.z]),
        torch.cat([a.n, b.n]),
        torch.cat([a.rows, b.rows]),
        np.concatenate([a.kind, b.kind]),
        np.concatenate([a.package, b.package]),
        np.concatenate([a.weight, b.weight]),
        torch.cat([a.ltas, b.ltas]),
    )


def standardise(z: torch.Tensor, w: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
    wt = torch.from_numpy(w / w.sum())
    mean = (z * wt[:, None]).sum(0)
    std = torch.sqrt(((z - mean) ** 2 * wt[:, None]).sum(0))
    # A statistic that hardly varies keeps scale 1, so rounding noise in it is not blown up.
    return mean, torch.where(std > 1e-4, std, torch.ones_like(std))


def ridge(zs: torch.Tensor, y: torch.Tensor, w: np.ndarray, lam: float) -> tuple[torch.Tensor, torch.Tensor]:
    """Weighted ridge on standardised inputs; lam per unit of total weight (independent of the row count)."""
    wt = torch.from_numpy(w / w.sum())
    xm = (zs * wt[:, None]).sum(0)
    ym = (y * wt[:, None]).sum(0)
    xc, yc = zs - xm, y - ym
    a = (xc * wt[:, None]).T @ xc
    coef = torch.linalg.solve(a + lam / 1000 * torch.eye(len(a), dtype=a.dtype), (xc * wt[:, None]).T @ yc)
    return coef, ym - xm @ coef


def out_of_package(zs: torch.Tensor, y: torch.Tensor, rows: NaturalRows, lam: float) -> torch.Tensor:
    pred = torch.zeros_like(y)
    for pkg in sorted(set(rows.package)):
        held = rows.package == pkg
        coef, bias = ridge(zs[~held], y[~held], rows.weight[~held], lam)
        p = zs[held] @ coef + bias
        pred[torch.from_numpy(held)] = p - p.mean(dim=1, keepdim=True)
    return pred


def prior_inputs(model: StructuredEq, rows: NaturalRows, invariance_data: list):
    """The content prior's inputs: each invariant input standardised over the rows, only those a real EQ
    hardly moves (invariance.py) kept. -> mean, scale, keep (mask), zs [n, kept], each input's sensitivity."""
    mean, scale = standardise(rows.z, rows.weight)
    sens = invariance.sensitivity(model, invariance_data)
    keep = torch.from_numpy(sens < invariance.MAX_SENSITIVITY)
    print(
        f"content prior: {int(keep.sum())} of {len(keep)} inputs kept"
        f" (sensitivity under {invariance.MAX_SENSITIVITY})",
        flush=True,
    )
    return mean, scale, keep, ((rows.z - mean) / scale)[:, keep], sens


def prior_error(pred: torch.Tensor, rows: NaturalRows) -> dict:
    """Weighted mean squared error (dB², over the observed bands) of guesses of the natural balance, on the
    songs and on the 6 s windows."""
    err = {}
    for kind in (SONG, WINDOW):
        sel = rows.kind == kind
        w = torch.from_numpy(rows.weight[sel])
        err[kind] = float((((pred[sel] - rows.n[sel]) ** 2).mean(1) * w).sum() / w.sum())
    return err


def prior_ridge_search(
    zs: torch.Tensor, rows: NaturalRows, quick: bool, log: list, toward_truth: float = 0.0
) -> tuple[float, torch.Tensor, dict]:
    """The content prior's ridge strength with the least out-of-package error on songs and windows (each
    strength's figures appended to `log`) -> the strength, its out-of-package guesses (moved `toward_truth`
    of the way to the truth, as fit says) and their errors (prior_error)."""
    best = None
    total = float(((rows.n - rows.n.mean(0)) ** 2).mean())
    for lam in QUICK["priorRidge"] if quick else PRIOR_RIDGE:
        pred = out_of_package(zs, rows.n, rows, lam)
        pred = pred + toward_truth * (rows.n - pred)
        err = prior_error(pred, rows)
        entry = {
            "priorRidge": lam,
            "songResidualDb": round(err[SONG] ** 0.5, 3),
            "windowResidualDb": round(err[WINDOW] ** 0.5, 3),
            "naturalDb": round(total**0.5, 3),
        }
        log.append(entry)
        print(entry, flush=True)
        if best is None or err[SONG] + err[WINDOW] < best[0]:
            best = (err[SONG] + err[WINDOW], lam, pred, err)
    return best[1], best[2], best[3]


def knot_weights(model: StructuredEq, rows: torch.Tensor) -> torch.Tensor:
    with torch.no_grad():
        return model.knot_weights(rows.float()).double()


def residual_scales(
    model: StructuredEq,
    resid: torch.Tensor,
    rows: NaturalRows,
    shrink: float,
    among: np.ndarray | None = None,
):
    """Per knot: the inverse of the residual's covariance (in the contrast basis) and the octave
    residual's 10 % and 90 % points, from the rows `among` selects (all by default)."""
    kw = knot_weights(model, rows.rows).numpy()
    if among is not None:
        kw = kw * among[:, None]
    q = model.contrasts.double().numpy()
    obs = resid.numpy()
    with torch.no_grad():
        r = model.octave(resid.float()).double().numpy()
    precision, low, high = [None] * kw.shape[1], [None] * kw.shape[1], [None] * kw.shape[1]
    for k in range(kw.shape[1]):
        w = kw[:, k] * rows.weight
        if w.sum() <= 1e-9:
            continue
        scale = residual_covariance(obs @ q, w, shrink)
        scale += 1e-3 * np.eye(len(scale))
        precision[k] = np.linalg.inv(scale)
        low[k] = [weighted_quantile(r[:, b], w, 0.1) for b in range(r.shape[1])]
        high[k] = [weighted_quantile(r[:, b], w, 0.9) for b in range(r.shape[1])]
    have = [k for k in range(len(precision)) if precision[k] is not None]
    if not have:
        raise SystemExit("no rows to measure the residual's scale")
    # A knot no row is near (only in tiny runs) takes the nearest measured one.
    for k in range(len(precision)):
        j = min(have, key=lambda h: abs(h - k))
        precision[k], low[k], high[k] = precision[j], low[j], high[j]
    return np.stack(precision), np.array(low), np.array(high)


@dataclass
class Bank:
    commands: np.ndarray  # [M, 10]
    gains: np.ndarray  # [M, 40]
    kinds: np.ndarray  # [M]: 0 nothing, 1 one problem, 2 two or three


def load_bank(directory, bands: int) -> Bank:
    c = np.fromfile(directory / "curves-bank-commands.f32", dtype="<f4").reshape(-1, 10)
    g = np.fromfile(directory / "curves-bank-gains.f32", dtype="<f4").reshape(-1, bands)
    k = np.fromfile(directory / "curves-bank-kinds.f32", dtype="<f4").astype(int)
    # The "nothing" atom first.
    return Bank(
        np.vstack([np.zeros((1, 10)), c]), np.vstack([np.zeros((1, bands)), g]), np.concatenate([[0], k])
    )


def balance_effect(gains40: np.ndarray, observe: np.ndarray) -> np.ndarray:
    e = gains40 @ observe.T
    return e - e.mean(axis=1, keepdims=True)


def correction(commands: np.ndarray) -> np.ndarray:
    return commands.mean(axis=1, keepdims=True) - commands


def observed(n: torch.Tensor, ltas: torch.Tensor, gains40: np.ndarray, observe: torch.Tensor) -> torch.Tensor:
    """What a song shows after a curve: its natural levels plus the curve's band gains, except in bands
    that hold nothing (within 10 dB of the extractor's floor), which an EQ cannot raise."""
    g = torch.from_numpy(gains40).double()
    live = (ltas > -90).double()
    e = (g * live) @ observe.double().T
    b = n + e - e.mean(dim=1, keepdim=True)
    return b - b.mean(dim=1, keepdim=True)


def set_posterior(
    model: StructuredEq,
    bank: Bank,
    nu: float,
    zero_mass: float,
    single: float,
    precision: np.ndarray,
    scale: float,
) -> None:
    """The posterior's settings: the Student-t's degrees of freedom, the prior weights, and the precision
    of the residual's covariance turned into the t's (a t's covariance is nu / (nu - 2) times its scale)
    and divided by `scale`."""
    effect = balance_effect(bank.gains, model.observe.double().numpy()) @ model.contrasts.double().numpy()
    target = correction(bank.commands)
    log_prior = bank_log_prior(bank.kinds, zero_mass, single)
    order, sorted_t, mad = sorted_bank(target, log_prior)
    t_scale = (nu - 2) / nu if nu > 2 else 1.0
    with torch.no_grad():
        model.nu.fill_(nu)
        model.precision.copy_(torch.from_numpy(precision / (t_scale * scale)).float())
        model.bank_effect.copy_(torch.from_numpy(effect).float())
        model.bank_target.copy_(torch.from_numpy(target).float())
        model.log_prior.copy_(torch.from_numpy(log_prior).float())
        model.sort_index.copy_(torch.from_numpy(order))
        model.sorted_target.copy_(torch.from_numpy(sorted_t).float())
        model.prior_mad.copy_(torch.from_numpy(np.maximum(mad, 1e-3)).float())


def suggest(model: StructuredEq, residual: torch.Tensor, rows: torch.Tensor, batch: int = 512):
    out, conf = [], []
    with torch.no_grad():
        kw = model.knot_weights(rows.float())
        for i in range(0, len(residual), batch):
            med, c = model.median_and_confidence(
                model.posterior(residual[i : i + batch].float(), kw[i : i + batch])
            )
            out.append(med - med.mean(dim=1, keepdim=True))
            conf.append(c)
    return torch.cat(out).double(), torch.cat(conf).double()


@dataclass
class Scenario:
    """Simulated observations of the cross-validation rows: the evaluation's curves and the six problems."""

    residual: torch.Tensor
    target: torch.Tensor
    untouched: np.ndarray
    kind: np.ndarray
    weight: np.ndarray
    rows: torch.Tensor
    problem_residual: list  # per problem: residuals of the song rows
    problem_ideal: np.ndarray  # [6, nb]
    song_plain: torch.Tensor  # residuals of the same songs untouched
    problem_rows: torch.Tensor  # their content rows
    fold: np.ndarray  # each row's fold
    problem_fold: np.ndarray  # each problem song's fold


def scenario(
    rows: NaturalRows,
    fold: np.ndarray,
    mu: torch.Tensor,
    curves,
    problems,
    observe: torch.Tensor,
    rng: np.random.Generator,
    per_row: int = 2,
    max_windows: int = 1200,
) -> Scenario:
    """Every song under `per_row` draws (the evaluation's curves, 20 % untouched), and as many windows,
    at most `max_windows` rows of them (the posterior's cost grows with the rows times the bank); the six
    problems on at most max_windows / 6 songs."""
    songs = np.flatnonzero(rows.kind == SONG)
    windows = np.flatnonzero(rows.kind == WINDOW)
    idx = np.repeat(songs, per_row)
    win = np.repeat(windows, per_row)
    if len(win) > max_windows:
        win = np.sort(rng.choice(win, size=max_windows, replace=False))
    idx = np.concatenate([idx, win])
    untouched = rng.random(len(idx)) < UNTOUCHED_FRACTION
    pick = rng.integers(len(curves.commands), size=len(idx))
    cmd = np.where(untouched[:, None], 0.0, curves.commands[pick])
    g40 = np.where(untouched[:, None], 0.0, curves.gains[pick])
    b = observed(rows.n[idx], rows.ltas[idx], g40, observe)
    # The problems on at most `max_windows // 6` songs: the same cost again.
    songs = np.flatnonzero(rows.kind == SONG)
    if len(songs) > max_windows // 6:
        songs = np.sort(rng.choice(songs, size=max_windows // 6, replace=False))
    prob = []
    for p in range(len(problems.commands)):
        g = np.repeat(problems.gains[p : p + 1], len(songs), axis=0)
        prob.append(observed(rows.n[songs], rows.ltas[songs], g, observe) - mu[songs])
    return Scenario(
        b - mu[idx],
        torch.from_numpy(correction(cmd)),
        untouched,
        rows.kind[idx],
        rows.weight[idx],
        rows.rows[idx],
        prob,
        correction(problems.commands),
        rows.n[songs] - mu[songs],
        rows.rows[songs],
        fold[idx],
        fold[songs],
    )


def metrics(pred: torch.Tensor, sc: Scenario, kind: int) -> tuple[float, float]:
    """Weighted error ratio to doing nothing on EQ'd rows of a kind, and do-no-harm on its untouched rows."""
    sel = sc.kind == kind
    eqd, flat = sel & ~sc.untouched, sel & sc.untouched
    w = torch.from_numpy(sc.weight)
    err = ((pred[eqd] - sc.target[eqd]).abs().mean(1) * w[eqd]).sum() / (
        (sc.target[eqd].abs().mean(1)) * w[eqd]
    ).sum()
    harm = (pred[flat].abs().mean(1) * w[flat]).sum() / w[flat].sum()
    return float(err), float(harm)


def responses(model: StructuredEq, sc: Scenario, among: np.ndarray) -> np.ndarray:
    """[6, songs among]: each problem's response on the problem songs `among` selects."""
    sel = torch.from_numpy(among)
    plain, _ = suggest(model, sc.song_plain[sel], sc.problem_rows[sel])
    out = []
    for p, res in enumerate(sc.problem_residual):
        eqd, _ = suggest(model, res[sel], sc.problem_rows[sel])
        ideal = torch.from_numpy(sc.problem_ideal[p]).double()
        ideal = ideal - ideal.mean()
        d = eqd - plain
        d = d - d.mean(dim=1, keepdim=True)
        out.append(((d @ ideal) / (ideal @ ideal)).numpy())
    return np.stack(out)


def fit(
    model: StructuredEq,
    rows: NaturalRows,
    bank: Bank,
    curves,
    problems,
    invariance_data: list,
    log: list,
    rng: np.random.Generator,
    max_harm: float = MAX_DO_NO_HARM_DB,
    quick: bool = False,
    toward_truth: float = 0.0,
) -> dict:
    """Sets every buffer of `model`; returns the chosen setting and its cross-validated figures. `quick`:
    the smaller search (QUICK). `toward_truth` (0 when training) moves the content prior's out-of-package
    guesses that fraction of the way to each row's true natural balance before the posterior is fitted and
    cross-validated: what a better content prior would be worth (models/eval/prior_headroom.py)."""
    # 1. Only the inputs a real EQ hardly moves.
    mean, scale, keep, zs, sens = prior_inputs(model, rows, invariance_data)
    with torch.no_grad():
        model.knots.copy_(torch.from_numpy(knots_log2(KNOT_SECONDS)).float())
    # 2. The content prior's strength: out-of-package squared error of the natural balance, songs and windows.
    lam, mu_cv, _ = prior_ridge_search(zs, rows, quick, log, toward_truth)
    resid = rows.n - mu_cv
    # 3. The posterior's settings, on simulated curves over the out-of-package residuals: a coordinate
    # search (each setting in turn over its values, the others held; twice round), as a full grid would
    # cost minutes per point on this machine.
    packages = sorted(set(rows.package))
    fold_of = {p: i % FOLDS for i, p in enumerate(packages)}
    fold = np.array([fold_of[p] for p in rows.package])
    sc = scenario(rows, fold, mu_cv, curves, problems, model.observe, rng)
    scales: dict = {}

    def scale_for(shrink: float, f: int | None):
        """The residual's scale measured without fold f (None: on every row, as shipped)."""
        if (shrink, f) not in scales:
            scales[(shrink, f)] = residual_scales(
                model, resid, rows, shrink, None if f is None else fold != f
            )
        return scales[(shrink, f)]

    tried: dict = {}

    def evaluate(setting: tuple) -> tuple[float, dict]:
        if setting in tried:
            return tried[setting]
        nu, zero_mass, single, s, shrink = setting
        t0 = time.time()
        pred = torch.zeros_like(sc.target, dtype=torch.float64)
        resp_parts = []
        for f in range(FOLDS):
            set_posterior(model, bank, nu, zero_mass, single, scale_for(shrink, f)[0], s)
            sel = sc.fold == f
            if sel.any():
                pred[torch.from_numpy(sel)] = suggest(
                    model, sc.residual[torch.from_numpy(sel)], sc.rows[torch.from_numpy(sel)]
                )[0]
            if (sc.problem_fold == f).any():
                resp_parts.append(responses(model, sc, sc.problem_fold == f))
        resp = np.concatenate(resp_parts, axis=1).mean(axis=1).tolist()
        (song, song_harm), (window, window_harm) = metrics(pred, sc, SONG), metrics(pred, sc, WINDOW)
        entry = {
            "nu": nu,
            "zeroMass": zero_mass,
            "singleShare": single,
            "scale": s,
            "shrink": shrink,
            "cvSongRatio": round(song, 4),
            "cvSongDoNoHarmDb": round(song_harm, 3),
            "cvWindowRatio": round(window, 4),
            "cvWindowDoNoHarmDb": round(window_harm, 3),
            "cvResponse": [round(r, 3) for r in resp],
            "seconds": round(time.time() - t0, 1),
        }
        log.append(entry)
        print(entry, flush=True)
        # Error on songs and windows, less the response up to its targets; a setting whose do-no-harm
        # exceeds the limit pays for every dB over it.
        over = max(0.0, song_harm - max_harm) + max(0.0, window_harm - max_harm)
        score = song + window - 0.5 * min(float(np.mean(resp)), 0.6) - 0.5 * min(min(resp), 0.4) + 10 * over
        tried[setting] = (score, entry)
        return tried[setting]

    grid = [NU, ZERO_MASS, SINGLE_SHARE, SCALE, SHRINK]
    if quick:
        grid = [QUICK[k] for k in ("nu", "zeroMass", "singleShare", "scale", "shrink")]
    best = (10.0, 0.1, 0.0, 1.0, 0.3)
    for _ in range(1 if quick else 2):
        start = best
        for axis, values in enumerate(grid):
            for v in values:
                candidate = tuple(v if i == axis else best[i] for i in range(len(grid)))
                if evaluate(candidate)[0] < evaluate(best)[0]:
                    best = candidate
        if best == start:
            break
    nu, zero_mass, single, s, shrink = best
    entry = dict(tried[best][1])
    entry["doNoHarmLimitMet"] = (
        entry["cvSongDoNoHarmDb"] <= max_harm and entry["cvWindowDoNoHarmDb"] <= max_harm
    )
    # The model as shipped: the prior fitted on every row, the posterior's scale from the residuals.
    coef_kept, bias = ridge(zs, rows.n, rows.weight, lam)
    coef = torch.zeros(len(keep), coef_kept.shape[1], dtype=coef_kept.dtype)
    coef[keep] = coef_kept
    precision, low, high = scale_for(shrink, None)
    set_posterior(model, bank, nu, zero_mass, single, precision, s)
    songs = rows.kind == SONG
    basis = torch.zeros(len(keep), model.embedding_basis.shape[1], dtype=zs.dtype)
    basis[keep] = embedding_basis(zs[songs], rows.weight[songs], model.embedding_basis.shape[1])
    with torch.no_grad():
        model.z_mean.copy_(mean.float())
        model.z_scale.copy_(scale.float())
        model.prior_weight.copy_(coef.float())
        model.prior_bias.copy_(bias.float())
        model.low.copy_(torch.from_numpy(low).float())
        model.high.copy_(torch.from_numpy(high).float())
        model.embedding_basis.copy_(basis.float())
    return {
        "priorRidge": lam,
        **entry,
        "inputsKept": int(keep.sum()),
        "inputs": int(len(keep)),
        "priorLeak": round(invariance.leak(model, invariance_data), 4),
        "sensitivity": [round(float(x), 5) for x in sens],
    }


def embedding_basis(zs: torch.Tensor, w: np.ndarray, size: int) -> torch.Tensor:
    """The `size` leading principal directions of the songs' standardised z, scaled so each component has
    unit variance over the songs (the embedding is then zs @ basis, centred because zs is)."""
    wt = torch.from_numpy(w / w.sum())
    c = zs - (zs * wt[:, None]).sum(0)
    cov = (c * wt[:, None]).T @ c
    val, vec = torch.linalg.eigh(cov)
    top = torch.argsort(val, descending=True)[:size]
    # A direction of (nearly) no variance would be blown up: floor the scale at 1 % of the largest spread.
    return vec[:, top] / torch.sqrt(torch.clamp(val[top], min=float(val.max()) * 1e-4))
