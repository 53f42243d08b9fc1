"""Do a note's harmonics tell a shelf from the music's own balance? (npm run model:harmonic-check; about
2 minutes here, after `npm run model:fetch` and `model:tracks`.)

The content prior is what limits the blind suggestion (MODEL_CARD.md, "What a better content prior would be
worth"), worst at the ends of the spectrum where shelves act. One candidate for better evidence is the level
differences between a note's harmonics across a shelf's corner: a low shelf raises a low note's
fundamental more than its third harmonic, while how loud the bass instrument sits in the mix (much of why
songs differ in bass) raises both alike. This measures, on the untouched training and validation tracks
(never the held-out packages), how far each shelf of the response check moves a measure compared with how
much that measure varies between songs: d' = the shelf's mean effect over the songs' spread, for the octave
balance of the shelf's bands alone, the harmonic differences alone, and both together (Mahalanobis: what an
ideal linear test of all of them achieves, their correlation counted). A measure that adds evidence raises
the joint d' above the balance's own.

Per frame (16384-point FFT at 44.1 kHz, hop 8192, at most 400 frames a track): the harmonic series with
f0 in the region's range whose first six harmonics have the largest summed log level, kept when its first
three harmonics each stand 8 dB above the median level of the third of an octave around them. A static
shelf adds its gain at each harmonic's frequency, so its effect on the differences follows exactly from
the kept f0s; on the balance, from the frames' mean power spectrum with the gain applied. The shelves are
drawn as the response check's engine commands are (models/prep/problems.ts), here as continuous curves."""
import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MODELS = Path(__file__).resolve().parent.parent
CACHE = MODELS / ".cache"
SAMPLE_RATE = 44100  # the corpus PCM's rate (manifest.json "sampleRateHz")
FFT, HOP, MAX_FRAMES = 16384, 8192, 400
HARMONICS = 6
PEAK_TOLERANCE = 0.015  # a harmonic's peak is searched within ±1.5 % of k·f0
SALIENCE_DB = 8.0
OCTAVES_HZ = [31.25, 62.5, 125, 250, 500, 1000, 2000, 4000, 8000]  # 16 kHz: above what the model observes


def shelf_gain_db(
    f: np.ndarray, gain_db: float, corner_hz: float, low: bool, octaves: float = 1.5
) -> np.ndarray:
    """models/prep/curves.ts highShelf: 10 % to 90 % over `octaves`; a low shelf is its complement."""
    high = 1 / (1 + np.exp(-(4.394 / octaves) * np.log2(np.maximum(f, 1.0) / corner_hz)))
    return gain_db * ((1 - high) if low else high)


@dataclass(frozen=True)
class Region:
    name: str
    problem: str
    f0_hz: tuple[float, float]
    shelf_octaves: tuple[float, ...]  # the octave bands the shelf mostly moves
    gain_db: float
    corner_hz: float
    low: bool

    def gain(self, f: np.ndarray) -> np.ndarray:
        return shelf_gain_db(f, self.gain_db, self.corner_hz, self.low)


REGIONS = [
    Region(
        "low shelf", "boomy: low shelf +10 dB at 150 Hz", (40.0, 160.0), (31.25, 62.5, 125), 10.0, 150.0, True
    ),
    Region(
        "high shelf", "harsh: high shelf +10 dB at 4 kHz", (600.0, 2400.0), (4000, 8000), 10.0, 4000.0, False
    ),
]


def training_tracks(cache: Path) -> list[dict]:
    """The tracks the trainer fits (models/.cache/tracks/{train,val}/index.json): never the held-out ones."""
    tracks = []
    for split in ("train", "val"):
        index = cache / "tracks" / split / "index.json"
        if not index.is_file():
            sys.exit(
                f"harmonic check: {index} is missing:"
                " run `npm run model:fetch` and `npm run model:tracks` first"
            )
        tracks += json.loads(index.read_text())["tracks"]
    return tracks


def pcm_path(cache: Path, track_id: str) -> Path:
    """models/prep/packages.ts pcmPath."""
    return cache / "pcm" / (re.sub(r"[^A-Za-z0-9._-]+", "_", track_id) + ".f32")


class Spectra:
    """Power spectra of a track's frames and the helpers that read harmonic peaks from them."""

    def __init__(self, x: np.ndarray):
        count = (len(x) - FFT) // HOP
        starts = np.arange(max(count, 0))[:: max(1, count // MAX_FRAMES)] * HOP
        window = np.hanning(FFT).astype(np.float32)
        frames = np.stack([x[s : s + FFT] * window for s in starts]) if len(starts) else np.zeros((0, FFT))
        self.power = np.abs(np.fft.rfft(frames, axis=1)) ** 2 + 1e-12
        self.freqs = np.fft.rfftfreq(FFT, 1 / SAMPLE_RATE)

    def peak(self, f: np.ndarray) -> np.ndarray:
        """[frames, len(f)]: the largest power within the tolerance of each frequency."""
        lo = np.searchsorted(self.freqs, f * (1 - PEAK_TOLERANCE))
        hi = np.searchsorted(self.freqs, f * (1 + PEAK_TOLERANCE)) + 1
        return np.stack([self.power[:, a:b].max(axis=1) for a, b in zip(lo, hi)], axis=1)

    def local_median(self, f: np.ndarray) -> np.ndarray:
        """[frames]: per frame, the median power of the third of an octave around f[frame]."""
        grid = f[:, None] * 2 ** np.linspace(-1 / 6, 1 / 6, 9)[None]
        bins = np.clip(np.searchsorted(self.freqs, grid), 0, len(self.freqs) - 1)
        return np.median(self.power[np.arange(len(f))[:, None], bins], axis=1)

    def octave_balance(self, power: np.ndarray, shelf: tuple[float, ...]) -> float:
        """Mean level (dB) of the shelf's octave bands minus that of the other octave bands."""
        level = {
            fc: 10 * np.log10(power[(self.freqs >= fc / 2**0.5) & (self.freqs < fc * 2**0.5)].mean())
            for fc in OCTAVES_HZ
        }
        inside = [level[fc] for fc in OCTAVES_HZ if fc in shelf]
        outside = [level[fc] for fc in OCTAVES_HZ if fc not in shelf]
        return float(np.mean(inside) - np.mean(outside))


def measure(spectra: Spectra, region: Region) -> dict | None:
    """One song's measures in one region, and the shelf's effect on each; None without enough notes."""
    f0s = region.f0_hz[0] * 2 ** (np.arange(0, 24 * np.log2(region.f0_hz[1] / region.f0_hz[0]) + 1) / 24)
    k = np.arange(1, HARMONICS + 1)
    levels = np.stack([spectra.peak(f0 * k) for f0 in f0s], axis=1)  # [frames, f0s, harmonics]
    best = np.log(levels).sum(axis=2).argmax(axis=1)
    frames = np.arange(len(best))
    f0 = f0s[best]
    h = levels[frames, best]  # [frames, harmonics]
    stand = np.stack([h[:, j] / spectra.local_median(f0 * (j + 1)) for j in range(3)], axis=1)
    keep = (10 * np.log10(stand) > SALIENCE_DB).all(axis=1)
    if keep.sum() < 10:
        return None
    level_db = 10 * np.log10(h[keep])
    gain_db = region.gain(f0[keep][:, None] * k[None])
    mean_power = spectra.power.mean(axis=0)
    balance = spectra.octave_balance(mean_power, region.shelf_octaves)
    shelved = spectra.octave_balance(
        mean_power * 10 ** (region.gain(spectra.freqs) / 10), region.shelf_octaves
    )
    # Consecutive harmonics' level differences, averaged over the kept notes.
    diffs = (level_db[:, :-1] - level_db[:, 1:]).mean(axis=0)
    effects = (gain_db[:, :-1] - gain_db[:, 1:]).mean(axis=0)
    return {
        "notes": int(keep.sum()),
        "values": [balance, *diffs.tolist()],
        "effects": [shelved - balance, *effects.tolist()],
    }


def d_prime(values: np.ndarray, effects: np.ndarray, packages: np.ndarray, columns: list[int]) -> float:
    """The shelf's mean effect on the chosen measures over their spread between songs, for the best linear
    combination of them (Fisher's: the inverse covariance times the mean effect), found without the package
    it judges: each package's songs are projected on the direction fitted to the others (scaled to unit
    spread there, centred on their mean), so a combination that only fits these songs scores no better."""
    v, e = values[:, columns], effects[:, columns]
    shift, spread = np.zeros(len(v)), np.zeros(len(v))
    for pkg in np.unique(packages):
        held = packages == pkg
        cov = np.atleast_2d(np.cov(v[~held].T))
        w = np.linalg.solve(cov, e[~held].mean(axis=0))
        w /= np.sqrt(w @ cov @ w)
        shift[held] = e[held] @ w
        spread[held] = (v[held] - v[~held].mean(axis=0)) @ w
    return float(shift.mean() / np.sqrt((spread**2).mean()))


def summarise(songs: list[dict], region: Region) -> dict:
    values = np.array([s["values"] for s in songs])
    effects = np.array([s["effects"] for s in songs])
    packages = np.array([s["package"] for s in songs])
    harmonic = list(range(1, values.shape[1]))
    single = [d_prime(values, effects, packages, [c]) for c in harmonic]
    return {
        "region": region.name,
        "problem": region.problem,
        "songs": len(songs),
        "medianNotes": float(np.median([s["notes"] for s in songs])),
        "balanceDPrime": round(d_prime(values, effects, packages, [0]), 3),
        "bestHarmonicDPrime": round(max(single), 3),
        "harmonicsDPrime": round(d_prime(values, effects, packages, harmonic), 3),
        "bothDPrime": round(d_prime(values, effects, packages, [0, *harmonic]), 3),
        "balanceHarmonicCorrelation": [
            round(float(np.corrcoef(values[:, 0], values[:, c])[0, 1]), 2) for c in harmonic
        ],
    }


def card_text(result: dict) -> str:
    lines = [
        f"Untouched training and validation tracks ({result['tracks']} tried), each shelf of the response"
        " check: "
        "its mean effect on a measure over that measure's spread between songs (d'; larger is easier to tell "
        "from the music). Songs: those with at least 10 clear notes in the region.",
        "",
        "| shelf (response check) | songs | clear notes per song (median) | octave balance"
        " | best harmonic difference "
        "| all harmonic differences | balance + harmonics |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in result["regions"]:
        lines.append(
            f"| {r['problem']} | {r['songs']} | {r['medianNotes']:.0f} | {r['balanceDPrime']:.2f} |"
            f" {r['bestHarmonicDPrime']:.2f} | {r['harmonicsDPrime']:.2f} | {r['bothDPrime']:.2f} |"
        )
    return "\n".join(lines)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cache", type=Path, default=CACHE, help="the pipeline's cache (models/.cache)")
    p.add_argument("--tracks", type=int, default=0, help="at most this many tracks (0: all)")
    p.add_argument("--result", type=Path, default=MODELS / "eval" / "harmonic-check.json")
    p.add_argument("--no-card", action="store_true", help="do not rewrite the model card's section")
    args = p.parse_args()
    if args.tracks < 0:
        p.error("--tracks must be 0 (all) or a positive count")
    t0 = time.time()
    tracks = training_tracks(args.cache)
    if args.tracks:
        tracks = tracks[: args.tracks]
    songs: dict[str, list[dict]] = {r.name: [] for r in REGIONS}
    for i, track in enumerate(tracks):
        path = pcm_path(args.cache, track["id"])
        if not path.is_file():
            sys.exit(f"harmonic check: {path} is missing: run `npm run model:fetch` first")
        spectra = Spectra(np.fromfile(path, dtype="<f4"))
        for region in REGIONS:
            m = measure(spectra, region) if len(spectra.power) else None
            if m is not None:
                songs[region.name].append({**m, "package": track["package"]})
        if (i + 1) % 50 == 0:
            print(f"harmonic check: {i + 1} of {len(tracks)} tracks ({time.time() - t0:.0f} s)", flush=True)
    regions = [r for r in REGIONS if len({s["package"] for s in songs[r.name]}) >= 3]
    if not regions:
        sys.exit(
            "harmonic check: songs with clear notes in fewer than 3 packages:"
            " too few to measure across packages"
        )
    result = {
        "tracks": len(tracks),
        "regions": [summarise(songs[r.name], r) for r in regions],
        "seconds": round(time.time() - t0, 1),
    }
    args.result.parent.mkdir(parents=True, exist_ok=True)
    args.result.write_text(json.dumps(result, indent=1) + "\n")
    if not args.no_card:
        sys.path.insert(0, str(MODELS / "eval"))
        from ablation import replace_section

        replace_section("harmonic-check", card_text(result))
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
