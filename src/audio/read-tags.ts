/**
 * What a file says about itself: title, artist, album and cover art from its tags (ID3 in MP3, Vorbis
 * comments in FLAC and Ogg, MP4 atoms, RIFF INFO in WAV), read by mediabunny from the file's own bytes on the
 * device. For the lock screen and the headset (Media Session). mediabunny is loaded on first use, in its own
 * chunk, so the first page load does not carry it.
 */

export interface SongTags {
  title: string | null;
  artist: string | null;
  album: string | null;
  /** The front cover (or the first picture), as its bytes and type. */
  cover: { data: Uint8Array; mimeType: string } | null;
}

/** Covers larger than this are not shown (a lock screen scales them down anyway). */
const MAX_COVER_BYTES = 4 * 1024 * 1024;

const text = (v: string | undefined): string | null => (v && v.trim() !== '' ? v.trim() : null);

/** The file's tags, or null when it has none we can read (never throws: tags are a nicety). */
export async function readTags(file: Blob): Promise<SongTags | null> {
  try {
    const { ALL_FORMATS, BlobSource, Input } = await import('mediabunny');
    const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
    try {
      const tags = await input.getMetadataTags();
      const images = (tags.images ?? []).filter((i) => i.data.byteLength <= MAX_COVER_BYTES);
      const cover = images.find((i) => i.kind === 'coverFront') ?? images[0] ?? null;
      const out: SongTags = {
        title: text(tags.title),
        artist: text(tags.artist ?? tags.albumArtist),
        album: text(tags.album),
        cover: cover ? { data: cover.data, mimeType: cover.mimeType } : null,
      };
      return out.title || out.artist || out.album || out.cover ? out : null;
    } finally {
      input.dispose();
    }
  } catch {
    return null;
  }
}
