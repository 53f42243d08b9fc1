/** Feedback, preset and reference records for the storage tests: every field set, floats that must survive a round trip. */
import { profileBandsHz } from '../shared/targets/bands.ts';
import type { ReferenceRecord } from '../shared/targets/reference-record.ts';
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

/** A reference record with a plausible profile in the contract's bands; floats that must survive a round trip. */
export function referenceRecord(i: number, extra: Partial<ReferenceRecord> = {}): ReferenceRecord {
  const bandsHz = profileBandsHz();
  return {
    id: `ref-${i}`,
    name: `Reference ${i}`,
    fileName: `Reference ${i}.flac`,
    createdAt: 1_760_000_000_000 + i * 60_000,
    contractVersion: '2.0.0',
    profile: {
      bandsHz,
      levelDb: bandsHz.map((f, k) => -30 - 3 * Math.log2(f / 1000) + Math.sin(i + k) * 1.234567),
      spreadDb: bandsHz.map((_, k) => 0.5 + ((i * 7 + k) % 5) / 3),
      frames: 1500 + i,
      totalFrames: 2000 + i,
      durationS: 95.5 + i / 3,
    },
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
