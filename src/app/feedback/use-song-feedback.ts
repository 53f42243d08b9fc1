import { useCallback, useState } from 'react';
import type { Rating } from '../../storage/schema.ts';
import { FeedbackFileError } from '../../storage/feedback-file.ts';
import type { AnalysisResult } from '../../workers/analysis-client.ts';
import type { Suggestion } from './feedback-session.ts';
import { exportFeedbackFile } from './download.ts';
import { feedbackSession } from './feedback-service.ts';

/** The song on screen, as feedback sees it. */
export interface SongFeedback {
  /** The record this song's rating and export write to (one per analysed song). */
  id: string;
  fileName: string;
  durationS: number;
  result: AnalysisResult;
  suggestion: Suggestion;
  rating: Rating;
}

const newId = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
const clamp12 = (g: number) => Math.max(-12, Math.min(12, g));

/**
 * Feedback for the current song: its (personalised) suggestion, its rating, and the record written when the
 * user rates or exports (the curve they have then, at their amount).
 */
export function useSongFeedback() {
  const [song, setSong] = useState<SongFeedback | null>(null);

  /** A new suggestion arrived: personalise it (with what is loaded now) and start this song's record. */
  const begin = useCallback((fileName: string, durationS: number, result: AnalysisResult): Suggestion => {
    const suggestion = feedbackSession.suggest(result);
    setSong({ id: newId(), fileName, durationS, result, suggestion, rating: 'none' });
    return suggestion;
  }, []);

  /** Personalisation was switched or reset: the suggestion for the same song, recomputed. */
  const refresh = useCallback((): Suggestion | null => {
    if (!song) return null;
    const suggestion = feedbackSession.suggest(song.result, song.id);
    setSong({ ...song, suggestion });
    return suggestion;
  }, [song]);

  /** Records the kept curve; `rating` null keeps the song's current rating (an export). */
  const keep = useCallback(
    (rating: Rating | null, curveDb: readonly number[], amount: number, keptDb: readonly number[]) => {
      if (!song) return;
      // An export started before a rating finishes after it: it keeps the stored rating, not the one it saw.
      const stored = feedbackSession.getSnapshot().records.find((x) => x.id === song.id);
      const r = rating ?? stored?.rating ?? song.rating;
      setSong((cur) => (cur && cur.id === song.id ? { ...cur, rating: r } : cur));
      void feedbackSession.save({
        id: song.id,
        time: Date.now(),
        fileName: song.fileName,
        durationS: song.durationS,
        modelId: song.result.modelId,
        contractVersion: song.result.contractVersion,
        suggestedDb: song.result.gainsDb.map(clamp12),
        shownDb: [...song.suggestion.shownDb],
        curveDb: curveDb.map(clamp12),
        keptDb: keptDb.map(clamp12),
        amount,
        rating: r,
        embedding: [...song.result.embedding],
      });
    },
    [song],
  );

  return { song, begin, refresh, keep };
}

export function exportFeedback(): void {
  exportFeedbackFile(feedbackSession.exportText());
}

export async function importFeedback(file: File): Promise<string> {
  try {
    const n = await feedbackSession.importText(await file.text());
    return `Imported ${n} rating${n === 1 ? '' : 's'} from “${file.name}”.`;
  } catch (e) {
    return e instanceof FeedbackFileError ? e.message : `The import failed: ${(e as Error).message}`;
  }
}
