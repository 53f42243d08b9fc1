/** m:ss for the transport display; h:mm:ss from an hour on (a live set). */
export function formatTime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/** The same, spelled out for a screen reader: "1 minute 5 seconds". */
export function spokenTime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const parts: string[] = [];
  const unit = (n: number, word: string) => n > 0 && parts.push(`${n} ${word}${n === 1 ? '' : 's'}`);
  unit(Math.floor(s / 3600), 'hour');
  unit(Math.floor((s % 3600) / 60), 'minute');
  unit(s % 60, 'second');
  return parts.length ? parts.join(' ') : '0 seconds';
}
