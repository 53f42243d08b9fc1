"""What a better content prior would be worth (npm run model:prior-headroom; about 19 minutes here).

The blind suggestion is limited by how well the content prior guesses a song's natural balance from what an
EQ cannot change (MODEL_CARD.md). On the same natural rows and the same out-of-package cross-validation as
the trainer's structured fit (train.py's rows, drawn from the same seed), this measures:

1. the shipped prior's (ridge) error per octave band, and how much of it the songs of one package share (a
   house sound that no single song shows);
2. the same inputs through an RBF kernel ridge regression: how much of that error a flexible, nonlinear map
   of the same inputs removes;
3. the structured fit's cross-validated figures (its settings search included) with the prior's guesses
   moved a fraction of the way to each song's true balance: how good the prior must become for issue 12's
   targets (song ratio 0.75, response 0.6 on average and 0.4 for each problem, do-no-harm 1.2 dB).

Writes models/eval/prior-headroom.json and the card's prior-headroom section (unless --no-card)."""
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch

MODELS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(MODELS / "train"))
import fit_structured as fs  # noqa: E402
import train  # noqa: E402
from contract import load_contract  # noqa: E402

OCTAVE_NAMES = ["31.25", "62.5", "125", "250", "500", "1k", "2k", "4k", "8k", "16k"]


def parse_args():
    p = train.parser(__doc__)
    p.add_argument("--result", type=Path, default=MODELS / "eval" / "prior-headroom.json")
    p.add_argument("--no-card", action="store_true", help="do not rewrite the model card's section")
    p.add_argument(
        "--toward", default="0,0.2,0.3,0.4", help="fractions of the way to the truth the prior's guesses move"
    )
    p.add_argument(
        "--kernels", default="0.1:0.1,0.3:0.3", help="kernel ridge settings, width:ridge (width per input)"
    )
    args = p.parse_args()
    try:
        args.toward = [float(v) for v in args.toward.split(",")]
        args.kernels = [
            tuple(float(v) for v in k.split(":", 1)) for k in filter(None, args.kernels.split(","))
        ]
    except ValueError:
        p.error("--toward takes fractions like 0,0.2,0.4 and --kernels width:ridge pairs like 0.1:0.1")
    if any(not 0 <= t < 1 for t in args.toward) or any(len(k) != 2 or min(k) <= 0 for k in args.kernels):
        p.error("--toward fractions must lie in [0, 1) and --kernels widths and ridges must be positive")
    return args


def weighted_mean(x: torch.Tensor, w: np.ndarray) -> torch.Tensor:
    wt = torch.from_numpy(w / w.sum())
    return (x * wt[:, None]).sum(0)


def kernel_out_of_package(zs: torch.Tensor, rows: fs.NaturalRows, width: float, ridge: float) -> torch.Tensor:
    """Out-of-package guesses of the natural balance by weighted RBF kernel ridge regression: per package
    left out, f = k(x, X) a + mean with (K + ridge W^-1) a = y - mean, W the rows' weights over their mean
    (the package cap, as the ridge prior uses them)."""
    gamma = width / zs.shape[1]
    kernel = torch.exp(-gamma * torch.cdist(zs, zs) ** 2)
    pred = torch.zeros_like(rows.n)
    for pkg in sorted(set(rows.package)):
        held = torch.from_numpy(rows.package == pkg)
        fit = ~held
        w = torch.from_numpy(rows.weight)[fit]
        w = w / w.mean()
        y = rows.n[fit]
        ym = (y * w[:, None]).sum(0) / w.sum()
        a = torch.cholesky_solve(
            y - ym,
            torch.linalg.cholesky(kernel[fit][:, fit] + torch.diag(ridge / w)),
        )
        p = kernel[held][:, fit] @ a + ym
        pred[held] = p - p.mean(dim=1, keepdim=True)
    return pred


def rms_db(err: dict) -> dict:
    return {
        "songResidualDb": round(err[fs.SONG] ** 0.5, 3),
        "windowResidualDb": round(err[fs.WINDOW] ** 0.5, 3),
    }


def card_text(r: dict) -> str:
    p = r["prior"]
    lines = [
        f"The shipped content prior (ridge, out of package on the {r['rows']} natural rows of the "
        f"{r['packages']} training and validation packages): {p['songResidualDb']:.2f} dB per quarter-octave "
        f"band on whole songs, against {p['naturalSongDb']:.2f} dB for the spread of the songs' balance; "
        f"{p['packageShare'] * 100:.0f} % of what it leaves is shared by the songs of one package.",
        "",
        "| octave band | " + " | ".join(OCTAVE_NAMES) + " |",
        "| --- | " + " | ".join("---:" for _ in OCTAVE_NAMES) + " |",
        "| songs' spread (dB) | " + " | ".join(f"{v:.1f}" for v in p["naturalPerOctaveDb"]) + " |",
        "| left after the prior (dB) | " + " | ".join(f"{v:.1f}" for v in p["perOctaveDb"]) + " |",
        "",
        "| content prior | songs (dB) | 6 s windows (dB) |",
        "| --- | ---: | ---: |",
        f"| ridge (shipped) | {p['songResidualDb']:.2f} | {p['windowResidualDb']:.2f} |",
    ]
    for k in r["kernel"]:
        lines.append(
            f"| RBF kernel ridge (width {k['width']}, ridge {k['ridge']}) | {k['songResidualDb']:.2f} |"
            f" {k['windowResidualDb']:.2f} |"
        )
    lines += [
        "",
        "The structured fit (settings search included), cross-validated over the packages, with the prior's "
        "guesses moved part of the way to each song's true balance:",
        "",
        "| prior's guesses moved | prior's song error (dB) | song ratio | song do-no-harm (dB) |"
        " window ratio | response: mean | response: lowest |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for t in r["towardTruth"]:
        lines.append(
            f"| {t['fraction'] * 100:.0f} % | {t['songResidualDb']:.2f} | {t['cvSongRatio']:.3f} |"
            f" {t['cvSongDoNoHarmDb']:.2f} | {t['cvWindowRatio']:.3f} | {t['cvResponseMean']:.3f} |"
            f" {t['cvResponseLowest']:.3f} |"
        )
    return "\n".join(lines)


def main() -> None:
    args = parse_args()
    torch.set_num_threads(args.threads)
    t0 = time.time()
    # The trainer's random state, step by step (train.main): the structured fit's rows and scenario.
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    contract = load_contract()
    inputs = train.load_inputs(args.tracks, contract, rng)
    train.reseed(args.seed, rng)
    model, rows = train.structured_rows(args, contract, inputs, True)
    state = rng.bit_generator.state
    _, _, _, zs, _ = fs.prior_inputs(model, rows, inputs.invariance_data)

    # 1. The shipped prior: its ridge chosen as the fit chooses it.
    lam, pred, err = fs.prior_ridge_search(zs, rows, args.search == "quick", [])
    songs = rows.kind == fs.SONG
    w = rows.weight[songs]
    resid = (rows.n - pred)[songs]
    natural = rows.n[songs] - weighted_mean(rows.n[songs], w)
    shared = torch.zeros_like(resid)
    for pkg in set(rows.package[songs]):
        mine = torch.from_numpy(rows.package[songs] == pkg)
        shared[mine] = weighted_mean(resid[mine], w[mine.numpy()])
    per_row = lambda x: float(((x**2).mean(1) * torch.from_numpy(w)).sum() / w.sum())  # noqa: E731
    with torch.no_grad():
        octave = lambda x: torch.sqrt(weighted_mean(model.octave(x.float()).double() ** 2, w))  # noqa: E731
        result = {
            "rows": int(len(rows.kind)),
            "packages": len(set(rows.package)),
            "priorRidge": lam,
            "prior": {
                **rms_db(err),
                "naturalSongDb": round(per_row(natural) ** 0.5, 3),
                "packageShare": round(per_row(shared) / per_row(resid), 3),
                "perOctaveDb": [round(float(v), 2) for v in octave(resid)],
                "naturalPerOctaveDb": [round(float(v), 2) for v in octave(natural)],
            },
        }
    print(json.dumps(result), flush=True)

    # 2. A nonlinear map of the same inputs.
    result["kernel"] = []
    for width, ridge in args.kernels:
        ts = time.time()
        kerr = fs.prior_error(kernel_out_of_package(zs, rows, width, ridge), rows)
        result["kernel"].append({"width": width, "ridge": ridge, **rms_db(kerr)})
        print(f"kernel ridge: {result['kernel'][-1]} ({time.time() - ts:.0f} s)", flush=True)

    # 3. The structured fit with a better prior, from the trainer's random state each time.
    result["towardTruth"] = []
    for fraction in args.toward:
        rng.bit_generator.state = state
        log: list = []
        setting = train.fit_rows(args, inputs, model, rows, log, rng, fraction)
        chosen = next(
            e for e in log if e.get("priorRidge") == setting["priorRidge"] and "songResidualDb" in e
        )
        result["towardTruth"].append(
            {
                "fraction": fraction,
                "songResidualDb": chosen["songResidualDb"],
                "windowResidualDb": chosen["windowResidualDb"],
                **{
                    k: setting[k]
                    for k in ("cvSongRatio", "cvSongDoNoHarmDb", "cvWindowRatio", "cvWindowDoNoHarmDb")
                },
                "cvResponseMean": round(float(np.mean(setting["cvResponse"])), 3),
                "cvResponseLowest": round(float(np.min(setting["cvResponse"])), 3),
                "setting": {k: setting[k] for k in ("nu", "zeroMass", "singleShare", "scale", "shrink")},
            }
        )
        print(json.dumps(result["towardTruth"][-1]), flush=True)
    result["seconds"] = round(time.time() - t0, 1)
    args.result.parent.mkdir(parents=True, exist_ok=True)
    args.result.write_text(json.dumps(result, indent=1) + "\n")
    if not args.no_card:
        from ablation import replace_section

        replace_section("prior-headroom", card_text(result))
    print(f"prior headroom: written to {args.result} in {result['seconds']} s", flush=True)


if __name__ == "__main__":
    main()
