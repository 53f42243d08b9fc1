"""The corrective-EQ network: a CNN over the log-band spectrogram and a GRU over temporal features,
fused into a regression head with the band gains and the embedding (penultimate layer) as outputs.

Sized for the browser (about 44k parameters). Everything works with any number of frames: the CNN
pools globally over time (AdaptiveAvgPool2d to a size other than 1 does not export with dynamic frames)."""
import torch
from torch import nn


def texture_statistics(x: torch.Tensor) -> torch.Tensor:
    """EQ-invariant statistics of a window's texture x [N, B, T] (each band minus its mean over time), per
    band: spread, flux, and correlation with the bands one and two places up -> [N, 4B - 3]. Also used by
    models/eval/headroom.py to measure how much of the music's balance they predict."""
    spread = torch.sqrt(torch.clamp((x * x).mean(dim=2), min=1e-6))  # [N, B]
    flux = (x[:, :, 1:] - x[:, :, :-1]).abs().mean(dim=2)  # [N, B]
    z = x / spread.unsqueeze(2)
    near = (z[:, 1:] * z[:, :-1]).mean(dim=2)  # [N, B-1] correlation with the next band
    far = (z[:, 2:] * z[:, :-2]).mean(dim=2)  # [N, B-2] and with the one after
    return torch.cat([spread, flux, near, far], dim=1)


class EqNet(nn.Module):
    def __init__(self, bands: int, temporal: int, gains: int, embedding: int):
        super().__init__()
        # The CNN sees only what an EQ cannot change: each band's movement around its own mean over the
        # window (an EQ adds a constant per band). From that texture (drums, sustained pads, vocals) it
        # infers what balance the music probably had. Given absolute spectra instead, it memorised the
        # training packages' spectra and did worse than doing nothing on held-out packages.
        self.cnn = nn.Sequential(
            nn.Conv2d(1, 12, kernel_size=(5, 4), stride=(1, 4), padding=(2, 0)),
            nn.BatchNorm2d(12),
            nn.ReLU(),
            nn.Conv2d(12, 16, kernel_size=(3, 3), stride=(1, 2), padding=(1, 1)),
            nn.BatchNorm2d(16),
            nn.ReLU(),
        )
        # Per-frequency mixing of the time-pooled channels (mean and max), then flattened over frequency.
        self.freq_mix = nn.Sequential(nn.Conv1d(32, 4, kernel_size=1), nn.ReLU())
        # Temporal features at a quarter of the frame rate: enough for dynamics and rhythm, 4x cheaper.
        self.temporal_pool = nn.AvgPool1d(kernel_size=4, stride=4)
        self.gru = nn.GRU(temporal, 24, batch_first=True)
        # Hand-made EQ-invariant statistics of the texture, per band: spread, frame-to-frame movement
        # (flux), and how each band moves with its neighbours one and two quarter-octaves away. A ridge
        # regression from these explains about 40 % of the natural balance of the held-out packages' songs
        # (models/eval/headroom.py prints the figure).
        stats = bands + bands + (bands - 1) + (bands - 2)
        self.stats_norm = nn.BatchNorm1d(stats)
        self.head = nn.Sequential(
            nn.Linear(4 * bands + stats + 24, 96),
            nn.ReLU(),
            nn.Dropout(0.2),
            nn.Linear(96, embedding),
            nn.ReLU(),
        )
        # The observed long-term spectrum enters linearly (a learned, shrunk spectrum match); the content
        # embedding moves the reference that the spectrum is matched to.
        self.from_spectrum = nn.Linear(bands, gains)
        # A small nonlinear path on the same spectrum: the curves are sums of shelves and bells, shapes a
        # nonlinear reader of 40 quarter-octave bands can tell from the music's own balance better than a
        # linear one (during development it lowered the held-out error slightly, on windows and songs).
        self.spectrum_mlp = nn.Sequential(nn.Linear(bands, 48), nn.ReLU(), nn.Dropout(0.2), nn.Linear(48, gains))
        self.out = nn.Linear(embedding, gains)

    def forward(self, bands: torch.Tensor, temporal: torch.Tensor):
        # bands: [N, 1, B, T]; temporal: [N, T, K]
        ltas = bands.mean(dim=3, keepdim=True)  # [N, 1, B, 1]
        texture = bands - ltas
        h = self.cnn(texture)
        pooled = torch.cat([h.mean(dim=3), h.amax(dim=3)], dim=1)  # [N, 32, B]
        spec = self.freq_mix(pooled).flatten(1)  # [N, 4B]
        stats = self.stats_norm(texture_statistics(texture[:, 0]))
        t = self.temporal_pool(temporal.transpose(1, 2)).transpose(1, 2)
        _, h_n = self.gru(t)
        embedding = self.head(torch.cat([spec, stats, h_n[0]], dim=1))
        spectrum = ltas[:, 0, :, 0]
        g = self.from_spectrum(spectrum) + self.spectrum_mlp(spectrum) + self.out(embedding)
        # The output is a shape: its mean over bands is zero by construction (level is matched elsewhere).
        gains = g - g.mean(dim=1, keepdim=True)
        return gains, embedding


def build(d: dict) -> EqNet:
    return EqNet(d["bands"], d["temporal"], d["gains"], d["embedding"])


def parameter_count(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())
