/**
 * What the user aims the suggestion at, and what that makes of a song's suggestion. The choice belongs to
 * the session store (it outlives a song: the next song is matched to the same references); the maths is the
 * one suggestion function of src/shared/targets.
 *
 * The base is "Automatic" (the model's own expected balance for this music, the default), a style, or
 * nothing (only when references are chosen: "references only"). Chosen references are blended with the base
 * at equal weight, as the evaluation measured it (models/MATCHING.md: a reference with Automatic as the
 * prior errs less than either alone).
 */
import type { Suggestion } from '../feedback/feedback-session.ts';
import { toCommand } from '../shared/dsp/eq-command.ts';
import type { BalanceProfile, BlendPart, TargetedSuggestion } from '../shared/targets/index.ts';
import { findStyle, suggestEq } from '../shared/targets/index.ts';

/** 'automatic', 'none' (references only) or a style's name (models/styles.json). */
export type TargetBase = string;

export interface TargetChoice {
  base: TargetBase;
  /** Stored references (ReferenceRecord ids) matched, in the order chosen. */
  referenceIds: readonly string[];
}

export const AUTOMATIC_TARGET: TargetChoice = Object.freeze({ base: 'automatic', referenceIds: [] });

/** The blend for a choice, given the profiles of its references that still exist. */
export function blendFor(choice: TargetChoice, profiles: readonly BalanceProfile[]): BlendPart[] {
  const parts: BlendPart[] = [];
  const style = choice.base === 'automatic' || choice.base === 'none' ? undefined : findStyle(choice.base);
  if (style) parts.push({ target: { kind: 'style', style }, weight: 1 });
  else if (choice.base !== 'none' || profiles.length === 0)
    parts.push({ target: { kind: 'automatic' }, weight: 1 });
  if (profiles.length > 0) parts.push({ target: { kind: 'references', profiles }, weight: 1 });
  return parts;
}

export interface Targeted {
  /** The song's suggestion with `shownDb` aimed at the target (rawDb stays the model's own). */
  suggestion: Suggestion;
  /** Balance, tunnel and confidence for the tonal-balance view; null when the song has no measurable balance. */
  view: TargetedSuggestion | null;
}

/**
 * The suggestion for a song given the target. `personal` is the model's suggestion as the app would show it
 * without a target (personalised when that is on): it is the "Automatic" part. A song whose balance could
 * not be measured (nothing loud enough) keeps that suggestion.
 */
export function aimSuggestion(
  personal: Suggestion,
  songProfile: BalanceProfile | null,
  choice: TargetChoice,
  profiles: readonly BalanceProfile[],
): Targeted {
  if (!songProfile) return { suggestion: personal, view: null };
  const blend = blendFor(choice, profiles);
  const view = suggestEq({ song: songProfile, blind: { gainsDb: personal.shownDb }, blend });
  const automaticOnly = blend.length === 1 && blend[0]!.target.kind === 'automatic';
  return {
    suggestion: automaticOnly ? personal : { ...personal, shownDb: toCommand(view.gainsDb) },
    view,
  };
}
