"""Stage 4 (npm run model:export): the shipped variant's checkpoint (train-log.json's "ship", the structured
model) -> models/eq-model.onnx (opset 17, dynamic batch, frames and content rows; the contract's six
outputs), its metadata (sha256, contract version, the training summary) and the golden outputs that the
TypeScript test compares onnxruntime against."""
import argparse
import hashlib
import json
from pathlib import Path

import torch

from contract import MODELS_DIR, dims, load_contract
from golden_inputs import golden_inputs
from structured import StructuredEq

OPSET = 17  # the highest Debian's torch 1.13 exports


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--train-dir", type=Path, default=MODELS_DIR / ".cache" / "train")
    p.add_argument("--variant", default=None, help="checkpoint to ship (default: the train log's choice)")
    p.add_argument("--onnx", type=Path, default=MODELS_DIR / "eq-model.onnx")
    p.add_argument("--golden", type=Path, default=MODELS_DIR / "golden" / "onnx-golden.json")
    return p.parse_args()


def load_structured(path: Path, contract: dict) -> StructuredEq:
    """A structured model with the sizes its checkpoint holds."""
    state = torch.load(path, map_location="cpu")
    use_content = path.stem.endswith("-content")
    model = StructuredEq(
        contract,
        state["z_mean"].shape[0],
        state["bank_target"].shape[0],
        state["knots"].shape[0],
        state["embedding_basis"].shape[1],
        use_content,
        "octave" if state["observe"].shape[0] == state["octaves"].shape[0] else "quarter",
    )
    model.load_state_dict(state)
    model.eval()
    return model


def main() -> None:
    args = parse_args()
    contract = load_contract()
    d = dims(contract)
    log_path = args.train_dir / "train-log.json"
    train_log = json.loads(log_path.read_text()) if log_path.exists() else {}
    variant = args.variant or train_log.get("ship", "structured-content")
    if not variant.startswith("structured-"):
        raise SystemExit(
            f"{variant}: only the structured model gives the contract's outputs (confidence, typical range)"
        )
    model = load_structured(args.train_dir / f"{variant}.pt", contract)
    names_in = [t["name"] for t in contract["tensors"]["inputs"]]
    names_out = [t["name"] for t in contract["tensors"]["outputs"]]
    content_width = len(contract["input"]["content"]["descriptors"])
    bands, temporal, content = golden_inputs(d["bands"], d["temporal"], d["frames"], content_width)
    example = (torch.from_numpy(bands), torch.from_numpy(temporal), torch.from_numpy(content))
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
            names_in[2]: {0: "batch", 1: "contentFrames"},
            **{name: {0: "batch"} for name in names_out},
        },
    )
    sha = hashlib.sha256(args.onnx.read_bytes()).hexdigest()
    entry = train_log.get("variants", {}).get(variant, {})
    setting = entry.get("setting", {})
    meta = {
        "model": args.onnx.name,
        "sha256": sha,
        "contractVersion": contract["version"],
        "opset": OPSET,
        "variant": variant,
        "bankCurves": int(model.bank_target.shape[0]),
        "inputs": names_in,
        "outputs": names_out,
        "training": {
            "trainTracks": train_log.get("trainTracks"),
            "valTracks": train_log.get("valTracks"),
            "rows": entry.get("rows"),
            "setting": setting,
            "trainSeconds": train_log.get("trainSeconds"),
        },
    }
    args.onnx.with_suffix(".json").write_text(json.dumps(meta, indent=1) + "\n")
    with torch.no_grad():
        outputs = model(*example)
    args.golden.parent.mkdir(parents=True, exist_ok=True)
    golden = {
        "$comment": "PyTorch outputs for models/train/golden_inputs.py; written by models/train/export.py",
        "sha256": sha,
    }
    for name, value in zip(names_out, outputs):
        golden[name] = value.numpy().round(6).tolist()
    args.golden.write_text(json.dumps(golden) + "\n")
    print(f"wrote {args.onnx} ({args.onnx.stat().st_size} bytes, sha256 {sha[:12]}) from {variant}")


if __name__ == "__main__":
    main()
