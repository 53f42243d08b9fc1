import type { Rating } from '../../storage/schema.ts';
import { learnedFromText, type Suggestion } from '../../feedback/feedback-session.ts';
import { PersonalCurves } from './PersonalCurves.tsx';
import { ThumbIcon } from './ThumbIcon.tsx';
import './feedback.css';

export interface FeedbackPanelProps {
  suggestion: Suggestion;
  rating: Rating;
  /** Where this song's record is: being written, committed to the device, or only in memory. */
  saved: 'saving' | 'saved' | 'memory';
  /** Personalisation is switched on (it may still have no data). */
  personaliseOn: boolean;
  /** Records that would shape suggestions now (after any reset). */
  learnedFrom: number;
  onRate(rating: 'up' | 'down'): void;
  onPersonalise(on: boolean): void;
  onReset(): void;
}

/** Rate the suggestion, and see (and control) how the user's past ratings shaped it. */
export function FeedbackPanel({
  suggestion,
  rating,
  saved,
  personaliseOn,
  learnedFrom,
  onRate,
  onPersonalise,
  onReset,
}: FeedbackPanelProps) {
  let status: string;
  if (suggestion.personalised) status = `Personalised from ${learnedFromText(suggestion)}.`;
  else if (!personaliseOn) status = 'Personalisation is off: this is the model’s suggestion.';
  else status = 'Rate suggestions, and later ones will learn what you like.';
  return (
    <div className="feedback" role="group" aria-label="Feedback on the suggestion">
      <div className="rate">
        <span>Was the suggestion good?</span>
        <button
          type="button"
          className={`thumb${rating === 'up' ? ' active' : ''}`}
          aria-label="Good suggestion"
          aria-pressed={rating === 'up'}
          title="Good suggestion: remembers the curve as you have it now"
          onClick={() => onRate('up')}
        >
          <ThumbIcon /> Good
        </button>
        <button
          type="button"
          className={`thumb${rating === 'down' ? ' active' : ''}`}
          aria-label="Bad suggestion"
          aria-pressed={rating === 'down'}
          title="Bad suggestion: fix the curve first and the fix is remembered"
          onClick={() => onRate('down')}
        >
          <ThumbIcon down /> Bad
        </button>
        {rating !== 'none' && (
          <span className="rated" role="status">
            {saved === 'saved'
              ? 'Saved on this device.'
              : saved === 'saving'
                ? 'Saving…'
                : 'Kept for this session only.'}
          </span>
        )}
      </div>
      <div className="personal">
        <p className="personal-status" role="status" aria-live="polite">
          {status}
        </p>
        <label>
          <input type="checkbox" checked={personaliseOn} onChange={(e) => onPersonalise(e.target.checked)} />{' '}
          Personalise suggestions
        </label>
        <button
          type="button"
          onClick={onReset}
          disabled={learnedFrom === 0}
          title="Start learning afresh: past ratings stay in the history"
        >
          Reset personalisation
        </button>
      </div>
      {suggestion.personalised && <PersonalCurves rawDb={suggestion.rawDb} personalDb={suggestion.shownDb} />}
    </div>
  );
}
