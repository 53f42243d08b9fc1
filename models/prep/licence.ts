/** The licence of a file in a Debian package, from its usr/share/doc/<pkg>/copyright. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Stanza {
  files: string[];
  license: string;
}

/** Paragraphs of a machine-readable (DEP-5) copyright file that have Files: and License: fields. */
function dep5Stanzas(text: string): Stanza[] {
  const stanzas: Stanza[] = [];
  for (const para of text.split(/\n\s*\n/)) {
    const files = /^Files:\s*((?:.*)(?:\n[ \t]+.*)*)/m.exec(para);
    const license = /^License:\s*(.*)$/m.exec(para);
    if (files && license)
      stanzas.push({ files: files[1]!.split(/\s+/).filter(Boolean), license: license[1]!.trim() });
  }
  return stanzas;
}

/** DEP-5 patterns are relative to the source tree; match them against the tail of the installed path. */
function matches(pattern: string, installedPath: string): boolean {
  if (pattern === '*') return true;
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`(^|/)${re}$`).test(installedPath);
}

/** Free-text copyright files: name the licences the text mentions. */
function licencesInText(text: string): string {
  const found = new Set<string>();
  const checks: [RegExp, string][] = [
    [/Creative Commons Attribution[- ]Share[- ]?Alike|CC-BY-SA/i, 'CC-BY-SA'],
    [/Creative Commons Attribution(?![- ]Share)|CC-BY(?!-SA)/i, 'CC-BY'],
    [/CC0|Public Domain Dedication/i, 'CC0'],
    [/GNU General Public License|GPL/i, 'GPL'],
    [/Free Art License|Licence Art Libre/i, 'Free Art License'],
    [/public domain/i, 'public domain'],
  ];
  for (const [re, name] of checks) if (re.test(text)) found.add(name);
  return found.size > 0 ? [...found].join(' / ') : 'see copyright file';
}

/** Licence of `installedPath` (relative to the extracted package root). Last matching DEP-5 stanza wins. */
export function licenceFor(pkgRoot: string, pkg: string, installedPath: string): string {
  const file = join(pkgRoot, 'usr/share/doc', pkg, 'copyright');
  if (!existsSync(file)) return 'copyright file missing';
  const text = readFileSync(file, 'utf8');
  const stanzas = dep5Stanzas(text);
  if (stanzas.length === 0) return licencesInText(text);
  let licence = stanzas[0]!.license;
  for (const s of stanzas) if (s.files.some((p) => matches(p, installedPath))) licence = s.license;
  return licence;
}
