"""Training examples from whole-track features (models/prep/track-features.ts) and the curve tables
(models/prep/curve-table.ts): an excerpt of a track (a 6 s window up to the whole song), a random curve
applied in the feature domain (feature_eq.py), normalised as the contract says, with the correction that
undoes the curve as the target."""
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from feature_eq import FeatureEq

UNTOUCHED_FRACTION = 0.2  # as models/prep/curve-settings.ts
NOISE_FRACTION = 0.2  # white noise 50-75 dB below the signal, as the dataset builder's augmentation


@dataclass
class Tracks:
    bands: np.ndarray  # [frames, B] dB
    temporal: np.ndarray  # [frames, K]
    offsets: np.ndarray
    lengths: np.ndarray
    packages: list
    edges: np.ndarray


@dataclass
class Curves:
    commands: np.ndarray  # [n, 10] dB, the engine command
    gains: np.ndarray  # [n, B] dB, what it does to each feature band


def load_tracks(directory: Path) -> Tracks:
    idx = json.loads((directory / "index.json").read_text())
    n, b, k = idx["frames"], idx["bandCount"], idx["temporalCount"]
    bands = np.fromfile(directory / "bands.f32", dtype="<f4").reshape(n, b)
    temporal = np.fromfile(directory / "temporal.f32", dtype="<f4").reshape(n, k)
    tracks = idx["tracks"]
    return Tracks(
        bands,
        temporal,
        np.array([t["offset"] for t in tracks]),
        np.array([t["frames"] for t in tracks]),
        [t["package"] for t in tracks],
        np.array(idx["bandEdgesHz"]),
    )


def load_curves(directory: Path, split: str, bands: int) -> Curves:
    c = np.fromfile(directory / f"curves-{split}-commands.f32", dtype="<f4").reshape(-1, 10)
    g = np.fromfile(directory / f"curves-{split}-gains.f32", dtype="<f4").reshape(-1, bands)
    return Curves(c, g)


def normalise(bands: torch.Tensor, temporal: torch.Tensor, contract: dict) -> tuple[torch.Tensor, torch.Tensor]:
    """[N, T, B] dB and [N, T, K] -> model inputs [N, 1, B, T] and [N, T, K], as
    src/shared/model/preprocess.ts does (the contract's normalisation)."""
    n = contract["normalisation"]
    b = (bands - bands.mean(dim=(1, 2), keepdim=True)) / n["bandsScaleDb"]
    rms = (temporal[:, :, 0] - temporal[:, :, 0].mean(dim=1, keepdim=True)) / n["rmsScaleDb"]
    t = torch.stack(
        [rms, temporal[:, :, 1] / n["fluxScaleDb"], temporal[:, :, 2] / n["fluxScaleDb"], temporal[:, :, 3]], dim=2
    )
    return b.transpose(1, 2).unsqueeze(1).contiguous(), t


class ExampleMaker:
    def __init__(self, tracks: Tracks, curves: Curves, contract: dict, rng: np.random.Generator):
        self.tracks, self.curves, self.contract, self.rng = tracks, curves, contract, rng
        self.eq = FeatureEq(tracks.edges, contract["input"]["frameSize"] // 2)
        self.silent_db = contract["input"]["silentFrameRmsDb"]

    def excerpt(self, track: int, start: int, length: int) -> tuple[np.ndarray, np.ndarray]:
        """Frames [start, start + length) of a track without its silent frames, as the product drops them
        (src/shared/model/preprocess.ts, songInput); all of them if too few are left."""
        o = self.tracks.offsets[track] + start
        b = self.tracks.bands[o : o + length]
        t = self.tracks.temporal[o : o + length]
        loud = t[:, 0] >= self.silent_db
        if loud.sum() >= min(length, self.contract["input"]["windowFrames"]):
            b, t = b[loud], t[loud]
        return b, t

    def make(self, excerpts: list, untouched: np.ndarray | None = None, noise: bool = True):
        """excerpts: (bands [T, B], temporal [T, K]) of equal length T -> inputs and targets for a batch,
        each with a random curve (or none) and, sometimes, noise."""
        n = len(excerpts)
        rng = self.rng
        if untouched is None:
            untouched = rng.random(n) < UNTOUCHED_FRACTION
        pick = rng.integers(len(self.curves.commands), size=n)
        commands = np.where(untouched[:, None], 0.0, self.curves.commands[pick]).astype(np.float32)
        gains = np.where(untouched[:, None], 0.0, self.curves.gains[pick]).astype(np.float32)
        snr = np.where(rng.random(n) < (NOISE_FRACTION if noise else 0), rng.uniform(50, 75, n), np.nan)
        bands = torch.from_numpy(np.stack([e[0] for e in excerpts]))
        temporal = torch.from_numpy(np.stack([e[1] for e in excerpts]))
        b, t = self.eq.apply(bands, temporal, torch.from_numpy(gains), torch.from_numpy(snr).float())
        target = commands.mean(axis=1, keepdims=True) - commands
        return (*normalise(b, t, self.contract), torch.from_numpy(target.astype(np.float32)))
