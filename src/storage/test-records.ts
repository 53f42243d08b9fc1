/** Feedback records for the storage tests: every field set, floats that must survive a round trip. */
import type { FeedbackRecord, PresetRecord } from './schema.ts';

export const curve = (base: number) =>
  Array.from({ length: 10 }, (_, i) => Math.round((base + i * 0.7 - 3) * 10) / 10);

export function record(i: number, extra: Partial<FeedbackRecord> = {}): FeedbackRecord {
  return {
    id: `r-${i}`,
    time: 1_750_000_000_000 + i * 60_000,
    fileName: `Track ${i}.mp3`,
    durationS: 200.5 + i,
    modelId: 'eq-model-2026',
    contractVersion: '1.0.0',
    suggestedDb: curve(i),
    shownDb: curve(i + 0.5),
    curveDb: curve(i + 1),
    keptDb: curve(i + 1).map((g) => g * 0.8),
    amount: 0.8,
    rating: (['up', 'down', 'none'] as const)[i % 3]!,
    embedding: Array.from({ length: 32 }, (_, j) => Math.sin(i + j) * 1.234567),
    ...extra,
  };
}

/** A saved preset: a command on the 0.1 dB grid. */
export function presetRecord(i: number, extra: Partial<PresetRecord> = {}): PresetRecord {
  return {
    id: `preset-${i}`,
    name: `Preset ${i}`,
    gainsDb: curve(i).map((g) => Math.max(-12, Math.min(12, g))),
    createdAt: 1_770_000_000_000 + i * 60_000,
    ...extra,
  };
}
