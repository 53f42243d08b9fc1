/** Export of equalised audio: see export-audio.ts and docs/APP.md. */
export { exportAudio, exportFile, type ExportOptions, type ExportResult } from './export-audio.ts';
export { EXPORT_CEILING_DBTP, EXPORT_FORMATS, type ExportFormat } from './export-format.ts';
export { equalisedFileName } from './file-name.ts';
