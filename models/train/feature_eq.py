"""An EQ applied in the feature domain: what the shared extractor (src/shared/features) would read from a
window after the engine filtered it with a curve, computed from the untouched window's features.

Why: an EQ multiplies each FFT bin's power by the filter's power gain, and over a quarter-octave band the
curves are smooth, so a band's power is multiplied by the curve's band-averaged gain (written per curve by
models/prep/curve-table.ts). Training on natural features plus fresh curves each epoch sees every window of
every training track under ever new curves, at a fraction of the cost of filtering audio; the validation
and test windows are still filtered by the real engine, so the evaluation measures the approximation too
(models/prep/feature-eq-check.ts measures it directly).

Inputs are raw features (dB, not normalised): bands [N, T, B] and temporal [N, T, 4] in the extractor's
layout; the band edges come from the tracks' index.json."""
import numpy as np
import torch

POWER_FLOOR = 1e-10
ONSET_CONTEXT = 8


class FeatureEq:
    def __init__(self, band_edges_hz: np.ndarray, spectrum_bins: int):
        edges = np.asarray(band_edges_hz, dtype=np.float64)
        self.spectrum_bins = spectrum_bins  # the FFT's bins (frameSize / 2): white noise spreads over them
        # Bins' worth of each band (its power is a mean per bin) and its centre, for the whole-frame sums
        # behind rmsDb and the centroid.
        self.width = torch.tensor(edges[1:] - edges[:-1], dtype=torch.float32)
        self.centre = torch.tensor(np.sqrt(edges[1:] * edges[:-1]), dtype=torch.float32)

    def apply(
        self,
        bands: torch.Tensor,
        temporal: torch.Tensor,
        gains_db: torch.Tensor,
        noise_snr_db: torch.Tensor | None = None,
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """bands [N, T, B] dB, temporal [N, T, 4], gains_db [N, B] (band power gains in dB); noise_snr_db
        [N] adds white noise that far below the window's mean power after the EQ (NaN: none)."""
        p = torch.clamp(10 ** (bands / 10) - POWER_FLOOR, min=0)
        g = 10 ** (gains_db / 10)
        q = p * g.unsqueeze(1)
        w = self.width
        before = (p * w).sum(2)
        if noise_snr_db is not None:
            # White noise has the same power in every bin: the frames' mean total power, spread over the
            # spectrum's bins, set snr dB below. Band powers are means per bin, so each band gets that much.
            total = 10 ** (temporal[:, :, 0] / 10)  # [N, T] whole-frame power before the EQ
            mean_total = (total * (q * w).sum(2) / torch.clamp(before, min=1e-30)).mean(1)  # [N]
            snr = torch.nan_to_num(noise_snr_db, nan=1e9)
            q = q + (mean_total / self.spectrum_bins * 10 ** (-snr / 10))[:, None, None]
        new_bands = 10 * torch.log10(q + POWER_FLOOR)
        after = (q * w).sum(2)
        ok = (before > 0) & (after > 0)
        safe = lambda x: torch.where(ok, x, torch.ones_like(x))  # noqa: E731
        rms = temporal[:, :, 0] + torch.where(
            ok, 10 * torch.log10(safe(after) / safe(before)), torch.zeros_like(before)
        )
        c_before = (p * w * self.centre).sum(2) / safe(before)
        c_after = (q * w * self.centre).sum(2) / safe(after)
        centroid = temporal[:, :, 3] + torch.where(
            ok & (temporal[:, :, 3] != 0),
            torch.log2(safe(c_after) / safe(c_before)),
            torch.zeros_like(before),
        )
        flux, onset = flux_and_onset(new_bands)
        return new_bands, torch.stack([rms, flux, onset, centroid], dim=2)


def flux_and_onset(bands: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """logFlux and onsetStrength exactly as src/shared/features/temporal.ts computes them, for [N, T, B]."""
    rise = torch.clamp(bands[:, 1:] - bands[:, :-1], min=0).mean(2)
    flux = torch.cat([torch.zeros_like(rise[:, :1]), rise], dim=1)  # [N, T]
    T = flux.shape[1]
    csum = torch.cat([torch.zeros_like(flux[:, :1]), torch.cumsum(flux, dim=1)], dim=1)
    f = torch.arange(T)
    ctx = torch.clamp(f, max=ONSET_CONTEXT)
    local = (csum[:, f] - csum[:, f - ctx]) / torch.clamp(ctx, min=1)
    local = torch.where(ctx > 0, local, flux)
    return flux, torch.clamp(flux - local, min=0)


def main() -> None:
    """For the test in models/train/smoke.test.ts: JSON {bands [T][B], temporal [T][4], gains [B], edges}
    on stdin -> {bands, temporal} after the feature-domain EQ on stdout."""
    import json
    import sys

    from contract import load_contract

    d = json.load(sys.stdin)
    eq = FeatureEq(np.array(d["edges"]), load_contract()["input"]["frameSize"] // 2)
    b, t = eq.apply(
        torch.tensor([d["bands"]], dtype=torch.float32),
        torch.tensor([d["temporal"]], dtype=torch.float32),
        torch.tensor([d["gains"]], dtype=torch.float32),
    )
    json.dump({"bands": b[0].tolist(), "temporal": t[0].tolist()}, sys.stdout)


if __name__ == "__main__":
    main()
