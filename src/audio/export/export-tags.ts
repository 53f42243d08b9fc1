/**
 * The source's tags, carried into the exported file: title, artist, album and the front cover. Read with
 * mediabunny (ID3 in MP3, Vorbis comments and pictures in FLAC and Ogg, iTunes atoms in MP4, RIFF INFO in
 * WAV), in the export worker or in Node; plain data, so it crosses to a worker as it is.
 */
import { ALL_FORMATS, BlobSource, BufferSource, Input, type MetadataTags, type Source } from 'mediabunny';

export interface ExportTags {
  title?: string;
  artist?: string;
  album?: string;
  /** The front cover (or the first picture when none is marked as the front). */
  cover?: { data: Uint8Array; mimeType: string };
}

/** The tags of a source file; an empty object when it has none or cannot be read (export never fails on tags). */
export function readSourceTags(source: Blob | Uint8Array): Promise<ExportTags> {
  return readTagsFrom(source instanceof Uint8Array ? new BufferSource(source) : new BlobSource(source));
}

/** The same from any mediabunny source (Node passes a FilePathSource: only the tag bytes are read). */
export async function readTagsFrom(source: Source): Promise<ExportTags> {
  const input = new Input({ source, formats: ALL_FORMATS });
  try {
    const t = await input.getMetadataTags();
    const image = t.images?.find((i) => i.kind === 'coverFront') ?? t.images?.[0];
    const tags: ExportTags = {};
    if (t.title?.trim()) tags.title = t.title.trim();
    if (t.artist?.trim()) tags.artist = t.artist.trim();
    if (t.album?.trim()) tags.album = t.album.trim();
    if (image) tags.cover = { data: image.data, mimeType: image.mimeType };
    return tags;
  } catch {
    return {};
  } finally {
    input.dispose();
  }
}

/** The tags in mediabunny's form, for an Output. */
export function toMetadataTags(tags: ExportTags): MetadataTags {
  const out: MetadataTags = {};
  if (tags.title) out.title = tags.title;
  if (tags.artist) out.artist = tags.artist;
  if (tags.album) out.album = tags.album;
  if (tags.cover) out.images = [{ data: tags.cover.data, mimeType: tags.cover.mimeType, kind: 'coverFront' }];
  return out;
}
