import { feedbackSession } from '../../feedback/feedback-service.ts';
import type { SongSession } from '../../session/song-session.ts';
import { studio } from '../studio.ts';
import { useFeedback } from '../use-feedback.ts';
import { FeedbackPanel } from './FeedbackPanel.tsx';

/** The feedback panel for the song on screen, wired to the session store and the device's records. */
export function SongFeedback({ song }: { song: SongSession }) {
  const feedback = useFeedback();
  if (!song.suggestion) return null;
  const saved = !feedback.unsaved.includes(song.id) ? 'saved' : feedback.problem ? 'memory' : 'saving';
  return (
    <FeedbackPanel
      suggestion={song.suggestion}
      rating={song.rating}
      saved={saved}
      personaliseOn={feedback.settings.personalise}
      learnedFrom={feedbackSession.learningRecords(song.id).length}
      onRate={(r) => studio.rate(r)}
      onPersonalise={(on) => {
        void feedbackSession.setPersonalise(on);
        studio.refreshSuggestion();
      }}
      onReset={() => {
        void feedbackSession.resetPersonalisation();
        studio.refreshSuggestion();
      }}
    />
  );
}
