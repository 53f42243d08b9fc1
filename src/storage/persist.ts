/**
 * Asks the browser to keep the app's storage under pressure instead of evicting it (StorageManager.persist).
 * Chromium decides silently from site engagement; Firefox may ask the user, which is why the app asks once,
 * when the first rating is saved, and never at load.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.persist) return false;
  if (await storage.persisted?.()) return true;
  return storage.persist();
}
