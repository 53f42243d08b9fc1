"""The version 3 model: the blind suggestion as an estimation problem (the design note SUGGESTION-MATH.md).

A song's octave balance b (band levels, mean over bands removed) is its music's natural balance n plus the
effect of whatever curve c it went through: b = n + e(c); the ideal suggestion undoes c. Two priors make the
estimate:

- the **content prior** on n: what an EQ cannot change (the texture of each band over time, the temporal
  features, the content descriptors) predicts the natural balance, mu(z), by ridge regression; how far
  songs stray from it, a Student-t with scale Sigma(T), is measured out of package and grows as less music
  is heard (T: the seconds behind the input);
- a **sparse prior on the curve**: most songs need nothing (an atom at c = 0), some have one, two or three
  real problems (shelves and bells of 3-12 dB). It is represented by a bank of curves drawn from that
  distribution, with the engine's exact effect on the feature bands of each.

The posterior over the bank follows from the residual r = b - mu(z) by Bayes' rule. The suggestion is its
per-band **median**: the estimate that minimises the expected absolute error, the error the evaluation
measures; under a posterior that mixes "nothing" and "a big problem" it stays at (or near) zero until the
evidence for a problem outweighs the rest, then moves most of the way, which is what a linear map (one
factor for every size of problem) cannot do. `confidence` is how much of the prior's expected absolute
error the song removes; `typicalLow/High` are the content prior's 10 % and 90 % points. All of it is
closed form or a lookup, exported to ONNX as it stands."""
import numpy as np
import torch
from torch import nn

from content import content_summary
from model import texture_statistics

# The quarter-octave bands the posterior compares end below this: above it, many files have nothing (lossy
# codecs cut at 15-16 kHz; the corpus only guarantees content to 13 kHz), so an EQ there shows in some
# songs and not in others, and a curve's effect cannot be read from it. The curve's top is inferred from its
# shape below.
OBSERVED_MAX_HZ = 14300.0


def band_edges(contract: dict) -> np.ndarray:
    b = contract["input"]["bands"]
    return b["minHz"] * (b["maxHz"] / b["minHz"]) ** (np.arange(b["count"] + 1) / b["count"])


def octave_matrix(contract: dict, bands: np.ndarray | None = None) -> torch.Tensor:
    """[10, len(bands)]: each octave band's level as the mean (in dB) of the quarter-octave feature bands
    (all, or those listed) whose centres fall in it. A mean of dB values, so an EQ's band gains add to it
    exactly."""
    edges = band_edges(contract)
    centres = np.sqrt(edges[:-1] * edges[1:])
    bands = np.arange(len(centres)) if bands is None else bands
    rows = []
    for fc in contract["output"]["bandCentersHz"]:
        inside = (centres[bands] >= fc / np.sqrt(2)) & (centres[bands] < fc * np.sqrt(2))
        rows.append(inside / inside.sum())
    return torch.tensor(np.stack(rows), dtype=torch.float32)


def contrast_basis(n: int) -> torch.Tensor:
    """[n, n-1]: an orthonormal basis of the vectors whose mean is zero (a balance has no level)."""
    q, _ = np.linalg.qr(np.eye(n)[:, :-1] - 1.0 / n)
    return torch.tensor(q, dtype=torch.float32)


def invariant_inputs(
    bands: torch.Tensor, temporal: torch.Tensor, content: torch.Tensor | None
) -> torch.Tensor:
    """What an EQ cannot change: each band's texture statistics, the mean and spread of the temporal
    features an EQ does not move, and (when given) the pooled content descriptors."""
    x = bands[:, 0]
    tex = texture_statistics(x - x.mean(dim=2, keepdim=True))
    t = temporal[:, :, :-1]
    t_mean = t.mean(dim=1)
    t_std = torch.sqrt(torch.clamp(((t - t_mean.unsqueeze(1)) ** 2).mean(dim=1), min=1e-8))
    parts = [tex, t_mean, t_std]
    if content is not None:
        parts.append(content_summary(content))
    return torch.cat(parts, dim=1)


class StructuredEq(nn.Module):
    """Content prior + curve posterior; every buffer is set by fit_structured.fit (train.py)."""

    def __init__(
        self,
        contract: dict,
        z_size: int,
        bank_size: int,
        knots: int,
        embedding: int,
        use_content: bool,
        observe: str = "octave",
    ):
        """observe: what the posterior compares, the octave balance ("octave", 10 values) or the
        quarter-octave feature bands ("quarter", 40 values: the curve's shape inside an octave too)."""
        super().__init__()
        nb = len(contract["output"]["bandCentersHz"])
        inp = contract["input"]
        octaves = octave_matrix(contract)
        observed = np.flatnonzero(band_edges(contract)[1:] <= OBSERVED_MAX_HZ)
        obs = octaves if observe == "octave" else torch.eye(octaves.shape[1])[observed]
        d = obs.shape[0]
        self.use_content = use_content
        self.scale_db = float(contract["normalisation"]["bandsScaleDb"])
        # Seconds of music behind one content row.
        self.row_seconds = inp["content"]["stride"] * inp["hopSize"] / inp["sampleRateHz"]
        self.register_buffer("octaves", octaves)
        self.register_buffer("observe", obs)
        # From the observation to the octave balance (the identity when it is the octave balance).
        self.register_buffer(
            "to_octaves", torch.eye(nb) if observe == "octave" else octave_matrix(contract, observed)
        )
        self.register_buffer("contrasts", contrast_basis(d))
        self.register_buffer("z_mean", torch.zeros(z_size))
        self.register_buffer("z_scale", torch.ones(z_size))
        self.register_buffer("prior_weight", torch.zeros(z_size, d))
        self.register_buffer("prior_bias", torch.zeros(d))
        self.register_buffer("embedding_basis", torch.zeros(z_size, embedding))
        # Duration knots (log2 seconds, evenly spaced) and, per knot, the inverse of the residual's scale
        # matrix (in the contrast basis) and the residual's 10 % and 90 % points per band.
        self.register_buffer("knots", torch.zeros(knots))
        self.register_buffer("precision", torch.eye(d - 1).repeat(knots, 1, 1))
        self.register_buffer("low", torch.zeros(knots, nb))
        self.register_buffer("high", torch.zeros(knots, nb))
        # The curve prior as a bank of curves drawn from it (models/prep/curve-table.ts), the first being
        # "nothing": each one's effect on the observation (in the contrast basis), the correction that
        # undoes it (mean removed) and its log prior weight; per band, the bank in the order of that band's
        # correction. The residual's likelihood is a Student-t with `nu` degrees of freedom.
        self.register_buffer("nu", torch.tensor(10.0))
        self.register_buffer("bank_effect", torch.zeros(bank_size, d - 1))
        self.register_buffer("bank_target", torch.zeros(bank_size, nb))
        self.register_buffer("log_prior", torch.zeros(bank_size))
        self.register_buffer("sort_index", torch.zeros(nb, bank_size, dtype=torch.int64))
        self.register_buffer("sorted_target", torch.zeros(nb, bank_size))
        # What knowing nothing costs per band: the prior's expected absolute error around its median.
        self.register_buffer("prior_mad", torch.ones(nb))

    # -- pieces, also used by the fit -------------------------------------------------------------

    def observation(self, bands: torch.Tensor) -> torch.Tensor:
        """What the posterior compares: the input's band levels in dB (mean over frames), pooled as
        `observe` says, mean over bands removed."""
        ltas = bands[:, 0].mean(dim=2) * self.scale_db
        b = ltas @ self.observe.T
        return b - b.mean(dim=1, keepdim=True)

    def octave(self, x: torch.Tensor) -> torch.Tensor:
        """An observation-sized vector as octave balance, mean removed."""
        b = x @ self.to_octaves.T
        return b - b.mean(dim=1, keepdim=True)

    def standardised(self, bands, temporal, content) -> torch.Tensor:
        z = invariant_inputs(bands, temporal, content if self.use_content else None)
        return (z - self.z_mean) / self.z_scale

    def prior_mean(self, zs: torch.Tensor) -> torch.Tensor:
        mu = zs @ self.prior_weight + self.prior_bias
        return mu - mu.mean(dim=1, keepdim=True)

    def knot_weights(self, rows: torch.Tensor) -> torch.Tensor:
        """[N, knots]: linear interpolation in log2 seconds between the two nearest knots (clamped)."""
        seconds = rows * self.row_seconds
        t = torch.clamp(torch.log2(seconds), min=float(self.knots[0]), max=float(self.knots[-1]))
        step = float(self.knots[1] - self.knots[0])
        return torch.clamp(1 - (t.unsqueeze(1) - self.knots.unsqueeze(0)).abs() / step, min=0.0)

    def posterior(self, residual: torch.Tensor, kw: torch.Tensor) -> torch.Tensor:
        """[N, bank]: posterior weights of the bank's curves given the residual b - mu and the knot weights.
        The input's precision is the knots' interpolated: (r - e)' P (r - e) = r'Pr - 2 (Pr)'e + e'Pe, each
        term a matrix product (no einsum, so every onnxruntime build runs it)."""
        r = residual @ self.contrasts  # [N, d]
        p = (kw.unsqueeze(2).unsqueeze(3) * self.precision.unsqueeze(0)).sum(dim=1)  # [N, d, d]
        pr = torch.matmul(p, r.unsqueeze(2))[:, :, 0]  # [N, d]
        rr = (pr * r).sum(dim=1, keepdim=True)  # [N, 1]
        ee = (
            torch.matmul(self.bank_effect.unsqueeze(0), self.precision) * self.bank_effect.unsqueeze(0)
        ).sum(
            dim=2
        )  # [K, M]
        m = rr - 2 * pr @ self.bank_effect.T + kw @ ee  # [N, M]
        loglik = -0.5 * (self.nu + r.shape[1]) * torch.log1p(torch.clamp(m, min=0.0) / self.nu)
        return torch.softmax(self.log_prior + loglik, dim=1)

    def median_and_confidence(self, post: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Per band, the posterior median of the correction (the estimate that minimises the expected
        absolute error: it stays at zero while "nothing" holds half the weight, and moves all the way once
        the evidence for a problem does), and how much of the prior's expected absolute error is left once
        the song is heard (confidence = 1 - left)."""
        ws = post[:, self.sort_index]  # [N, nb, M], each band's bank order
        cum = torch.cumsum(ws, dim=2)
        j = torch.argmax((cum >= 0.5).float(), dim=2)  # the first curve past half the weight
        med = torch.gather(self.sorted_target.unsqueeze(0).expand(post.shape[0], -1, -1), 2, j.unsqueeze(2))[
            :, :, 0
        ]
        left = torch.matmul(post.unsqueeze(1), (self.bank_target.unsqueeze(0) - med.unsqueeze(1)).abs())[
            :, 0, :
        ]
        confidence = torch.clamp(1 - left / self.prior_mad, min=0.0, max=1.0)
        return med, confidence

    def forward(self, bands: torch.Tensor, temporal: torch.Tensor, content: torch.Tensor):
        zs = self.standardised(bands, temporal, content)
        mu = self.prior_mean(zs)
        b = self.observation(bands)
        rows = torch.ones_like(content[:, :, 0]).sum(dim=1)  # dynamic in ONNX: how much music was heard
        kw = self.knot_weights(rows)
        med, confidence = self.median_and_confidence(self.posterior(b - mu, kw))
        gains = med - med.mean(dim=1, keepdim=True)
        embedding = zs @ self.embedding_basis
        typical = self.octave(mu)
        return gains, embedding, confidence, self.octave(b), typical + kw @ self.low, typical + kw @ self.high


def bank_log_prior(kinds: np.ndarray, zero_mass: float, single_share: float) -> np.ndarray:
    """kinds: 0 for the "nothing" atom, 1 for single-problem curves, 2 for two or three problems."""
    n1, n2 = (kinds == 1).sum(), (kinds == 2).sum()
    p = np.where(
        kinds == 0,
        zero_mass,
        np.where(
            kinds == 1,
            (1 - zero_mass) * single_share / max(n1, 1),
            (1 - zero_mass) * (1 - single_share) / max(n2, 1),
        ),
    )
    return np.log(np.maximum(p, 1e-30))


def sorted_bank(target: np.ndarray, log_prior: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per band: the bank order by that band's correction, the sorted corrections, and the prior's
    expected absolute deviation around its own median (what knowing nothing costs)."""
    order = np.argsort(target, axis=0, kind="stable").T  # [nb, M]
    sorted_t = np.take_along_axis(target.T, order, axis=1)
    p = np.exp(log_prior - log_prior.max())
    p /= p.sum()
    mad = []
    for b in range(target.shape[1]):
        cum = np.cumsum(p[order[b]])
        med = sorted_t[b, np.searchsorted(cum, 0.5)]
        mad.append((p * np.abs(target[:, b] - med)).sum())
    return order, sorted_t, np.array(mad)


def knots_log2(seconds: list[float]) -> np.ndarray:
    k = np.log2(np.array(seconds, dtype=np.float64))
    step = np.diff(k)
    assert np.allclose(step, step[0]), "knots must be evenly spaced in log2 seconds"
    return k


def residual_covariance(residual: np.ndarray, weight: np.ndarray, shrink: float) -> np.ndarray:
    """The weighted residuals' covariance, shrunk by `shrink` toward a target with the same spread per
    coordinate and a correlation that depends only on the distance between coordinates (the mean
    correlation of that diagonal). A few hundred songs cannot pin down a 37 x 37 covariance: the sample's
    smallest directions come out too small, and a posterior that trusts them is overconfident on new
    music."""
    w = weight / weight.sum()
    cov = (residual * w[:, None]).T @ residual
    sd = np.sqrt(np.maximum(np.diag(cov), 1e-9))
    corr = cov / np.outer(sd, sd)
    n = len(cov)
    by_distance = np.array([np.diagonal(corr, k).mean() for k in range(n)])
    target = np.outer(sd, sd) * by_distance[np.abs(np.subtract.outer(np.arange(n), np.arange(n)))]
    # The target may be indefinite (an average of correlations is not always one): keep its positive part.
    val, vec = np.linalg.eigh(target)
    target = (vec * np.maximum(val, 1e-3 * val.max())) @ vec.T
    return (1 - shrink) * cov + shrink * target


def weighted_quantile(x: np.ndarray, w: np.ndarray, q: float) -> float:
    order = np.argsort(x)
    cum = np.cumsum(w[order])
    return float(x[order][min(len(x) - 1, np.searchsorted(cum, q * cum[-1]))])
