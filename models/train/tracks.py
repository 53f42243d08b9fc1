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
    content: np.ndarray  # [content rows, D]: descriptors of every stride-th frame
    content_offsets: np.ndarray
    stride: int
    ids: list
    cap_minutes: float  # models/prep/packages.ts PACKAGE_CAP_MIN

    def weights(self, hop_s: float) -> np.ndarray:
        """Per track, the weight that lets each package count with at most `cap_minutes` of music: the
        tracks stage already keeps at most about that much of each, so this only evens out the rest (a
        package whose one track is longer than the cap)."""
        minutes = {}
        for p, n in zip(self.packages, self.lengths):
            minutes[p] = minutes.get(p, 0.0) + n * hop_s / 60
        return np.array([min(1.0, self.cap_minutes / minutes[p]) for p in self.packages])


@dataclass
class Curves:
    commands: np.ndarray  # [n, 10] dB, the engine command
    gains: np.ndarray  # [n, B] dB, what it does to each feature band


def load_tracks(directory: Path) -> Tracks:
    idx = json.loads((directory / "index.json").read_text())
    n, b, k = idx["frames"], idx["bandCount"], idx["temporalCount"]
    bands = np.fromfile(directory / "bands.f32", dtype="<f4").reshape(n, b)
    temporal = np.fromfile(directory / "temporal.f32", dtype="<f4").reshape(n, k)
    content = np.fromfile(directory / "content.f32", dtype="<f4").reshape(
        idx["contentRows"], idx["contentCount"]
    )
    tracks = idx["tracks"]
    return Tracks(
        bands,
        temporal,
        np.array([t["offset"] for t in tracks]),
        np.array([t["frames"] for t in tracks]),
        [t["package"] for t in tracks],
        np.array(idx["bandEdgesHz"]),
        content,
        np.array([t["contentOffset"] for t in tracks]),
        idx["contentStride"],
        [t["id"] for t in tracks],
        idx.get("packageCapMinutes", 60.0),
    )


def load_curves(directory: Path, split: str, bands: int) -> Curves:
    c = np.fromfile(directory / f"curves-{split}-commands.f32", dtype="<f4").reshape(-1, 10)
    g = np.fromfile(directory / f"curves-{split}-gains.f32", dtype="<f4").reshape(-1, bands)
    return Curves(c, g)


def song_input(
    bands: np.ndarray, temporal: np.ndarray, content: np.ndarray, start: int, stride: int, contract: dict
):
    """Raw features of frames [start, start + len(bands)) of a song (content: all of the song's rows) as
    src/shared/model/preprocess.ts (songInput) makes them an input: without the silent frames (all of them
    if too few are left), looped to a window if shorter; and the content rows of the frames kept that fall
    on the stride (the first frame's row if none does), never looped."""
    window = contract["input"]["windowFrames"]
    frames = np.arange(start, start + len(bands))
    loud = temporal[:, 0] >= contract["input"]["silentFrameRmsDb"]
    if loud.sum() >= min(len(bands), window):
        bands, temporal, frames = bands[loud], temporal[loud], frames[loud]
    on = frames[frames % stride == 0] // stride
    rows = on if len(on) > 0 else frames[:1] // stride
    c = content[rows]
    if len(bands) < window:
        loop = np.arange(window) % len(bands)
        bands, temporal = bands[loop], temporal[loop]
    return bands, temporal, c


def normalise(
    bands: torch.Tensor, temporal: torch.Tensor, contract: dict
) -> tuple[torch.Tensor, torch.Tensor]:
    """[N, T, B] dB and [N, T, K] -> model inputs [N, 1, B, T] and [N, T, K], as
    src/shared/model/preprocess.ts does (the contract's normalisation)."""
    n = contract["normalisation"]
    b = (bands - bands.mean(dim=(1, 2), keepdim=True)) / n["bandsScaleDb"]
    rms = (temporal[:, :, 0] - temporal[:, :, 0].mean(dim=1, keepdim=True)) / n["rmsScaleDb"]
    t = torch.stack(
        [rms, temporal[:, :, 1] / n["fluxScaleDb"], temporal[:, :, 2] / n["fluxScaleDb"], temporal[:, :, 3]],
        dim=2,
    )
    return b.transpose(1, 2).unsqueeze(1).contiguous(), t


class ExampleMaker:
    def __init__(self, tracks: Tracks, curves: Curves, contract: dict, rng: np.random.Generator):
        self.tracks, self.curves, self.contract, self.rng = tracks, curves, contract, rng
        self.eq = FeatureEq(tracks.edges, contract["input"]["frameSize"] // 2)

    def excerpt(self, track: int, start: int, length: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Frames [start, start + length) of a track as the product makes them an input (song_input)."""
        tr = self.tracks
        o = tr.offsets[track] + start
        c0 = tr.content_offsets[track]
        c1 = tr.content_offsets[track + 1] if track + 1 < len(tr.content_offsets) else len(tr.content)
        return song_input(
            tr.bands[o : o + length],
            tr.temporal[o : o + length],
            tr.content[c0:c1],
            start,
            tr.stride,
            self.contract,
        )

    def make(self, excerpts: list, untouched: np.ndarray | None = None, noise: bool = True):
        """excerpts: (bands [T, B], temporal [T, K], content [Tc, D]) of equal length T -> inputs
        (bands, temporal, content cut to the fewest rows) and targets for a batch, each with a random curve
        (or none) and, sometimes, noise. The content descriptors are taken as the EQ leaves them
        (models/eval/invariance.py measures how nearly that holds)."""
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
        rows = min(len(e[2]) for e in excerpts)
        content = torch.from_numpy(np.stack([e[2][:rows] for e in excerpts]))
        return (*normalise(b, t, self.contract), content, torch.from_numpy(target.astype(np.float32)))
