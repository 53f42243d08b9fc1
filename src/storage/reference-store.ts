/**
 * Reference tracks kept between sessions: their balance profiles (never the audio) in the `references` store
 * of the app's database.
 */
import { cleanReferenceName } from '../shared/targets/reference-record.ts';
import { openFeedbackDb, type OpenOptions } from './feedback-db.ts';
import { NamedRecordStore } from './named-record-store.ts';

export class ReferenceStore extends NamedRecordStore<'references'> {
  static async open(opts: Omit<OpenOptions, 'version'> = {}): Promise<ReferenceStore> {
    // An empty name throws a ReferenceRecordError with the reason, before the database is touched.
    return new ReferenceStore(await openFeedbackDb(opts), 'references', cleanReferenceName);
  }
}
