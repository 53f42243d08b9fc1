"""What each part of model version 3 is worth, on the held-out packages (part of npm run model:eval).

Every variant npm run model:train fitted (structured, linear, linear+network, network; each without and
with the content descriptors) on the same engine-filtered test songs (models/prep/test-songs.ts) and 6 s
windows (models/prep/dataset.ts): error ratio to doing nothing and do-no-harm on songs and windows, and the
response to the six gross problems. Also, for the shipped model: what its embedding holds (per dimension,
how many held-out songs it activates and its share of their variation), how well its content prior
predicts the held-out songs' own balance, and how much a real engine EQ moves each content summary
(within-song change over between-song spread). Writes models/eval/ablation.json and the card's tables."""
import json
import sys
from pathlib import Path

import numpy as np
import torch

MODELS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(MODELS / "train"))
from content import CONTENT_SUMMARY_NAMES, content_summary  # noqa: E402
from contract import dims, load_contract  # noqa: E402
from export import load_structured  # noqa: E402
from invariance import load_feature_versions  # noqa: E402
from model import build  # noqa: E402

CACHE = MODELS / ".cache"
CARD = MODELS / "MODEL_CARD.md"
LABELS = {
    "structured": "content prior + curve posterior (shipped structure)",
    "linear": "linear path only",
    "linear+network": "linear path + CNN/GRU (version 2)",
    "network": "CNN/GRU only",
}


def load_f32(path: Path, shape) -> np.ndarray:
    return np.fromfile(path, dtype="<f4").reshape(shape)


def test_songs(contract: dict):
    versions = load_feature_versions(CACHE / "testsongs", contract)
    return [{k: x for k, x in v.items() if k != "inputs"} for v in versions], [v["inputs"] for v in versions]


def test_windows(contract: dict):
    d = CACHE / "dataset" / "test"
    idx = json.loads((d / "index.json").read_text())
    n, shapes = idx["count"], idx["shapes"]
    f = {
        k: torch.from_numpy(load_f32(d / f"{k}.f32", [n, *shapes[k]]))
        for k in ("bands", "temporal", "content", "target")
    }
    untouched = np.array([e["untouched"] for e in idx["examples"]])
    return f, untouched


def correction(command) -> np.ndarray:
    c = np.asarray(command, dtype=np.float64)
    return c.mean() - c


def demean(x: np.ndarray) -> np.ndarray:
    return x - x.mean(axis=-1, keepdims=True)


def figures(pred: np.ndarray, target: np.ndarray, untouched: np.ndarray) -> tuple[float, float, list]:
    pred, target = demean(pred), demean(target)
    eqd = ~untouched
    err = np.abs(pred[eqd] - target[eqd]).mean(axis=0)
    zero = np.abs(target[eqd]).mean()
    return float(err.mean() / zero), float(np.abs(pred[untouched]).mean()), err.tolist()


def responses(versions, preds: np.ndarray, problems: int = 6) -> list[float]:
    plain = {v["track"]: preds[i] for i, v in enumerate(versions) if v["kind"] == "random" and v["untouched"]}
    out = []
    for p in range(problems):
        r = []
        for i, v in enumerate(versions):
            if v["kind"] == "problem" and v["problem"] == p:
                ideal = demean(correction(v["command"]))
                delta = demean(preds[i] - plain[v["track"]])
                r.append(float(delta @ ideal / (ideal @ ideal)))
        out.append(float(np.mean(r)))
    return out


def variant_model(name: str, contract: dict, d: dict):
    path = CACHE / "train" / f"{name}.pt"
    if not path.exists():
        return None
    if name.startswith("structured-"):
        return load_structured(path, contract)
    m = build(d, name.endswith("-content"))
    m.load_state_dict(torch.load(path, map_location="cpu"))
    m.eval()
    return m


def replace_section(name: str, text: str) -> None:
    card = CARD.read_text()
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    a, b = card.index(start), card.index(end)
    CARD.write_text(card[: a + len(start)] + "\n" + text + "\n" + card[b:])


def main() -> None:
    torch.set_num_threads(1)
    contract = load_contract()
    d = dims(contract)
    versions, song_inputs = test_songs(contract)
    windows, win_untouched = test_windows(contract)
    random_sel = np.array([v["kind"] == "random" for v in versions])
    song_target = np.stack([correction(v["command"]) for v in versions])
    song_untouched = np.array([v["untouched"] for v in versions])
    train_log = json.loads((CACHE / "train" / "train-log.json").read_text())
    shipped = train_log.get("ship", "structured-content")
    rows, result = [], {"variants": {}}
    for base in ("structured", "linear", "linear+network", "network"):
        for tag in ("plain", "content"):
            name = f"{base}-{tag}"
            model = variant_model(name, contract, d)
            if model is None:
                continue
            with torch.no_grad():
                songs = np.concatenate([model(b, t, c)[0].numpy() for b, t, c in song_inputs]).astype(
                    np.float64
                )
                w = [
                    model(
                        windows["bands"][i : i + 256],
                        windows["temporal"][i : i + 256],
                        windows["content"][i : i + 256],
                    )[0]
                    for i in range(0, len(win_untouched), 256)
                ]
            wpred = torch.cat(w).numpy().astype(np.float64)
            s_ratio, s_harm, s_bands = figures(
                songs[random_sel], song_target[random_sel], song_untouched[random_sel]
            )
            w_ratio, w_harm, _ = figures(wpred, windows["target"].numpy().astype(np.float64), win_untouched)
            resp = responses(versions, songs)
            entry = {
                "songRatio": s_ratio,
                "songDoNoHarmDb": s_harm,
                "songBandMaeDb": s_bands,
                "windowRatio": w_ratio,
                "windowDoNoHarmDb": w_harm,
                "response": resp,
                "responseMean": float(np.mean(resp)),
                "responseMin": float(np.min(resp)),
            }
            result["variants"][name] = entry
            print(name, json.dumps({k: v for k, v in entry.items() if k != "songBandMaeDb"}), flush=True)
            rows.append(
                f"| {LABELS[base]} | {'with' if tag == 'content' else 'without'} | {s_ratio:.3f} | {s_harm:.2f} | {w_ratio:.3f} | {w_harm:.2f} | {np.mean(resp):.2f} | {np.min(resp):.2f} |"
                + (" **shipped** |" if name == shipped else " |")
            )
    ablation = "\n".join(
        [
            "Every variant `npm run model:train` fits, on the same held-out songs and windows (filtered by the engine). Ratio: error over that of doing nothing (lower is better); do-no-harm: mean size of the suggestion on untouched music (dB); response: mean over the six problems, and the lowest.",
            "",
            "| variant | content descriptors | songs: ratio | songs: do-no-harm | windows: ratio | windows: do-no-harm | response: mean | response: lowest | |",
            "|---|---|---:|---:|---:|---:|---:|---:|---|",
            *rows,
        ]
    )
    # The shipped model: embedding, content prior, invariance of the content summaries.
    model = variant_model(shipped, contract, d)
    plain_idx = [i for i, v in enumerate(versions) if v["kind"] == "random" and v["untouched"]]
    with torch.no_grad():
        outs = [model(*song_inputs[i]) for i in plain_idx]
        emb = torch.cat([o[1] for o in outs]).numpy()
        balance = torch.cat([o[3] for o in outs]).numpy()
        zs = torch.cat([model.standardised(*song_inputs[i]) for i in plain_idx])
        prior = model.octave(model.prior_mean(zs)).numpy()
    var = emb.var(axis=0)
    active = (np.abs(emb) > 0.5).sum(axis=0)
    nonzero = (np.abs(emb) > 1e-6).sum(axis=0)
    order = np.argsort(-var)
    emb_rows = [
        f"| {j + 1} | {int(nonzero[j])} | {int(active[j])} | {var[j] / var.sum() * 100:.1f} |" for j in order
    ]
    embedding = "\n".join(
        [
            f"The shipped embedding on the {len(plain_idx)} untouched held-out songs: per dimension (largest share first), how many songs give it a non-zero value, how many more than half a training song's spread (|value| > 0.5), and its share of the songs' total variance.",
            "",
            "| dimension | songs non-zero | songs beyond ±0.5 | share of variance (%) |",
            "|---:|---:|---:|---:|",
            *emb_rows,
        ]
    )
    resid = balance - prior
    r2 = 1 - (resid**2).sum() / ((balance - balance.mean(axis=0)) ** 2).sum()
    prior_text = (
        f"Content prior on the {len(plain_idx)} untouched held-out songs: R² {r2:.2f} of their octave balance; "
        f"spread of the balance per band (dB): {', '.join(f'{v:.1f}' for v in balance.std(axis=0))}; "
        f"left after the prior: {', '.join(f'{v:.1f}' for v in resid.std(axis=0))}."
    )
    # Invariance: the pooled content descriptors of each song untouched and under its 4 random curves.
    by_track: dict = {}
    for i, v in enumerate(versions):
        if v["kind"] == "random":
            with torch.no_grad():
                by_track.setdefault(v["track"], []).append(content_summary(song_inputs[i][2])[0].numpy())
    groups = np.stack([np.stack(g) for g in by_track.values() if len(g) == 5])  # [songs, 5, S]
    within = groups.var(axis=1).mean(axis=0)
    between = groups[:, 0].var(axis=0)
    sens = within / np.maximum(between, 1e-12)
    inv_rows = [f"| {n} | {s:.3f} |" for n, s in zip(CONTENT_SUMMARY_NAMES, sens)]
    invariance = "\n".join(
        [
            f"How much a real EQ moves each pooled content descriptor: its variance across one song's five versions (untouched and four random curves, {len(groups)} held-out songs) over its variance between the untouched songs. 0: the EQ changes nothing; 1: as much as changing the song.",
            "",
            "| descriptor | EQ / song variance |",
            "|---|---:|",
            *inv_rows,
        ]
    )
    result.update(
        {
            "shipped": shipped,
            "embedding": {
                "variance": var.tolist(),
                "nonZeroSongs": nonzero.tolist(),
                "activeSongs": active.tolist(),
                "songs": len(plain_idx),
            },
            "prior": {
                "r2": float(r2),
                "balanceStdDb": balance.std(axis=0).tolist(),
                "residualStdDb": resid.std(axis=0).tolist(),
            },
            "invariance": dict(zip(CONTENT_SUMMARY_NAMES, sens.tolist())),
        }
    )
    (MODELS / "eval" / "ablation.json").write_text(json.dumps(result, indent=1) + "\n")
    print(ablation)
    print(prior_text)
    replace_section("ablation", ablation)
    replace_section("embedding", embedding)
    replace_section("prior", prior_text)
    replace_section("invariance", invariance)


if __name__ == "__main__":
    main()
