/** The metrics table of the model card, from models/eval/results.json's fields. */

export interface MethodMetrics {
  perBandMaeDb: number[];
  maeDb: number;
  doNoHarmDb: number;
}

const LABELS: Record<string, string> = {
  model: 'model',
  zero: 'do nothing (zero)',
  spectrumMatch: 'spectrum match to corpus mean',
  shrunkSpectrumMatch: 'shrunk spectrum match',
};

export function metricsTable(r: {
  bandsHz: readonly number[];
  methods: Record<string, MethodMetrics>;
  eqdWindows: number;
  untouchedWindows: number;
  testTracks: number;
  testPackages: string[];
}): string {
  const head = r.bandsHz.map((f) => (f >= 1000 ? `${f / 1000}k` : `${f}`));
  const zero = r.methods.zero!;
  const lines = [
    `Test split: ${r.eqdWindows} EQ'd and ${r.untouchedWindows} untouched 6 s windows from ${r.testTracks} tracks of held-out packages (${r.testPackages.join(', ')}).`,
    '',
    `| method | ${head.join(' | ')} | overall MAE (dB) | vs zero | do-no-harm (dB) |`,
    `|---|${head.map(() => '---:').join('|')}|---:|---:|---:|`,
  ];
  for (const [key, m] of Object.entries(r.methods)) {
    const cells = m.perBandMaeDb.map((v) => v.toFixed(2));
    lines.push(
      `| ${LABELS[key] ?? key} | ${cells.join(' | ')} | ${m.maeDb.toFixed(2)} | ${(m.maeDb / zero.maeDb).toFixed(2)} | ${m.doNoHarmDb.toFixed(2)} |`,
    );
  }
  return lines.join('\n');
}
