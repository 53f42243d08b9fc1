/**
 * Targets and references: balance profiles, the matcher, style targets and the one suggestion function that
 * takes the blind model, a style, references or a blend of them. Pure; runs in the page, workers and Node.
 */
export { profileBandsHz } from './bands.ts';
export type { BalanceObservation, CorrectionPrior, Evidence, MatchResult, MatchSettings } from './match.ts';
export {
  DEFAULT_MATCH_SETTINGS,
  estimateCorrection,
  matchBalance,
  modelPriorSd,
  presenceWeight,
} from './match.ts';
export { contractExtractor, profileFromFeatures, profileFromSignal } from './measure.ts';
export { octaveBalance } from './octave.ts';
export type { BalanceProfile, ProfileSettings } from './profile.ts';
export {
  DEFAULT_PROFILE_SETTINGS,
  SilentAudioError,
  measureProfile,
  representativeFrames,
} from './profile.ts';
export { averageObservations, lowPassBand, profileObservation, referenceObservation } from './reference.ts';
export type { ReferenceRecord } from './reference-record.ts';
export {
  MAX_NAME_LENGTH,
  ReferenceRecordError,
  cleanReferenceName,
  createReferenceRecord,
  parseReferenceRecord,
  referenceNameFor,
} from './reference-record.ts';
export type { OctaveTunnel, StyleTarget, StylesFile } from './styles.ts';
export { STYLES, findStyle, styleNames, stylePrecision } from './styles.ts';
export type {
  BlendPart,
  BlindSuggestion,
  SuggestionRequest,
  TargetChoice,
  TargetedSuggestion,
} from './suggest.ts';
export { suggestEq } from './suggest.ts';
