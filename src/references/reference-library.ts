/**
 * The user's reference tracks for this session and the next: their balance profiles (never the audio) kept
 * on the device, listed, renamed, deleted, imported. Measuring is a port (in the app: decode, then the
 * analysis worker), so the rules run in Node. React reads it as an external store.
 *
 * Storage failures never lose what the user just measured: the reference stays usable in this session and
 * the snapshot says why it is not kept.
 */
import type { BalanceProfile, ReferenceRecord } from '../shared/targets/index.ts';
import { createReferenceRecord, cleanReferenceName } from '../shared/targets/index.ts';
import type { ReferenceStore } from '../storage/reference-store.ts';

export type ReferenceStoreLike = Pick<ReferenceStore, 'list' | 'put' | 'rename' | 'delete'>;

export interface ReferenceLibrarySnapshot {
  loaded: boolean;
  /** Oldest first. */
  records: readonly ReferenceRecord[];
  /** Names of files being measured now. */
  measuring: readonly string[];
  /** What the last action did or why it failed, for the user. */
  message: string | null;
  /** Why references are not being kept on the device; null when all is well. */
  problem: string | null;
}

export interface LibraryPorts {
  openStore(): Promise<ReferenceStoreLike>;
  /** A file's balance profile; rejects with an Error whose message is meant for the user. */
  measure(file: File): Promise<BalanceProfile>;
  contractVersion: string;
  now(): number;
}

const byCreated = (a: ReferenceRecord, b: ReferenceRecord) => a.createdAt - b.createdAt;

export class ReferenceLibrary {
  private snap: ReferenceLibrarySnapshot = {
    loaded: false,
    records: [],
    measuring: [],
    message: null,
    problem: null,
  };
  private listeners = new Set<() => void>();
  private store: ReferenceStoreLike | null = null;
  readonly loaded: Promise<void>;

  constructor(private readonly ports: LibraryPorts) {
    this.loaded = this.load();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ReferenceLibrarySnapshot => this.snap;

  private set(patch: Partial<ReferenceLibrarySnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    this.listeners.forEach((l) => l());
  }

  private async load(): Promise<void> {
    try {
      this.store = await this.ports.openStore();
      const stored = await this.store.list();
      const ids = new Set(stored.map((r) => r.id));
      this.set({ records: [...stored, ...this.snap.records.filter((r) => !ids.has(r.id))].sort(byCreated) });
    } catch (e) {
      this.store = null;
      this.set({ problem: `References are kept for this session only: ${(e as Error).message}` });
    } finally {
      this.set({ loaded: true });
    }
  }

  /** The profiles of these references, those that exist, in the order given. */
  profiles(ids: readonly string[]): BalanceProfile[] {
    return ids.flatMap((id) => this.snap.records.find((r) => r.id === id)?.profile ?? []);
  }

  /** Measures each file and keeps it; resolves with the references added (files that failed are said why). */
  async add(files: readonly File[]): Promise<ReferenceRecord[]> {
    await this.loaded;
    const added: ReferenceRecord[] = [];
    const failed: string[] = [];
    for (const file of files) {
      this.set({ measuring: [...this.snap.measuring, file.name], message: null });
      try {
        const profile = await this.ports.measure(file);
        const record = createReferenceRecord(
          file.name,
          profile,
          this.ports.contractVersion,
          this.ports.now(),
        );
        added.push(record);
        this.set({ records: [...this.snap.records, record].sort(byCreated) });
        await this.keep(record);
      } catch (e) {
        failed.push(`“${file.name}” could not be used as a reference: ${(e as Error).message}`);
      } finally {
        const i = this.snap.measuring.indexOf(file.name);
        this.set({ measuring: this.snap.measuring.filter((_, j) => j !== i) });
      }
    }
    const names = added.map((r) => `“${r.name}”`).join(', ');
    this.set({
      message: [added.length ? `Added ${names} as a reference.` : '', ...failed].filter(Boolean).join(' '),
    });
    return added;
  }

  /** Imported references (a data export or a profile file): merged by id. Resolves with how many. */
  async importRecords(records: readonly ReferenceRecord[]): Promise<number> {
    await this.loaded;
    const ids = new Set(records.map((r) => r.id));
    this.set({ records: [...this.snap.records.filter((r) => !ids.has(r.id)), ...records].sort(byCreated) });
    await this.keep(...records);
    return records.length;
  }

  async rename(id: string, name: string): Promise<void> {
    let clean: string;
    try {
      clean = cleanReferenceName(name);
    } catch (e) {
      this.set({ message: (e as Error).message });
      return;
    }
    this.set({
      records: this.snap.records.map((r) => (r.id === id ? { ...r, name: clean } : r)),
      message: null,
    });
    await this.guard(() => this.store?.rename(id, clean));
  }

  async remove(id: string): Promise<void> {
    const gone = this.snap.records.find((r) => r.id === id);
    this.set({
      records: this.snap.records.filter((r) => r.id !== id),
      message: gone ? `Deleted the reference “${gone.name}”.` : null,
    });
    await this.guard(() => this.store?.delete(id));
  }

  private async keep(...records: ReferenceRecord[]): Promise<void> {
    await this.guard(() => this.store?.put(...records));
  }

  private async guard(op: () => Promise<unknown> | undefined): Promise<void> {
    try {
      await op();
    } catch (e) {
      this.set({ problem: `References are kept for this session only: ${(e as Error).message}` });
    }
  }
}
