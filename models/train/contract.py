"""The model I/O contract (models/contract.json), shared with the TypeScript code and the tests."""
import json
from pathlib import Path

MODELS_DIR = Path(__file__).resolve().parent.parent
CONTRACT_PATH = MODELS_DIR / "contract.json"


def load_contract(path: Path = CONTRACT_PATH) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def dims(contract: dict) -> dict:
    """Sizes the network is built from, all taken from the contract."""
    inputs = {t["name"]: t for t in contract["tensors"]["inputs"]}
    outputs = {t["name"]: t for t in contract["tensors"]["outputs"]}
    return {
        "bands": inputs["bands"]["shape"][2],
        "temporal": inputs["temporal"]["shape"][2],
        "gains": outputs["gains"]["shape"][1],
        "embedding": outputs["embedding"]["shape"][1],
        "frames": contract["input"]["windowFrames"],
    }
