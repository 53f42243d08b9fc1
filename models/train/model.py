"""The corrective-EQ network: a CNN over the log-band spectrogram and a GRU over temporal features,
fused into a regression head with the band gains and the embedding (penultimate layer) as outputs.

Sized for the browser (about 100k parameters). Everything works with any number of frames: the CNN
pools globally over time (AdaptiveAvgPool2d to a size other than 1 does not export with dynamic frames)."""
import torch
from torch import nn


class EqNet(nn.Module):
    def __init__(self, bands: int, temporal: int, gains: int, embedding: int):
        super().__init__()
        # Time is strided early: spectral balance is a long-term property, the CNN needs texture, not timing.
        self.cnn = nn.Sequential(
            nn.Conv2d(1, 16, kernel_size=(5, 4), stride=(1, 4), padding=(2, 0)),
            nn.BatchNorm2d(16),
            nn.ReLU(),
            nn.Conv2d(16, 24, kernel_size=(3, 3), padding=(1, 1)),
            nn.BatchNorm2d(24),
            nn.ReLU(),
            nn.Conv2d(24, 24, kernel_size=(3, 3), stride=(1, 2), padding=(1, 1)),
            nn.BatchNorm2d(24),
            nn.ReLU(),
        )
        # Per-frequency mixing of the time-pooled channels (mean and max), then flattened over frequency.
        self.freq_mix = nn.Sequential(nn.Conv1d(48, 8, kernel_size=1), nn.ReLU())
        # Temporal features at a quarter of the frame rate: enough for dynamics and rhythm, 4x cheaper.
        self.temporal_pool = nn.AvgPool1d(kernel_size=4, stride=4)
        self.gru = nn.GRU(temporal, 32, batch_first=True)
        fused = 8 * bands + 2 * bands + 32
        self.head = nn.Sequential(
            nn.Linear(fused, 128),
            nn.ReLU(),
            nn.Dropout(0.1),
            nn.Linear(128, embedding),
            nn.ReLU(),
        )
        self.out = nn.Linear(embedding, gains)

    def forward(self, bands: torch.Tensor, temporal: torch.Tensor):
        # bands: [N, 1, B, T]; temporal: [N, T, K]
        h = self.cnn(bands)
        pooled = torch.cat([h.mean(dim=3), h.amax(dim=3)], dim=1)  # [N, 48, B]
        spec = self.freq_mix(pooled).flatten(1)  # [N, 8B]
        # The long-term spectrum and its spread over time, straight from the input (a strong, cheap cue).
        x = bands[:, 0]
        mean = x.mean(dim=2)
        spread = torch.sqrt(torch.clamp((x * x).mean(dim=2) - mean * mean, min=1e-6))
        t = self.temporal_pool(temporal.transpose(1, 2)).transpose(1, 2)
        _, h_n = self.gru(t)
        fused = torch.cat([spec, mean, spread, h_n[0]], dim=1)
        embedding = self.head(fused)
        g = self.out(embedding)
        # The output is a shape: its mean over bands is zero by construction (level is matched elsewhere).
        gains = g - g.mean(dim=1, keepdim=True)
        return gains, embedding


def build(d: dict) -> EqNet:
    return EqNet(d["bands"], d["temporal"], d["gains"], d["embedding"])


def parameter_count(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())
