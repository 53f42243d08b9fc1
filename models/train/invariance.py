"""How far a real EQ moves the content prior's inputs (models/prep/invariance.ts wrote the data: excerpts of
the training and validation packages, untouched and through the engine with training curves).

An input's sensitivity is its variance across one excerpt's versions over its variance between the
untouched excerpts: 0 when an EQ leaves it alone, 1 when an EQ moves it as much as changing the music.
Inputs above MAX_SENSITIVITY are left out of the content prior: an input that moves with the curve lets the
prior's guess of the music's balance follow the curve, and that part of the curve is never corrected (with
every input kept, the prior absorbed about 15 % of a curve's effect in a first test, and most of a treble
shelf's)."""
import json
from pathlib import Path

import numpy as np
import torch

from structured import StructuredEq, invariant_inputs
from tracks import normalise, song_input

MAX_SENSITIVITY = 0.01


def load_feature_versions(directory: Path, contract: dict) -> list[dict]:
    """Each version in a directory written by models/prep/feature-versions.ts (the invariance excerpts, the
    test songs): its index entry, with "inputs" the model's normalised song input for it."""
    idx = json.loads((directory / "index.json").read_text())
    b_count, k = idx["bandCount"], len(contract["input"]["temporal"])
    d = len(contract["input"]["content"]["descriptors"])
    bands = np.fromfile(directory / "bands.f32", dtype="<f4").reshape(-1, b_count)
    temporal = np.fromfile(directory / "temporal.f32", dtype="<f4").reshape(-1, k)
    content = np.fromfile(directory / "content.f32", dtype="<f4").reshape(-1, d)
    stride = contract["input"]["content"]["stride"]
    out = []
    for v in idx["versions"]:
        o, n, co, cr = v["offset"], v["frames"], v["contentOffset"], v["contentRows"]
        b, t, c = song_input(
            bands[o : o + n], temporal[o : o + n], content[co : co + cr], 0, stride, contract
        )
        nb, nt = normalise(torch.from_numpy(b[None]), torch.from_numpy(t[None]), contract)
        out.append({**v, "inputs": (nb, nt, torch.from_numpy(np.ascontiguousarray(c[None])))})
    return out


def grouped(data: list[dict], fn) -> np.ndarray:
    """[excerpts, versions, ...] of fn(inputs), excerpts with every version only."""
    by: dict = {}
    for v in data:
        by.setdefault(v["track"], {})[v["version"]] = fn(v["inputs"])
    full = max(len(g) for g in by.values())
    return np.stack([np.stack([g[i] for i in range(full)]) for g in by.values() if len(g) == full])


def sensitivity(model: StructuredEq, data: list[dict]) -> np.ndarray:
    with torch.no_grad():
        z = grouped(
            data,
            lambda x: invariant_inputs(x[0], x[1], x[2] if model.use_content else None)[0].double().numpy(),
        )
    within = ((z[:, 1:] - z[:, :1]) ** 2).mean(axis=(0, 1))
    between = z[:, 0].var(axis=0)
    return within / np.maximum(between, 1e-12)


def leak(model: StructuredEq, data: list[dict]) -> float:
    """The share of a curve's effect on the observation that the content prior's guess follows."""
    with torch.no_grad():
        mu = grouped(data, lambda x: model.prior_mean(model.standardised(*x))[0].double().numpy())
        obs = grouped(data, lambda x: model.observation(x[0])[0].double().numpy())
    dmu, db = mu[:, 1:] - mu[:, :1], obs[:, 1:] - obs[:, :1]
    return float((dmu * db).sum() / (db * db).sum())
