/**
 * What the target panel's controls do: the reference library changes, and the session store aims the song
 * (and later songs) at the new target. A reference just added is matched at once; a deleted one no longer is.
 */
import type { TargetChoice } from '../../session/target-choice.ts';
import { referenceLibrary } from '../reference-service.ts';
import { studio } from '../studio.ts';

const target = (): TargetChoice => studio.getSnapshot().target;

export async function addReferences(files: readonly File[]): Promise<void> {
  const added = await referenceLibrary.add(files);
  if (added.length === 0) return;
  const t = target();
  studio.setTarget({ ...t, referenceIds: [...t.referenceIds, ...added.map((r) => r.id)] });
}

export function matchReference(id: string, on: boolean): void {
  const t = target();
  const others = t.referenceIds.filter((r) => r !== id);
  const referenceIds = on ? [...others, id] : others;
  // "References only" without a reference means Automatic.
  const base = referenceIds.length === 0 && t.base === 'none' ? 'automatic' : t.base;
  studio.setTarget({ base, referenceIds });
}

export async function deleteReference(id: string): Promise<void> {
  matchReference(id, false);
  await referenceLibrary.remove(id);
}

export function setBase(base: string): void {
  studio.setTarget({ ...target(), base });
}
