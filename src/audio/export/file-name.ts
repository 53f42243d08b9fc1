/**
 * "Song.flac" → "Song (Sonic EQ).wav": the exported file says it was equalised. Formats that differ only in
 * sample depth get it in the name ("Song (Sonic EQ, 24-bit).wav"), so exports of one song in two depths do
 * not overwrite each other in the downloads folder.
 */
export function equalisedFileName(base: string, extension: string, variant?: string): string {
  const name =
    base
      .replace(/[\\/]+$/, '')
      .split(/[\\/]/)
      .pop() ?? '';
  const dot = name.lastIndexOf('.');
  const stem = (dot > 0 ? name.slice(0, dot) : name).trim() || 'Audio';
  return `${stem} (Sonic EQ${variant ? `, ${variant}` : ''}).${extension}`;
}

/** The depth a format id names ("wav16" → "16-bit", "wav32f" → "32-bit float"), or undefined (MP3). */
export function depthVariant(format: string): string | undefined {
  const m = /^[a-z]+?(8|16|24|32|64)(f?)$/.exec(format);
  if (!m) return undefined;
  return `${m[1]}-bit${m[2] ? ' float' : ''}`;
}

/** The download name of an export of `base` in `format`, whose file extension is `extension`. */
export function exportFileName(base: string, format: string, extension: string): string {
  return equalisedFileName(base, extension, depthVariant(format));
}
