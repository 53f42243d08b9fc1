import type { LoudnessSummary } from '../../shared/loudness/loudness-meter.ts';
import { equalisedLoudness, type SongSession } from '../../session/song-session.ts';
import { formatLevel } from './loudness-format.ts';

function Row({ name, summary, note }: { name: string; summary: LoudnessSummary | null; note?: string }) {
  const cell = (v: number | undefined, unit: string) => (v === undefined ? '…' : formatLevel(v, unit));
  return (
    <tr>
      <th scope="row">
        {name}
        {note && <span className="loudness-note"> {note}</span>}
      </th>
      <td>{cell(summary?.integratedLufs, 'LUFS')}</td>
      <td>{cell(summary?.loudnessRangeLu, 'LU')}</td>
      <td>{cell(summary?.truePeakDbtp, 'dBTP')}</td>
    </tr>
  );
}

/**
 * The whole song's loudness, measured in a worker once the analysis is over: the original, and the
 * equalised result (the EQ alone, before an export's level change) at the curve applied now, measured again
 * when the curve settles; "updating" while the figure shown is of an earlier curve.
 */
export function SongLoudness({ song }: { song: SongSession }) {
  const original = song.loudness.original;
  const eq = equalisedLoudness(song);
  const waiting = !original && song.phase === 'analysing' ? 'after the analysis' : undefined;
  return (
    <table className="song-loudness">
      <caption>Whole song{waiting ? `, measured ${waiting}` : ''}</caption>
      <thead>
        <tr>
          <td />
          <th scope="col">Integrated</th>
          <th scope="col">Range</th>
          <th scope="col">True peak</th>
        </tr>
      </thead>
      <tbody>
        <Row name="Original" summary={original} />
        <Row
          name="Equalised"
          summary={eq?.summary ?? null}
          note={eq && !eq.current ? '(updating)' : undefined}
        />
      </tbody>
    </table>
  );
}
