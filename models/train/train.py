"""Stage 3 (npm run model:train): trains EqNet on models/.cache/dataset and keeps the best checkpoint
by validation loss. Run with Debian's PyTorch: /usr/bin/python3 models/train/train.py [options]."""
import argparse
import json
import math
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from contract import MODELS_DIR, dims, load_contract
from data import load_split
from model import build, parameter_count


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--data", type=Path, default=MODELS_DIR / ".cache" / "dataset")
    p.add_argument("--out", type=Path, default=MODELS_DIR / ".cache" / "train")
    p.add_argument("--epochs", type=int, default=8)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--weight-decay", type=float, default=5e-2)
    p.add_argument("--seed", type=int, default=1)
    # torch defaults to 1 thread here; 2 threads were 3x slower than 1 for this small model whenever another
    # process used a core (OpenMP spin-waits), measured in models/README.md.
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--time-budget-min", type=float, default=0, help="stop after this many minutes (0 = none)")
    return p.parse_args()


def tensors(split: dict):
    return (
        torch.from_numpy(split["bands"]),
        torch.from_numpy(split["temporal"]),
        torch.from_numpy(split["target"]),
    )


def evaluate(model: nn.Module, data, loss_fn, batch: int = 256) -> tuple[float, float]:
    """Mean loss and mean absolute error (dB) over a split."""
    model.eval()
    bands, temporal, target = data
    total_loss, total_abs, n = 0.0, 0.0, len(target)
    with torch.no_grad():
        for i in range(0, n, batch):
            gains, _ = model(bands[i : i + batch], temporal[i : i + batch])
            y = target[i : i + batch]
            total_loss += loss_fn(gains, y).item() * len(y)
            total_abs += (gains - y).abs().mean(dim=1).sum().item()
    return total_loss / n, total_abs / n


def main() -> None:
    args = parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    contract = load_contract()
    model = build(dims(contract))
    train = tensors(load_split(args.data / "train"))
    val = tensors(load_split(args.data / "val"))
    # Huber (SmoothL1, 1 dB knee): the evaluation is mean absolute error, and the hardest examples (a cut in
    # a band the music hardly uses) should not dominate the gradient as they would under MSE.
    loss_fn = nn.SmoothL1Loss(beta=1.0)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    steps_per_epoch = math.ceil(len(train[2]) / args.batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(
        opt, max_lr=args.lr, total_steps=args.epochs * steps_per_epoch, pct_start=0.15
    )
    args.out.mkdir(parents=True, exist_ok=True)
    history, best = [], math.inf
    t0 = time.time()
    print(f"{parameter_count(model)} parameters, {len(train[2])} train / {len(val[2])} val examples", flush=True)
    for epoch in range(args.epochs):
        model.train()
        order = torch.from_numpy(rng.permutation(len(train[2])))
        running = 0.0
        for step in range(steps_per_epoch):
            idx = order[step * args.batch : (step + 1) * args.batch]
            gains, _ = model(train[0][idx], train[1][idx])
            loss = loss_fn(gains, train[2][idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            running += loss.item()
        val_loss, val_mae = evaluate(model, val, loss_fn)
        entry = {
            "epoch": epoch + 1,
            "trainLoss": running / steps_per_epoch,
            "valLoss": val_loss,
            "valMaeDb": val_mae,
            "elapsedS": round(time.time() - t0, 1),
        }
        history.append(entry)
        print(json.dumps(entry), flush=True)
        if val_loss < best:
            best = val_loss
            torch.save(model.state_dict(), args.out / "model.pt")
        if args.time_budget_min and time.time() - t0 > args.time_budget_min * 60:
            print("time budget reached", flush=True)
            break
    summary = {
        "contractVersion": contract["version"],
        "parameters": parameter_count(model),
        "trainExamples": len(train[2]),
        "valExamples": len(val[2]),
        "epochs": len(history),
        "bestValLoss": best,
        "trainSeconds": round(time.time() - t0, 1),
        "threads": args.threads,
        "history": history,
        "args": {k: str(v) for k, v in vars(args).items()},
    }
    with open(args.out / "train-log.json", "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=1)


if __name__ == "__main__":
    main()
