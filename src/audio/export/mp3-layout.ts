/**
 * What an MP3 can carry: one or two channels at the MPEG-1/2/2.5 sample rates (8 to 48 kHz). Other sources
 * are adapted before encoding: more than two channels are downmixed to stereo, other rates are resampled to
 * the nearest MPEG rate at or above them (48 kHz at most; 44.1 kHz for the 44.1 kHz family above it). Pure.
 */
import { resampleChannel } from '../../shared/dsp/resample.ts';

export const MP3_SAMPLE_RATES = [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000] as const;

/** The rate an MP3 of a source at `sampleRate` is written at. */
export function mp3SampleRate(sampleRate: number): number {
  if ((MP3_SAMPLE_RATES as readonly number[]).includes(sampleRate)) return sampleRate;
  if (sampleRate > 48000) return sampleRate % 11025 === 0 ? 44100 : 48000;
  return MP3_SAMPLE_RATES.find((r) => r >= sampleRate) ?? 48000;
}

/** Constant bit rate (kb/s): transparent for music at MPEG-1 rates, the MPEG-2/2.5 ceilings below. */
export function mp3BitRate(sampleRate: number, channels: number): number {
  if (sampleRate >= 32000) return channels === 1 ? 160 : 256;
  return channels === 1 ? 64 : 128;
}

const SQRT1_2 = Math.SQRT1_2;

/**
 * Stereo from more channels, with Web Audio's speaker rules where a layout is known (quad, 5.1: the LFE is
 * dropped) and otherwise even channels to the left, odd ones to the right, averaged. The level may rise; the
 * true-peak gain applied afterwards is measured on this result.
 */
export function downmixToStereo(channels: readonly Float32Array[]): Float32Array[] {
  const n = channels.length;
  if (n <= 2) return channels.slice();
  const frames = channels[0]!.length;
  const l = new Float32Array(frames);
  const r = new Float32Array(frames);
  const ch = (i: number) => channels[i]!;
  if (n === 4) {
    for (let i = 0; i < frames; i++) {
      l[i] = 0.5 * (ch(0)[i]! + ch(2)[i]!);
      r[i] = 0.5 * (ch(1)[i]! + ch(3)[i]!);
    }
  } else if (n === 6) {
    for (let i = 0; i < frames; i++) {
      const c = SQRT1_2 * ch(2)[i]!;
      l[i] = ch(0)[i]! + c + SQRT1_2 * ch(4)[i]!;
      r[i] = ch(1)[i]! + c + SQRT1_2 * ch(5)[i]!;
    }
  } else {
    const left = channels.filter((_, i) => i % 2 === 0);
    const right = channels.filter((_, i) => i % 2 === 1);
    for (let i = 0; i < frames; i++) {
      let a = 0;
      for (const x of left) a += x[i]!;
      let b = 0;
      for (const x of right) b += x[i]!;
      l[i] = a / left.length;
      r[i] = b / right.length;
    }
  }
  return [l, r];
}

/** The channels an MP3 encoder is given for a source, and their rate. */
export function adaptForMp3(
  channels: readonly Float32Array[],
  sampleRate: number,
): { channels: Float32Array[]; sampleRate: number } {
  const mixed = downmixToStereo(channels);
  const rate = mp3SampleRate(sampleRate);
  if (rate === sampleRate) return { channels: mixed, sampleRate };
  return { channels: mixed.map((c) => resampleChannel(c, sampleRate, rate)), sampleRate: rate };
}
