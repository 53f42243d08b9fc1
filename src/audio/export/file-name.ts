/** "Song.flac" → "Song (Sonic EQ).wav": the exported file says it was equalised. */
export function equalisedFileName(base: string, extension: string): string {
  const name =
    base
      .replace(/[\\/]+$/, '')
      .split(/[\\/]/)
      .pop() ?? '';
  const dot = name.lastIndexOf('.');
  const stem = (dot > 0 ? name.slice(0, dot) : name).trim() || 'Audio';
  return `${stem} (Sonic EQ).${extension}`;
}
