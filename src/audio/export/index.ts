/** Export of equalised audio: see export-audio.ts and docs/APP.md. */
export { exportAudio, exportFile, type ExportOptions, type ExportResult } from './export-audio.ts';
export { availableExportFormats } from './available-formats.ts';
export { prepareExportWorker } from './encode-client.ts';
export {
  ALL_EXPORT_FORMATS,
  EXPORT_CEILING_DBTP,
  EXPORT_FORMAT_INFO,
  type ExportChoice,
  type ExportFormatId,
  type ExportFormatInfo,
} from './export-format.ts';
export type { ExportTags } from './export-tags.ts';
export { equalisedFileName, exportFileName } from './file-name.ts';
export {
  DELIVERY_PRESETS,
  type DeliveryPreset,
  type DeliveryTarget,
  type LevelReport,
} from '../../shared/loudness/delivery.ts';
