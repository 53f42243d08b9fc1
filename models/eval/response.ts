/**
 * The response check (issue 12): for each of the six gross problems, on real held-out songs, how far the
 * suggestion moves toward the correction that undoes it (problems.ts, `response`).
 */
import { correctionTarget } from '../prep/curves.ts';
import { PROBLEMS, response } from '../prep/problems.ts';
import type { SongCase } from './model-runs.ts';

export interface ResponseFigures {
  problems: { label: string; songs: number; mean: number; low: number; high: number }[];
  mean: number;
  min: number;
  table: string;
}

/** The value that `share` of the entries of `sorted` (ascending) are at or under. */
export function atOrUnder(sorted: readonly number[], share: number): number {
  return sorted[Math.ceil(sorted.length * share) - 1]!;
}

export function responseTable(cases: readonly SongCase[]): ResponseFigures {
  const plain = new Map(
    cases.filter((c) => c.version.kind === 'random' && c.version.untouched).map((c) => [c.version.track, c]),
  );
  const problems = PROBLEMS.map((p, i) => {
    const r = cases
      .filter((c) => c.version.kind === 'problem' && c.version.problem === i)
      .map((c) =>
        response(
          plain.get(c.version.track)!.suggestion.gainsDb,
          c.suggestion.gainsDb,
          correctionTarget(p.command),
        ),
      )
      .sort((a, b) => a - b);
    const mean = r.reduce((a, x) => a + x, 0) / r.length;
    return {
      label: p.label,
      songs: r.length,
      mean,
      low: r[Math.floor(r.length * 0.1)]!,
      high: atOrUnder(r, 0.9),
    };
  });
  const mean = problems.reduce((a, p) => a + p.mean, 0) / problems.length;
  const min = Math.min(...problems.map((p) => p.mean));
  const table = [
    `Response = the change of the suggestion (problem applied by the engine vs. the untouched song, both with their mean removed) projected onto the ideal correction, over its squared norm: 1 = moved exactly as far as needed. ${problems[0]!.songs} held-out songs per problem; mean ${mean.toFixed(2)} (target ≥ 0.6), lowest ${min.toFixed(2)} (target ≥ 0.4).`,
    '',
    '| problem (engine command) | songs | mean response | 10 % of songs below | 90 % below |',
    '|---|---:|---:|---:|---:|',
    ...problems.map(
      (p) =>
        `| ${p.label} | ${p.songs} | ${p.mean.toFixed(2)} | ${p.low.toFixed(2)} | ${p.high.toFixed(2)} |`,
    ),
  ].join('\n');
  return { problems, mean, min, table };
}
