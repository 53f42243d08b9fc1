/** Open-time scan worker entry (module worker): exposes scanApi; the work is in scan-api.ts. */
import { expose } from 'comlink';
import { scanApi } from './scan-api.ts';

expose(scanApi);
