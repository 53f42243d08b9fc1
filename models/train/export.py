"""Stage 4 (npm run model:export): the trained checkpoint -> models/eq-model.onnx (opset 17, dynamic batch
and frames, outputs gains and embedding), its metadata (sha256, contract version) and the golden outputs
that the TypeScript test compares onnxruntime against."""
import argparse
import hashlib
import json
from pathlib import Path

import torch

from contract import MODELS_DIR, dims, load_contract
from golden_inputs import golden_inputs
from model import build, parameter_count

OPSET = 17  # the highest Debian's torch 1.13 exports


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--checkpoint", type=Path, default=MODELS_DIR / ".cache" / "train" / "model.pt")
    p.add_argument("--train-log", type=Path, default=MODELS_DIR / ".cache" / "train" / "train-log.json")
    p.add_argument("--onnx", type=Path, default=MODELS_DIR / "eq-model.onnx")
    p.add_argument("--golden", type=Path, default=MODELS_DIR / "golden" / "onnx-golden.json")
    return p.parse_args()


def main() -> None:
    args = parse_args()
    contract = load_contract()
    d = dims(contract)
    model = build(d)
    model.load_state_dict(torch.load(args.checkpoint, map_location="cpu"))
    model.eval()
    names_in = [t["name"] for t in contract["tensors"]["inputs"]]
    names_out = [t["name"] for t in contract["tensors"]["outputs"]]
    bands, temporal = golden_inputs(d["bands"], d["temporal"], d["frames"])
    example = (torch.from_numpy(bands), torch.from_numpy(temporal))
    torch.onnx.export(
        model,
        example,
        str(args.onnx),
        opset_version=OPSET,
        input_names=names_in,
        output_names=names_out,
        dynamic_axes={
            names_in[0]: {0: "batch", 3: "frames"},
            names_in[1]: {0: "batch", 1: "frames"},
            names_out[0]: {0: "batch"},
            names_out[1]: {0: "batch"},
        },
    )
    sha = hashlib.sha256(args.onnx.read_bytes()).hexdigest()
    train_log = json.loads(args.train_log.read_text()) if args.train_log.exists() else {}
    meta = {
        "model": args.onnx.name,
        "sha256": sha,
        "contractVersion": contract["version"],
        "opset": OPSET,
        "parameters": parameter_count(model),
        "inputs": names_in,
        "outputs": names_out,
        "training": {
            k: train_log.get(k) for k in ("trainTracks", "valTracks", "linearRows", "linearSetting", "bestEpoch", "trainSeconds")
        },
    }
    args.onnx.with_suffix(".json").write_text(json.dumps(meta, indent=1) + "\n")
    with torch.no_grad():
        gains, embedding = model(*example)
    args.golden.parent.mkdir(parents=True, exist_ok=True)
    golden = {
        "$comment": "PyTorch outputs for models/train/golden_inputs.py; written by models/train/export.py",
        "sha256": sha,
        "gains": gains.numpy().round(7).tolist(),
        "embedding": embedding.numpy().round(7).tolist(),
    }
    args.golden.write_text(json.dumps(golden) + "\n")
    print(f"wrote {args.onnx} ({args.onnx.stat().st_size} bytes, sha256 {sha[:12]}), {parameter_count(model)} params")


if __name__ == "__main__":
    main()
