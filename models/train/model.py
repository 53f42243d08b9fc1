"""The corrective-EQ network. One pass over a whole song (or a single window: the time axis is dynamic):

- a **summary** of the input that an EQ cannot change, except its long-term spectrum: the spectrum (each
  band's mean over the frames), and per band the texture around it: spread, flux, correlation with the
  bands one and two quarter-octaves away, skewness and kurtosis of the level over time, plus the mean and
  spread of the EQ-invariant temporal features;
- a **linear path** from that summary to the gains, fitted in closed form (ridge regression) by
  linear_fit.py: a spectrum match whose reference depends on the texture, i.e. on what kind of music it is,
  scaled down per band for inputs as short as one window;
- a **CNN** over the texture of the band spectrogram and a **GRU** over the temporal features, fused with
  the summary into a head whose 32-unit ReLU layer is the embedding output (for on-device
  personalisation) and whose output adds a learned correction to the linear path.

Why whole songs: a song's natural balance varies less than a window's, so the right amount of shrinkage
for a song is smaller than for a window; averaging window suggestions inherits the window's (too strong)
shrinkage. Why the closed-form linear path: the music's natural balance has to be learned from about 200
training songs; a ridge over the summary generalises to held-out packages better than the same map
learned by gradient descent (models/MODEL_CARD.md)."""
import torch
from torch import nn

from content import CONTENT_SUMMARY_NAMES, content_summary


def texture_statistics(x: torch.Tensor) -> torch.Tensor:
    """EQ-invariant statistics of a texture x [N, B, T] (each band minus its mean over time), per band:
    spread, flux, correlation with the bands one and two places up, skewness and kurtosis -> [N, 6B - 3].
    Also the texture part of the structured model's content prior (structured.invariant_inputs)."""
    spread = torch.sqrt(torch.clamp((x * x).mean(dim=2), min=1e-6))  # [N, B]
    flux = (x[:, :, 1:] - x[:, :, :-1]).abs().mean(dim=2)  # [N, B]
    z = x / spread.unsqueeze(2)
    near = (z[:, 1:] * z[:, :-1]).mean(dim=2)  # [N, B-1] correlation with the next band
    far = (z[:, 2:] * z[:, :-2]).mean(dim=2)  # [N, B-2] and with the one after
    z2 = z * z
    skew = (z2 * z).mean(dim=2)
    kurt = (z2 * z2).mean(dim=2)
    return torch.cat([spread, flux, near, far, skew, kurt], dim=1)


def summary_features(
    bands: torch.Tensor, temporal: torch.Tensor, content: torch.Tensor | None = None
) -> torch.Tensor:
    """bands [N, 1, B, T], temporal [N, T, K] (normalised per the contract), content [N, Tc, D] or None ->
    [N, summary_size(B, K, content is not None)]: the long-term spectrum, the texture statistics, the mean
    and spread over time of the temporal features an EQ does not move (all but the last, the spectral
    centroid), and the pooled content descriptors when given."""
    x = bands[:, 0]
    ltas = x.mean(dim=2)
    stats = texture_statistics(x - ltas.unsqueeze(2))
    t = temporal[:, :, :-1]
    t_mean = t.mean(dim=1)
    t_std = torch.sqrt(torch.clamp(((t - t_mean.unsqueeze(1)) ** 2).mean(dim=1), min=1e-8))
    parts = [ltas, stats, t_mean, t_std]
    if content is not None:
        parts.append(content_summary(content))
    return torch.cat(parts, dim=1)


def summary_size(bands: int, temporal: int, with_content: bool = False) -> int:
    return bands + 6 * bands - 3 + 2 * (temporal - 1) + (len(CONTENT_SUMMARY_NAMES) if with_content else 0)


class EqNet(nn.Module):
    """The version 2 network (a linear path and a CNN/GRU correction), kept for the ablation of version 3:
    with `use_content` its summary includes the pooled content descriptors."""

    def __init__(
        self,
        bands: int,
        temporal: int,
        gains: int,
        embedding: int,
        window_frames: int,
        use_content: bool = False,
    ):
        super().__init__()
        self.window_frames = window_frames  # the contract's shortest input (6 s)
        self.use_content = use_content
        size = summary_size(bands, temporal, use_content)
        # Standardisation of the summary and the ridge weights: set by train.py's closed-form fit.
        self.register_buffer("summary_mean", torch.zeros(size))
        self.register_buffer("summary_scale", torch.ones(size))
        self.linear = nn.Linear(size, gains)
        # Per band, how much of the linear correction a 6 s window gets (1 from about 95 s up): a window
        # hears less of the music, so its suggestion is less certain (set by train.py).
        self.register_buffer("window_scale", torch.ones(gains))
        # The CNN sees only the texture (each band minus its mean over time): what an EQ cannot change.
        self.cnn = nn.Sequential(
            nn.Conv2d(1, 12, kernel_size=(5, 4), stride=(1, 4), padding=(2, 0)),
            nn.BatchNorm2d(12),
            nn.ReLU(),
            nn.Conv2d(12, 16, kernel_size=(3, 3), stride=(1, 2), padding=(1, 1)),
            nn.BatchNorm2d(16),
            nn.ReLU(),
        )
        self.freq_mix = nn.Sequential(nn.Conv1d(32, 4, kernel_size=1), nn.ReLU())
        # Temporal features pooled over 16 frames (0.74 s): the GRU follows the song's dynamics, not single
        # beats. Its steps are sequential and dominate the cost of a whole-song pass: at 4 frames a 4-minute
        # song took 50 ms in onnxruntime-web (npm run model:web-speed).
        self.temporal_pool = nn.AvgPool1d(kernel_size=16, stride=16)
        self.gru = nn.GRU(temporal, 24, batch_first=True)
        self.head = nn.Sequential(
            nn.Linear(4 * bands + size + 24, 96),
            nn.ReLU(),
            nn.Dropout(0.2),
            nn.Linear(96, embedding),
            nn.ReLU(),
        )
        self.out = nn.Linear(embedding, gains)
        # The learned correction starts at zero: training begins from the fitted linear path.
        nn.init.zeros_(self.out.weight)
        nn.init.zeros_(self.out.bias)

    def forward(self, bands: torch.Tensor, temporal: torch.Tensor, content: torch.Tensor):
        # bands: [N, 1, B, T]; temporal: [N, T, K]; content: [N, Tc, D]
        summary = (
            summary_features(bands, temporal, content if self.use_content else None) - self.summary_mean
        ) / self.summary_scale
        texture = bands - bands.mean(dim=3, keepdim=True)
        h = self.cnn(texture)
        pooled = torch.cat([h.mean(dim=3), h.amax(dim=3)], dim=1)  # [N, 32, B]
        spec = self.freq_mix(pooled).flatten(1)  # [N, 4B]
        t = self.temporal_pool(temporal.transpose(1, 2)).transpose(1, 2)
        _, h_n = self.gru(t)
        embedding = self.head(torch.cat([spec, summary, h_n[0]], dim=1))
        frames = torch.ones_like(bands[:, 0, 0, :]).sum(dim=1, keepdim=True)  # [N, 1], dynamic in ONNX
        heard = torch.clamp(
            torch.log2(frames / self.window_frames) / 4, min=0.0, max=1.0
        )  # 6 s -> 0, 95 s -> 1
        certainty = self.window_scale + (1 - self.window_scale) * heard
        g = self.linear(summary) * certainty + self.out(embedding)
        # The output is a shape: its mean over bands is zero by construction (level is matched elsewhere).
        gains = g - g.mean(dim=1, keepdim=True)
        return gains, embedding


def build(d: dict, use_content: bool = False) -> EqNet:
    return EqNet(d["bands"], d["temporal"], d["gains"], d["embedding"], d["frames"], use_content)


def parameter_count(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())
