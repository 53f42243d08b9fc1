"""Stage 3 (npm run model:train): trains EqNet on whole-track features with curves applied in the
feature domain, and keeps the best model by validation error. Run with Debian's PyTorch:
/usr/bin/python3 models/train/train.py [options].

1. The linear path (linear_fit.py): ridge regression from the summary (model.summary_features) of the
   training and validation tracks, whole, in excerpts and in windows, under random curves, to the
   correction; its settings chosen by leave-one-package-out cross-validation.
2. With the linear path fixed, the CNN, GRU and head learn a correction on top of it (AdamW, one-cycle
   schedule, Huber loss) from fresh excerpts of the training packages and fresh curves each step; after
   each epoch the error on the validation packages (whole songs and 6 s windows) decides whether this model
   is kept (epoch 0, the linear path alone, counts too)."""
import argparse
import json
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from contract import MODELS_DIR, dims, load_contract
from linear_fit import MAX_DO_NO_HARM_DB, build_rows, choose_and_fit, concat, excerpt_length
from model import build, parameter_count
from tracks import ExampleMaker, load_curves, load_tracks

TRACKS = MODELS_DIR / ".cache" / "tracks"


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--tracks", type=Path, default=TRACKS)
    p.add_argument("--out", type=Path, default=MODELS_DIR / ".cache" / "train")
    p.add_argument("--excerpts", type=int, default=8, help="random excerpts per track for the linear path")
    p.add_argument("--windows", type=int, default=4, help="random 6 s windows per track for the linear path")
    p.add_argument("--curves", type=int, default=16, help="curves per excerpt for the linear path")
    p.add_argument("--max-do-no-harm", type=float, default=MAX_DO_NO_HARM_DB, help="limit (dB) for the linear path's settings")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--steps", type=int, default=120, help="steps per epoch of the CNN/GRU correction")
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--max-frames", type=int, default=2048, help="longest excerpt for the CNN/GRU steps")
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--weight-decay", type=float, default=5e-2)
    p.add_argument("--seed", type=int, default=1)
    # torch defaults to 1 thread here; 2 threads were 3x slower than 1 for this small model whenever another
    # process used a core (OpenMP spin-waits), measured in models/README.md.
    p.add_argument("--threads", type=int, default=1)
    return p.parse_args()


def val_sets(maker: ExampleMaker, frames: int):
    """Validation: every val track whole (untouched and under 4 curves) and 6 s windows of each."""
    r, songs, windows = maker.rng, [], []
    for i, n in enumerate(maker.tracks.lengths):
        songs += [maker.excerpt(i, 0, int(n))] * 5
        for _ in range(6):
            windows.append(maker.excerpt(i, int(r.integers(0, n - frames)), frames))
    return songs, windows


def mae(pred: torch.Tensor, target: torch.Tensor, untouched: torch.Tensor) -> float:
    return float((pred - target)[~untouched].abs().mean())


def main() -> None:
    args = parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    contract = load_contract()
    d = dims(contract)
    frames = d["frames"]
    t0 = time.time()
    train = ExampleMaker(load_tracks(args.tracks / "train"), load_curves(args.tracks, "train", d["bands"]), contract, rng)
    val = ExampleMaker(load_tracks(args.tracks / "val"), load_curves(args.tracks, "val", d["bands"]), contract, rng)

    # 1. The linear path, in closed form, its settings by leave-one-package-out cross-validation over the
    # training and validation packages (the music of a package is what does not carry over).
    rows = concat(
        build_rows(train, args.excerpts, args.curves, args.windows, args.max_frames),
        build_rows(val, args.excerpts, args.curves, args.windows, args.max_frames),
    )
    print(f"linear path: {len(rows.y)} rows from {len(set(rows.package))} packages ({time.time() - t0:.0f} s)", flush=True)
    ridge_log: list = []
    linear, window_scale, linear_setting = choose_and_fit(rows, d["bands"], ridge_log, args.max_do_no_harm)
    model = build(d)
    with torch.no_grad():
        model.summary_mean.copy_(linear.mean.float())
        model.summary_scale.copy_(linear.scale.float())
        model.linear.weight.copy_(linear.weight.T.float())
        model.linear.bias.copy_(linear.bias.float())
        model.window_scale.copy_(window_scale.float())
    for p in model.linear.parameters():
        p.requires_grad_(False)

    # 2. The CNN/GRU correction, trained on the training packages, kept only as far as it helps on the
    # validation packages.
    songs, windows = val_sets(val, frames)
    val_inputs = {
        "songs": [(val.make([e], untouched=np.array([k % 5 == 0]), noise=False)) for k, e in enumerate(songs)],
        "windows": val.make(windows, untouched=np.zeros(len(windows), dtype=bool), noise=False),
    }

    def validate() -> tuple[float, float]:
        model.eval()
        with torch.no_grad():
            preds = torch.cat([model(b, t)[0] for b, t, _ in val_inputs["songs"]])
            target = torch.cat([y for _, _, y in val_inputs["songs"]])
            u = torch.tensor([k % 5 == 0 for k in range(len(songs))])
            song = mae(preds, target, u)
            b, t, y = val_inputs["windows"]
            window = mae(torch.cat([model(b[i : i + 256], t[i : i + 256])[0] for i in range(0, len(y), 256)]), y, torch.zeros(len(y), dtype=torch.bool))
        return song, window

    args.out.mkdir(parents=True, exist_ok=True)
    song, window = validate()
    history = [{"epoch": 0, "valSongMaeDb": song, "valWindowMaeDb": window, "elapsedS": round(time.time() - t0, 1)}]
    print(json.dumps(history[-1]), flush=True)
    best_score = song + window
    torch.save(model.state_dict(), args.out / "model.pt")
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=args.weight_decay)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=args.epochs * args.steps, pct_start=0.15)
    loss_fn = nn.SmoothL1Loss(beta=1.0)
    lengths = train.tracks.lengths
    for epoch in range(args.epochs):
        model.train()
        running = 0.0
        for _ in range(args.steps):
            length = excerpt_length(rng, frames, args.max_frames)
            pool = np.flatnonzero(lengths >= length)
            picked = rng.choice(pool, size=args.batch)
            batch = [train.excerpt(i, int(rng.integers(0, lengths[i] - length + 1)), length) for i in picked]
            shortest = min(len(b) for b, _ in batch)
            bands, temporal, target = train.make([(b[:shortest], t[:shortest]) for b, t in batch])
            gains, _ = model(bands, temporal)
            loss = loss_fn(gains, target)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            running += loss.item()
        song, window = validate()
        history.append(
            {"epoch": epoch + 1, "trainLoss": running / args.steps, "valSongMaeDb": song, "valWindowMaeDb": window, "elapsedS": round(time.time() - t0, 1)}
        )
        print(json.dumps(history[-1]), flush=True)
        if song + window < best_score:
            best_score = song + window
            torch.save(model.state_dict(), args.out / "model.pt")
    summary = {
        "contractVersion": contract["version"],
        "parameters": parameter_count(model),
        "trainTracks": int(len(train.tracks.lengths)),
        "linearRows": int(len(rows.y)),
        "linearSetting": linear_setting,
        "linearCrossValidation": ridge_log,
        "windowScale": [round(float(v), 4) for v in window_scale],
        "valTracks": int(len(val.tracks.lengths)),
        "epochs": len(history) - 1,
        "bestEpoch": min(history, key=lambda h: h["valSongMaeDb"] + h["valWindowMaeDb"])["epoch"],
        "trainSeconds": round(time.time() - t0, 1),
        "threads": args.threads,
        "history": history,
        "args": {k: str(v) for k, v in vars(args).items()},
    }
    (args.out / "train-log.json").write_text(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
