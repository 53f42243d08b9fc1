/** The bands profiles are measured in: the model contract's quarter-octave feature bands. */
import { CONTRACT, type ModelContract } from '../model/contract.ts';

/** Centres (Hz) of the feature bands, computed exactly as the extractor's filterbank does. */
export function profileBandsHz(c: ModelContract = CONTRACT): number[] {
  const { count, minHz, maxHz } = c.input.bands;
  const ratio = Math.log(maxHz / minHz) / count;
  return Array.from({ length: count }, (_, i) =>
    Math.sqrt(minHz * Math.exp(ratio * i) * minHz * Math.exp(ratio * (i + 1))),
  );
}
