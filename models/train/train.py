"""Stage 3 (npm run model:train): fits every variant of the model version 3 ablation on whole-track features
(curves applied in the feature domain) and keeps them in models/.cache/train/; export.py ships one.
Run with Debian's PyTorch: /usr/bin/python3 models/train/train.py [options].

Variants, each without and with the content descriptors (src/shared/features/content.ts):
- structured: the content prior and the sparse curve posterior (structured.py, fit_structured.py), fitted in
  closed form with its settings chosen by leave-one-package-out cross-validation;
- linear: version 2's linear path alone (ridge from the summary to the correction, linear_fit.py);
- linear+network: version 2 (the linear path and a CNN/GRU correction on top, trained with it fixed);
- network: the CNN/GRU and its head alone, trained end to end.
The structured model with the content descriptors is the one shipped unless --ship says otherwise; the
evaluation (npm run model:eval) measures every variant on the held-out packages (models/eval/ablation.py)."""
import argparse
import fcntl
import json
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

import fit_structured
from contract import MODELS_DIR, dims, load_contract
from fit_structured import Bank, load_bank, natural_rows
from invariance import load_feature_versions
from linear_fit import MAX_DO_NO_HARM_DB, build_rows, choose_and_fit, concat, excerpt_length
from model import build, parameter_count
from structured import StructuredEq, invariant_inputs
from tracks import Curves, ExampleMaker, load_curves, load_tracks

TRACKS = MODELS_DIR / ".cache" / "tracks"
VARIANTS = ["structured", "linear", "linear+network", "network"]


def parser(description: str = __doc__) -> argparse.ArgumentParser:
    """train.py's options (also models/eval/prior_headroom.py's, which rebuilds the structured fit's rows)."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--tracks", type=Path, default=TRACKS)
    p.add_argument("--out", type=Path, default=MODELS_DIR / ".cache" / "train")
    p.add_argument(
        "--variants", default=",".join(VARIANTS), help="comma-separated subset of " + ", ".join(VARIANTS)
    )
    p.add_argument(
        "--content",
        default="both",
        choices=["both", "with", "without"],
        help="with or without the content descriptors",
    )
    p.add_argument("--ship", default="structured-content", help="the variant export.py ships")
    p.add_argument(
        "--observe",
        default="quarter",
        choices=["octave", "quarter"],
        help="what the structured model's posterior compares: the octave balance or the 40 quarter-octave"
        " bands (the default: a curve's shape inside an octave tells it from the music)",
    )
    p.add_argument(
        "--search",
        default="quick",
        choices=["full", "quick"],
        help="the structured model's settings search: quick (one round over fewer values,"
        " fit_structured.QUICK; the search the shipped model was chosen by, so npm run model:all rebuilds it)"
        " or full (two rounds over every value; models/MODEL_CARD.md says what it would change)",
    )
    p.add_argument("--excerpts", type=int, default=8, help="random excerpts per track")
    p.add_argument("--windows", type=int, default=4, help="random 6 s windows per track")
    p.add_argument("--clips", type=int, default=4, help="random 1.5 s clips per track (structured)")
    p.add_argument("--curves", type=int, default=16, help="curves per excerpt for the linear path")
    p.add_argument(
        "--max-do-no-harm", type=float, default=MAX_DO_NO_HARM_DB, help="limit (dB) for the settings chosen"
    )
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--steps", type=int, default=120, help="steps per epoch of the CNN/GRU")
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--max-frames", type=int, default=2048, help="longest excerpt")
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--weight-decay", type=float, default=5e-2)
    p.add_argument("--seed", type=int, default=1)
    # torch defaults to 1 thread here; 2 threads were 3x slower than 1 for this small model whenever another
    # process used a core (OpenMP spin-waits), measured in models/README.md.
    p.add_argument("--threads", type=int, default=1)
    return p


def parse_args() -> argparse.Namespace:
    return parser().parse_args()


def mae(pred: torch.Tensor, target: torch.Tensor, untouched: torch.Tensor) -> float:
    return float((pred - target)[~untouched].abs().mean())


def train_network(model, train: ExampleMaker, val: ExampleMaker, args, out: Path, history: list) -> None:
    """The CNN/GRU (and for the network-only variant everything but the frozen linear path) from fresh
    excerpts of the training packages under fresh curves; kept after the epoch with the lowest validation
    error on whole songs plus windows (epoch 0 included)."""
    frames = train.contract["input"]["windowFrames"]
    r = val.rng
    songs, windows = [], []
    for i, n in enumerate(val.tracks.lengths):
        songs += [val.excerpt(i, 0, int(n))] * 5
        windows += [val.excerpt(i, int(r.integers(0, n - frames)), frames) for _ in range(6)]
    song_inputs = [val.make([e], untouched=np.array([k % 5 == 0]), noise=False) for k, e in enumerate(songs)]
    win = val.make(windows, untouched=np.zeros(len(windows), dtype=bool), noise=False)

    def validate() -> tuple[float, float]:
        model.eval()
        with torch.no_grad():
            preds = torch.cat([model(b, t, c)[0] for b, t, c, _ in song_inputs])
            target = torch.cat([y for *_, y in song_inputs])
            u = torch.tensor([k % 5 == 0 for k in range(len(songs))])
            song = mae(preds, target, u)
            b, t, c, y = win
            window = mae(
                torch.cat(
                    [model(b[i : i + 256], t[i : i + 256], c[i : i + 256])[0] for i in range(0, len(y), 256)]
                ),
                y,
                torch.zeros(len(y), dtype=torch.bool),
            )
        return song, window

    t0 = time.time()
    song, window = validate()
    history.append({"epoch": 0, "valSongMaeDb": song, "valWindowMaeDb": window})
    print(json.dumps(history[-1]), flush=True)
    best = song + window
    torch.save(model.state_dict(), out)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=args.weight_decay)
    sched = torch.optim.lr_scheduler.OneCycleLR(
        opt, max_lr=args.lr, total_steps=args.epochs * args.steps, pct_start=0.15
    )
    loss_fn = nn.SmoothL1Loss(beta=1.0)
    lengths = train.tracks.lengths
    weights = train.tracks.weights(
        train.contract["input"]["hopSize"] / train.contract["input"]["sampleRateHz"]
    )
    rng = train.rng
    for epoch in range(args.epochs):
        model.train()
        running = 0.0
        for _ in range(args.steps):
            length = excerpt_length(rng, frames, args.max_frames)
            pool = np.flatnonzero(lengths >= length)
            picked = rng.choice(pool, size=args.batch, p=weights[pool] / weights[pool].sum())
            batch = [train.excerpt(i, int(rng.integers(0, lengths[i] - length + 1)), length) for i in picked]
            shortest = min(len(b) for b, _, _ in batch)
            bands, temporal, content, target = train.make(
                [(b[:shortest], t[:shortest], c) for b, t, c in batch]
            )
            gains = model(bands, temporal, content)[0]
            loss = loss_fn(gains, target)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            running += loss.item()
        song, window = validate()
        history.append(
            {
                "epoch": epoch + 1,
                "trainLoss": running / args.steps,
                "valSongMaeDb": song,
                "valWindowMaeDb": window,
                "elapsedS": round(time.time() - t0, 1),
            }
        )
        print(json.dumps(history[-1]), flush=True)
        if song + window < best:
            best = song + window
            torch.save(model.state_dict(), out)


@dataclass
class Inputs:
    """What every variant is fitted from: the training and validation tracks (each a source of excerpts
    under random curves), the structured model's curve bank, the six problems, the evaluation's curves and
    the invariance excerpts."""

    train: ExampleMaker
    val: ExampleMaker
    bank: Bank
    problems: Curves
    eval_curves: Curves
    invariance_data: list


def load_inputs(tracks: Path, contract: dict, rng: np.random.Generator) -> Inputs:
    missing = [s for s in ("train", "val") if not (tracks / s / "index.json").is_file()]
    if missing:
        raise SystemExit(
            f"no {' or '.join(missing)} track features in {tracks}: run npm run model:tracks first"
        )
    d = dims(contract)
    return Inputs(
        ExampleMaker(load_tracks(tracks / "train"), load_curves(tracks, "train", d["bands"]), contract, rng),
        ExampleMaker(load_tracks(tracks / "val"), load_curves(tracks, "val", d["bands"]), contract, rng),
        load_bank(tracks, d["bands"]),
        load_curves(tracks, "problems", d["bands"]),
        load_curves(tracks, "val", d["bands"]),
        load_feature_versions(tracks / "invariance", contract),
    )


def structured_rows(
    args: argparse.Namespace, contract: dict, inputs: Inputs, use_content: bool
) -> tuple[StructuredEq, fit_structured.NaturalRows]:
    """An unfitted structured model and the natural rows its fit sees (every training and validation
    track whole, in excerpts, windows and clips), drawn from the makers' random state. Also what
    models/eval/prior_headroom.py measures the content prior on."""
    d = dims(contract)
    probe = invariant_inputs(
        torch.zeros(1, 1, d["bands"], 16),
        torch.zeros(1, 16, d["temporal"]),
        torch.ones(1, 4, len(contract["input"]["content"]["descriptors"])) if use_content else None,
    )
    model = StructuredEq(
        contract,
        probe.shape[1],
        len(inputs.bank.kinds),
        len(fit_structured.KNOT_SECONDS),
        d["embedding"],
        use_content,
        args.observe,
    )
    rows = fit_structured.concat(
        natural_rows(inputs.train, model, args.excerpts, args.windows, args.clips, args.max_frames),
        natural_rows(inputs.val, model, args.excerpts, args.windows, args.clips, args.max_frames),
    )
    return model, rows


def fit_rows(
    args: argparse.Namespace,
    inputs: Inputs,
    model: StructuredEq,
    rows: fit_structured.NaturalRows,
    log: list,
    rng: np.random.Generator,
    toward_truth: float = 0.0,
) -> dict:
    """fit_structured.fit with the options' search and do-no-harm limit (toward_truth: prior_headroom.py)."""
    return fit_structured.fit(
        model,
        rows,
        inputs.bank,
        inputs.eval_curves,
        inputs.problems,
        inputs.invariance_data,
        log,
        rng,
        args.max_do_no_harm,
        args.search == "quick",
        toward_truth,
    )


def main() -> None:
    args = parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    contract = load_contract()
    d = dims(contract)
    t0 = time.time()
    inputs = load_inputs(args.tracks, contract, rng)
    train, val = inputs.train, inputs.val
    args.out.mkdir(parents=True, exist_ok=True)
    variants = args.variants.split(",")
    flags = {"both": [False, True], "with": [True], "without": [False]}[args.content]
    log: dict = {
        "contractVersion": contract["version"],
        "variants": {},
        "args": {k: str(v) for k, v in vars(args).items()},
    }
    for use_content in flags:
        tag = "content" if use_content else "plain"
        if "structured" in variants:
            reseed(args.seed, rng)
            ts = time.time()
            model, rows = structured_rows(args, contract, inputs, use_content)
            print(
                f"structured ({tag}): {len(rows.kind)} rows from {len(set(rows.package))} packages"
                f" ({time.time() - t0:.0f} s)",
                flush=True,
            )
            cv: list = []
            setting = fit_rows(args, inputs, model, rows, cv, rng)
            print(
                f"structured ({tag}): the prior follows {setting['priorLeak'] * 100:.1f} % of a curve",
                flush=True,
            )
            torch.save(model.state_dict(), args.out / f"structured-{tag}.pt")
            log["variants"][f"structured-{tag}"] = {
                "setting": setting,
                "rows": int(len(rows.kind)),
                "crossValidation": cv,
                "parameters": 0,
                "seconds": round(time.time() - ts, 1),
            }
        if any(v in variants for v in ("linear", "linear+network", "network")):
            reseed(args.seed, rng)
            ts = time.time()
            rows = concat(
                build_rows(train, args.excerpts, args.curves, args.windows, args.max_frames, use_content),
                build_rows(val, args.excerpts, args.curves, args.windows, args.max_frames, use_content),
            )
            print(f"linear ({tag}): {len(rows.y)} rows ({time.time() - t0:.0f} s)", flush=True)
            ridge_log: list = []
            linear, window_scale, linear_setting = choose_and_fit(
                rows, d["bands"], ridge_log, args.max_do_no_harm
            )

            def fresh(with_linear: bool):
                m = build(d, use_content)
                with torch.no_grad():
                    m.summary_mean.copy_(linear.mean.float())
                    m.summary_scale.copy_(linear.scale.float())
                    if with_linear:
                        m.linear.weight.copy_(linear.weight.T.float())
                        m.linear.bias.copy_(linear.bias.float())
                        m.window_scale.copy_(window_scale.float())
                    else:
                        m.linear.weight.zero_()
                        m.linear.bias.zero_()
                for p in m.linear.parameters():
                    p.requires_grad_(False)
                return m

            if "linear" in variants:
                m = fresh(True)
                torch.save(m.state_dict(), args.out / f"linear-{tag}.pt")
                log["variants"][f"linear-{tag}"] = {
                    "setting": linear_setting,
                    "rows": int(len(rows.y)),
                    "crossValidation": ridge_log,
                    "parameters": parameter_count(m),
                    "seconds": round(time.time() - ts, 1),
                }
            for name, with_linear in (("linear+network", True), ("network", False)):
                if name not in variants:
                    continue
                ts = time.time()
                m = fresh(with_linear)
                if not with_linear:
                    # The network alone: its output layer starts small, not at zero (nothing else moves).
                    nn.init.normal_(m.out.weight, std=0.01)
                history: list = []
                train_network(m, train, val, args, args.out / f"{name}-{tag}.pt", history)
                best = min(history, key=lambda h: h["valSongMaeDb"] + h["valWindowMaeDb"])
                log["variants"][f"{name}-{tag}"] = {
                    "history": history,
                    "bestEpoch": best["epoch"],
                    "parameters": parameter_count(m),
                    "seconds": round(time.time() - ts, 1),
                }
    log["ship"] = args.ship
    log["trainTracks"] = int(len(train.tracks.lengths))
    log["valTracks"] = int(len(val.tracks.lengths))
    log["trainSeconds"] = round(time.time() - t0, 1)
    # A run of some variants (--variants, --content) keeps the others' entries from an earlier run on the
    # same contract, so the variants can be fitted in separate runs (in parallel on two cores).
    log_path = args.out / "train-log.json"
    # Two runs finishing together (npm run model:train starts two) must not lose each other's entries.
    with open(args.out / "train-log.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        merge_log(log_path, log, args.variants + "/" + args.content)
    print(f"trained {', '.join(log['variants'])} in {log['trainSeconds']} s; ships {args.ship}", flush=True)


def reseed(seed: int, rng: np.random.Generator) -> None:
    """Each group of variants starts from the seed's own random state, so what it fits does not depend on
    which other variants ran before it in the same run (npm run model:train runs them in two processes)."""
    torch.manual_seed(seed)
    rng.bit_generator.state = np.random.default_rng(seed).bit_generator.state


def merge_log(log_path: Path, log: dict, run: str) -> None:
    """Writes this run's log, keeping the other variants' entries of an earlier run on the same contract."""
    if log_path.exists():
        earlier = json.loads(log_path.read_text())
        if earlier.get("contractVersion") == log["contractVersion"]:
            log["variants"] = {**earlier.get("variants", {}), **log["variants"]}
            log["runSeconds"] = {**earlier.get("runSeconds", {}), run: log["trainSeconds"]}
    log.setdefault("runSeconds", {run: log["trainSeconds"]})
    log_path.write_text(json.dumps(log, indent=1))


if __name__ == "__main__":
    main()
