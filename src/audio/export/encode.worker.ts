/** Export worker entry (module worker): exposes the encoder API; the work is in encode-export.ts. */
import { expose } from 'comlink';
import { exportWorkerApi } from './export-worker-api.ts';

expose(exportWorkerApi);
