/** Rewrites one generated section of models/MODEL_CARD.md (between `<!-- name:start -->` and `<!-- name:end -->`). */
import { readFileSync, writeFileSync } from 'node:fs';

export const CARD_PATH = new URL('../MODEL_CARD.md', import.meta.url).pathname;

export function replaceSection(name: string, text: string, path = CARD_PATH): void {
  const card = readFileSync(path, 'utf8');
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = card.indexOf(start);
  const b = card.indexOf(end);
  if (a < 0 || b < a) throw new Error(`${path} has no section "${name}"`);
  writeFileSync(path, `${card.slice(0, a + start.length)}\n${text}\n${card.slice(b)}`);
}
