/** Analysis worker entry: exposes analysisApi over comlink. The logic is in analysis-api.ts. */
import { expose } from 'comlink';
import { analysisApi } from './analysis-api.ts';

expose(analysisApi);
