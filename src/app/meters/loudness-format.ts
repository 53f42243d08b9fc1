/** How loudness figures read on screen: one decimal, a true minus sign, "—" where there is nothing to show. */
export function formatLevel(value: number, unit: string): string {
  if (!Number.isFinite(value)) return value > 0 ? `+∞ ${unit}` : `— ${unit}`;
  const v = Math.round(value * 10) / 10;
  return `${v < 0 ? '−' : ''}${Math.abs(v).toFixed(1)} ${unit}`;
}
