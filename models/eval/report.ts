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

/** Per-band MAE on EQ'd cases and do-no-harm on untouched ones, for one method's predictions. */
export function summarise(
  cases: { prediction: number[]; target: number[]; untouched: boolean }[],
): MethodMetrics {
  const nb = cases[0]?.target.length ?? 0;
  const perBand = new Array<number>(nb).fill(0);
  let eqd = 0;
  let harm = 0;
  let untouched = 0;
  for (const c of cases) {
    if (c.untouched) {
      harm += c.prediction.reduce((s, g) => s + Math.abs(g), 0) / nb;
      untouched++;
    } else {
      c.prediction.forEach((g, b) => (perBand[b]! += Math.abs(g - c.target[b]!)));
      eqd++;
    }
  }
  const mae = perBand.map((s) => s / eqd);
  return { perBandMaeDb: mae, maeDb: mae.reduce((a, b) => a + b, 0) / nb, doNoHarmDb: harm / untouched };
}

export function metricsTable(bandsHz: readonly number[], methods: Record<string, MethodMetrics>): string {
  const head = bandsHz.map((f) => (f >= 1000 ? `${f / 1000}k` : `${f}`));
  const zero = methods.zero!;
  const lines = [
    `| method | ${head.join(' | ')} | overall MAE (dB) | vs zero | do-no-harm (dB) |`,
    `|---|${head.map(() => '---:').join('|')}|---:|---:|---:|`,
  ];
  for (const [key, m] of Object.entries(methods)) {
    const cells = m.perBandMaeDb.map((v) => v.toFixed(2));
    lines.push(
      `| ${LABELS[key] ?? key} | ${cells.join(' | ')} | ${m.maeDb.toFixed(2)} | ${(m.maeDb / zero.maeDb).toFixed(2)} | ${m.doNoHarmDb.toFixed(2)} |`,
    );
  }
  return lines.join('\n');
}
