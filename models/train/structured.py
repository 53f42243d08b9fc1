"""The version 3 model: the blind suggestion as an estimation problem (/work/shared/design/SUGGESTION-MATH.md).

A song's octave balance b (band levels, mean over bands removed) is its music's natural balance n plus the
effect of whatever curve c it went through: b = n + e(c); the ideal suggestion undoes c. Two priors make the
estimate:

- the **content prior** on n: what an EQ cannot change (the texture of each band over time, the temporal
  features, the content descriptors) predicts the natural balance, mu(z), by ridge regression; how far
  songs stray from it, a Student-t with scale Sigma(T), is measured out of package and grows as less music
  is heard (T: the seconds behind the input);
- a **sparse prior on the curve**: most songs need nothing (an atom at c = 0), some have one, two or three
  real problems (shelves and bells of 3-12 dB). It is represented by a bank of curves drawn from that
  distribution, with the engine's exact effect on the balance of each.

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

def octave_matrix(contract: dict) -> torch.Tensor:
    """[10, 40]: each octave band's level as the mean (in dB) of the quarter-octave feature bands whose
    centres fall in it. A mean of dB values, so an EQ's band gains add to it exactly."""
    b = contract["input"]["bands"]
    edges = b["minHz"] * (b["maxHz"] / b["minHz"]) ** (np.arange(b["count"] + 1) / b["count"])
    centres = np.sqrt(edges[:-1] * edges[1:])
    rows = []
    for fc in contract["output"]["bandCentersHz"]:
        inside = (centres >= fc / np.sqrt(2)) & (centres < fc * np.sqrt(2))
        rows.append(inside / inside.sum())
    return torch.tensor(np.stack(rows), dtype=torch.float32)


def contrast_basis(n: int) -> torch.Tensor:
    """[n, n-1]: an orthonormal basis of the vectors whose mean is zero (a balance has no level)."""
    q, _ = np.linalg.qr(np.eye(n)[:, :-1] - 1.0 / n)
    return torch.tensor(q, dtype=torch.float32)


def invariant_inputs(bands: torch.Tensor, temporal: torch.Tensor, content: torch.Tensor | None) -> torch.Tensor:
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

    def __init__(self, contract: dict, z_size: int, bank_size: int, knots: int, embedding: int, use_content: bool):
        super().__init__()
        nb = len(contract["output"]["bandCentersHz"])
        inp = contract["input"]
        self.use_content = use_content
        self.scale_db = float(contract["normalisation"]["bandsScaleDb"])
        # Seconds of music behind one content row.
        self.row_seconds = inp["content"]["stride"] * inp["hopSize"] / inp["sampleRateHz"]
        self.register_buffer("octaves", octave_matrix(contract))
        self.register_buffer("contrasts", contrast_basis(nb))
        self.register_buffer("z_mean", torch.zeros(z_size))
        self.register_buffer("z_scale", torch.ones(z_size))
        self.register_buffer("prior_weight", torch.zeros(z_size, nb))
        self.register_buffer("prior_bias", torch.zeros(nb))
        self.register_buffer("embedding_basis", torch.zeros(z_size, embedding))
        # Duration knots (log2 seconds, evenly spaced) and, per knot, the whitening of the residual's
        # scale and the residual's 10 % and 90 % points per band.
        self.register_buffer("knots", torch.zeros(knots))
        self.register_buffer("whiten", torch.eye(nb - 1).repeat(knots, 1, 1))
        self.register_buffer("low", torch.zeros(knots, nb))
        self.register_buffer("high", torch.zeros(knots, nb))
        self.register_buffer("nu", torch.tensor(5.0))
        # The bank: each curve's effect on the balance (in the contrast basis), the correction that undoes
        # it (mean removed), its prior log weight; per band, the bank sorted by that band's correction.
        self.register_buffer("bank_effect", torch.zeros(bank_size, nb - 1))
        self.register_buffer("bank_target", torch.zeros(bank_size, nb))
        self.register_buffer("log_prior", torch.zeros(bank_size))
        self.register_buffer("sort_index", torch.zeros(nb, bank_size, dtype=torch.int64))
        self.register_buffer("sorted_target", torch.zeros(nb, bank_size))
        self.register_buffer("prior_mad", torch.ones(nb))

    # -- pieces, also used by the fit -------------------------------------------------------------

    def balance(self, bands: torch.Tensor) -> torch.Tensor:
        """The input's octave balance in dB, mean over bands removed."""
        ltas = bands[:, 0].mean(dim=2) * self.scale_db
        b = ltas @ self.octaves.T
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
        """[N, bank]: posterior weights of the bank's curves given the residual b - mu and knot weights."""
        # Matrix products only (no einsum), so that every onnxruntime build runs it.
        r = residual @ self.contrasts  # [N, d]
        wr = torch.matmul(self.whiten.unsqueeze(0), r.unsqueeze(1).unsqueeze(3))[:, :, :, 0]  # [N, K, d]
        we = torch.matmul(self.bank_effect.unsqueeze(0), self.whiten.transpose(1, 2))  # [K, M, d]
        rr = (wr * wr).sum(dim=2)  # [N, K]
        ee = (we * we).sum(dim=2)  # [K, M]
        cross = torch.matmul(wr.unsqueeze(2), we.transpose(1, 2).unsqueeze(0))[:, :, 0, :]  # [N, K, M]
        m = (kw.unsqueeze(2) * (rr.unsqueeze(2) - 2 * cross + ee.unsqueeze(0))).sum(dim=1)  # [N, M]
        loglik = -0.5 * (self.nu + r.shape[1]) * torch.log1p(torch.clamp(m, min=0.0) / self.nu)
        return torch.softmax(self.log_prior + loglik, dim=1)

    def median_and_confidence(self, post: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        ws = post[:, self.sort_index]  # [N, nb, M], each band's bank order
        cum = torch.cumsum(ws, dim=2)
        j = torch.argmax((cum >= 0.5).float(), dim=2)  # the first curve past half the weight
        med = torch.gather(self.sorted_target.unsqueeze(0).expand(post.shape[0], -1, -1), 2, j.unsqueeze(2))[:, :, 0]
        mad = torch.matmul(post.unsqueeze(1), (self.bank_target.unsqueeze(0) - med.unsqueeze(1)).abs())[:, 0, :]
        confidence = torch.clamp(1 - mad / self.prior_mad, min=0.0, max=1.0)
        return med, confidence

    def forward(self, bands: torch.Tensor, temporal: torch.Tensor, content: torch.Tensor):
        zs = self.standardised(bands, temporal, content)
        mu = self.prior_mean(zs)
        b = self.balance(bands)
        rows = torch.ones_like(content[:, :, 0]).sum(dim=1)  # dynamic in ONNX: how much music was heard
        kw = self.knot_weights(rows)
        med, confidence = self.median_and_confidence(self.posterior(b - mu, kw))
        gains = med - med.mean(dim=1, keepdim=True)
        embedding = zs @ self.embedding_basis
        return gains, embedding, confidence, b, mu + kw @ self.low, mu + kw @ self.high


def bank_log_prior(kinds: np.ndarray, zero_mass: float, single_share: float) -> np.ndarray:
    """kinds: 0 for the 'nothing' atom, 1 for single-problem curves, 2 for two or three problems."""
    n1, n2 = (kinds == 1).sum(), (kinds == 2).sum()
    p = np.where(kinds == 0, zero_mass, np.where(kinds == 1, (1 - zero_mass) * single_share / max(n1, 1), (1 - zero_mass) * (1 - single_share) / max(n2, 1)))
    return np.log(np.maximum(p, 1e-30))


def sorted_bank(target: np.ndarray, log_prior: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per band: the bank order by that band's correction, the sorted corrections, and the prior's
    expected absolute deviation around its own median (what 'knowing nothing' costs)."""
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


def whitening(cov: np.ndarray) -> np.ndarray:
    """W with W^T W = cov^-1 (inverse Cholesky)."""
    l = np.linalg.cholesky(cov)
    return np.linalg.inv(l)


def student_scale(residual: np.ndarray, weight: np.ndarray, nu: float) -> np.ndarray:
    """Scale matrix of a multivariate t with nu degrees of freedom from weighted residuals: the covariance
    times (nu - 2) / nu (the t's covariance is nu / (nu - 2) times its scale)."""
    w = weight / weight.sum()
    cov = (residual * w[:, None]).T @ residual
    return cov * (nu - 2) / nu if nu > 2 else cov


def weighted_quantile(x: np.ndarray, w: np.ndarray, q: float) -> float:
    order = np.argsort(x)
    cum = np.cumsum(w[order])
    return float(x[order][min(len(x) - 1, np.searchsorted(cum, q * cum[-1]))])
