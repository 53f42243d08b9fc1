/** Export worker entry (module worker): exposes the encoder API; the work is in encode-export.ts. */
import { expose } from 'comlink';
import { exportWorkerApi } from './export-worker-api.ts';

expose(exportWorkerApi);

// Started ahead of its export (encode-client.ts): load the encoders and the container library meanwhile,
// which an export to FLAC, MP3, Opus or AAC would otherwise wait for.
void import('./encode-compressed.ts');
