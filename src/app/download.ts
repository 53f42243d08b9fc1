/** Saves a Blob as a file through a temporary link (the page's only way to write a file). */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves text as a JSON file named `<stem>-<date>.json`. */
export function downloadJson(text: string, stem: string, now = new Date()): void {
  downloadBlob(
    new Blob([text], { type: 'application/json' }),
    `${stem}-${now.toISOString().slice(0, 10)}.json`,
  );
}
