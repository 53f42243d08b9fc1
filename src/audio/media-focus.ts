/**
 * Chromium shows a page's Media Session (lock screen, notification, headset and keyboard media keys) only
 * while one of its media elements plays: audio from Web Audio alone does not count
 * (https://github.com/w3c/mediasession/issues/213). The live preview is Web Audio, so while it plays, an
 * <audio> element plays a few seconds of digital silence in a loop beside it. It adds nothing to what is
 * heard; it only tells the browser that this page is the one playing.
 */
import { encodeWav } from '../shared/wav/wav-encode.ts';

/** Media notifications are shown for media of five seconds or more. */
const SECONDS = 6;
const RATE = 8000;

let silentUrl: string | null = null;

function silence(): string {
  silentUrl ??= URL.createObjectURL(
    new Blob([encodeWav([new Float32Array(SECONDS * RATE)], RATE, 'pcm24') as Uint8Array<ArrayBuffer>], {
      type: 'audio/wav',
    }),
  );
  return silentUrl;
}

export class MediaFocus {
  private element: HTMLAudioElement | null = null;

  /** The page plays: hold the media focus. */
  hold(): void {
    if (!this.element) {
      this.element = new Audio(silence());
      this.element.loop = true;
    }
    // Refused without a user gesture in some browsers: the preview plays anyway, only without lock-screen controls.
    this.element.play().catch(() => undefined);
  }

  /** The page paused. */
  release(): void {
    this.element?.pause();
  }

  dispose(): void {
    this.element?.pause();
    this.element?.removeAttribute('src');
    this.element = null;
  }
}
