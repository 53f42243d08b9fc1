import { useEffect, useRef } from 'react';
import { MediaFocus } from '../audio/media-focus.ts';
import type { SongTags } from '../audio/read-tags.ts';
import type { SongSession } from '../session/song-session.ts';
import type { LivePlayback } from './use-live-player.ts';

export interface MediaSessionOptions {
  song: SongSession | null;
  tags: SongTags | null;
  durationS: number;
  player: LivePlayback;
  /** Previous and next file of a batch; null where there is none. */
  previous: (() => void) | null;
  next: (() => void) | null;
}

/** Seconds the seek-backward and seek-forward actions move by when the platform does not say. */
const SKIP_S = 10;

/** The app's icons, shown when the file has no cover. */
const APP_ARTWORK: MediaImage[] = [
  { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
  { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
];

/** "Song.flac" → "Song": a file's name as a title. */
export const titleFromFileName = (name: string): string => name.replace(/\.[^./\\]{1,5}$/, '') || name;

function dataUrl(data: Uint8Array, mimeType: string): string {
  let bin = '';
  for (let i = 0; i < data.length; i += 0x8000) bin += String.fromCharCode(...data.subarray(i, i + 0x8000));
  return `data:${mimeType};base64,${btoa(bin)}`;
}

/** What the lock screen shows for a song: its tags where it has them, else its file name. */
export function songMetadata(fileName: string, tags: SongTags | null): MediaMetadataInit {
  return {
    title: tags?.title ?? titleFromFileName(fileName),
    artist: tags?.artist ?? '',
    album: tags?.album ?? '',
    // A data: URL, not a blob: URL, so the platform's media controls can always fetch it.
    artwork: tags?.cover
      ? [{ src: dataUrl(tags.cover.data, tags.cover.mimeType), type: tags.cover.mimeType }]
      : APP_ARTWORK,
  };
}

/**
 * The song on screen in the platform's media controls (lock screen, notification, headset, media keys):
 * title, artist and artwork; play, pause, seek and previous/next within a batch; the position.
 */
export function useMediaSession({
  song,
  tags,
  durationS,
  player,
  previous,
  next,
}: MediaSessionOptions): void {
  const latest = useRef({ player, previous, next, durationS });
  useEffect(() => {
    latest.current = { player, previous, next, durationS };
  });
  const fileName = song?.fileName ?? null;
  const songId = song?.id ?? null;

  useEffect(() => {
    const session = mediaSession();
    if (!session) return;
    session.metadata = fileName ? new MediaMetadata(songMetadata(fileName, tags)) : null;
  }, [songId, fileName, tags]);

  useEffect(() => {
    const session = mediaSession();
    if (!session) return;
    const seekTo = (t: number) => {
      const { player: p, durationS: d } = latest.current;
      p.seek(Math.min(Math.max(0, t), d));
    };
    const handlers: [MediaSessionAction, MediaSessionActionHandler][] = [
      ['play', () => void (latest.current.player.playing || latest.current.player.toggle())],
      ['pause', () => void (latest.current.player.playing && latest.current.player.toggle())],
      ['stop', () => void (latest.current.player.playing && latest.current.player.toggle())],
      ['seekto', (d) => d.seekTime !== undefined && seekTo(d.seekTime)],
      ['seekbackward', (d) => seekTo(latest.current.player.currentTime - (d.seekOffset ?? SKIP_S))],
      ['seekforward', (d) => seekTo(latest.current.player.currentTime + (d.seekOffset ?? SKIP_S))],
    ];
    for (const [action, handler] of handlers) trySetHandler(session, action, handler);
    return () => handlers.forEach(([action]) => trySetHandler(session, action, null));
  }, []);

  const hasPrevious = previous !== null;
  const hasNext = next !== null;
  useEffect(() => {
    const session = mediaSession();
    if (!session) return;
    trySetHandler(session, 'previoustrack', hasPrevious ? () => latest.current.previous?.() : null);
    trySetHandler(session, 'nexttrack', hasNext ? () => latest.current.next?.() : null);
  }, [hasPrevious, hasNext]);

  const focus = useRef<MediaFocus | null>(null);
  useEffect(() => () => focus.current?.dispose(), []);
  const { playing, currentTime } = player;
  useEffect(() => {
    const session = mediaSession();
    if (!session) return;
    session.playbackState = !fileName ? 'none' : playing ? 'playing' : 'paused';
    if (playing) (focus.current ??= new MediaFocus()).hold();
    else focus.current?.release();
  }, [fileName, playing]);

  // The position, told again whenever it is not where the platform would extrapolate it (a seek, a pause).
  const told = useRef<{ position: number; at: number; playing: boolean; duration: number } | null>(null);
  useEffect(() => {
    const session = mediaSession();
    if (!session?.setPositionState) return;
    if (!fileName || !(durationS > 0)) {
      told.current = null;
      return;
    }
    const now = performance.now();
    const last = told.current;
    const expected = last ? last.position + (last.playing ? (now - last.at) / 1000 : 0) : NaN;
    const changed =
      !last ||
      last.playing !== playing ||
      last.duration !== durationS ||
      Math.abs(currentTime - expected) > 0.75;
    if (!changed) return;
    const position = Math.min(Math.max(0, currentTime), durationS);
    try {
      session.setPositionState({ duration: durationS, playbackRate: 1, position });
      told.current = { position, at: now, playing, duration: durationS };
    } catch {
      // A platform that rejects the state (a zero-length file) keeps the previous one.
    }
  }, [fileName, durationS, playing, currentTime]);
}

const mediaSession = (): MediaSession | undefined =>
  typeof navigator !== 'undefined' && 'mediaSession' in navigator ? navigator.mediaSession : undefined;

/** Platforms refuse actions they do not know (e.g. "stop" on older ones): skip those. */
function trySetHandler(
  session: MediaSession,
  action: MediaSessionAction,
  handler: MediaSessionActionHandler | null,
) {
  try {
    session.setActionHandler(action, handler);
  } catch {
    // not supported here
  }
}
