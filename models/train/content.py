"""Song-level summaries of the per-frame content descriptors (src/shared/features/content.ts), computed
inside the network so that training and inference pool them the same way. Only summaries an EQ leaves
(nearly) unchanged are kept: a static EQ adds the same vector to every frame's cepstrum, so the spread of
each MFCC over time and of its frame-to-frame change is unchanged; flatness and crest are measured inside
octaves, where a smooth EQ is nearly constant; chroma is a share of power between pitch classes. The model
card measures, summary by summary, how much a real EQ moves them (models/eval/ablation.py); the trainer
leaves out of the content prior every input a real EQ moves too much (invariance.py)."""
import torch

MFCC, FLATNESS, CREST, CHROMA = slice(0, 12), slice(12, 20), slice(20, 28), slice(28, 40)

CONTENT_SUMMARY_NAMES = (
    [f"mfcc{i}Spread" for i in range(1, 13)]
    + [f"mfcc{i}ChangeSpread" for i in range(1, 13)]
    + [f"flatness{o}" for o in ("125", "250", "500", "1k", "2k", "4k", "8k", "16k")]
    + [f"flatness{o}Spread" for o in ("125", "250", "500", "1k", "2k", "4k", "8k", "16k")]
    + [f"crest{o}" for o in ("125", "250", "500", "1k", "2k", "4k", "8k", "16k")]
    + ["chromaEntropy", "chromaTop1", "chromaTop3", "chromaChange"]
)


def _spread(x: torch.Tensor) -> torch.Tensor:
    m = x.mean(dim=1, keepdim=True)
    return torch.sqrt(torch.clamp(((x - m) ** 2).mean(dim=1), min=1e-6))


def _change(x: torch.Tensor) -> torch.Tensor:
    """Frame-to-frame change, with a zero first row so that one frame is enough (its change is zero)."""
    return torch.cat([torch.zeros_like(x[:, :1]), x[:, 1:] - x[:, :-1]], dim=1)


def content_summary(content: torch.Tensor) -> torch.Tensor:
    """content [N, Tc, 40] -> [N, len(CONTENT_SUMMARY_NAMES)]."""
    mfcc = content[:, :, MFCC]
    flat = content[:, :, FLATNESS]
    crest = content[:, :, CREST]
    chroma = content[:, :, CHROMA]
    p = chroma / torch.clamp(chroma.sum(dim=2, keepdim=True), min=1e-9)
    entropy = -(p * torch.log(p + 1e-9)).sum(dim=2).mean(dim=1, keepdim=True)
    top = torch.topk(p.mean(dim=1), 3, dim=1).values
    change = 0.5 * _change(p).abs().sum(dim=2).mean(dim=1, keepdim=True)
    return torch.cat(
        [
            _spread(mfcc),
            torch.sqrt(torch.clamp((_change(mfcc) ** 2).mean(dim=1), min=1e-6)),
            flat.mean(dim=1),
            _spread(flat),
            crest.mean(dim=1),
            entropy,
            top[:, :1],
            top.sum(dim=1, keepdim=True),
            change,
        ],
        dim=1,
    )
