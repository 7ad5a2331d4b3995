/**
 * Minimal RIFF/WAVE (PCM, 16-bit) reading and writing, and the sample arithmetic the speech service
 * needs: gain in dB, RMS level in dBFS, slicing from a time offset.
 *
 * `espeak-ng --stdout` streams its WAV, so the RIFF and `data` sizes in its header are placeholders
 * (0x7FFFF000-ish): the reader trusts the bytes actually present, never the declared size beyond them.
 */
import { SpeechError } from './errors';

export interface PcmAudio {
  sampleRate: number;
  channels: number;
  /** Interleaved 16-bit samples. */
  samples: Int16Array;
}

export function parseWav(buf: Buffer): PcmAudio {
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== 'RIFF' || buf.toString('latin1', 8, 12) !== 'WAVE')
    throw new SpeechError('speech-bad-audio', 'not a RIFF/WAVE buffer');
  let off = 12;
  let fmt: { format: number; channels: number; sampleRate: number; bits: number } | null = null;
  while (off + 8 <= buf.length) {
    const id = buf.toString('latin1', off, off + 4);
    const declared = buf.readUInt32LE(off + 4);
    const body = off + 8;
    const size = Math.min(declared, buf.length - body);
    if (id === 'fmt ') {
      if (size < 16) throw new SpeechError('speech-bad-audio', 'fmt chunk too short');
      fmt = {
        format: buf.readUInt16LE(body),
        channels: buf.readUInt16LE(body + 2),
        sampleRate: buf.readUInt32LE(body + 4),
        bits: buf.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (!fmt) throw new SpeechError('speech-bad-audio', 'data chunk before fmt chunk');
      if (fmt.format !== 1 || fmt.bits !== 16 || fmt.channels < 1 || fmt.sampleRate < 1)
        throw new SpeechError('speech-bad-audio', 'only 16-bit PCM WAV is supported');
      const count = Math.floor(size / 2);
      const samples = new Int16Array(count);
      for (let i = 0; i < count; i++) samples[i] = buf.readInt16LE(body + i * 2);
      return { sampleRate: fmt.sampleRate, channels: fmt.channels, samples };
    }
    off = body + size + (size & 1);
  }
  throw new SpeechError('speech-bad-audio', 'no data chunk');
}

export function encodeWav(audio: PcmAudio): Buffer {
  const dataBytes = audio.samples.length * 2;
  const buf = Buffer.alloc(44 + dataBytes);
  buf.write('RIFF', 0, 'latin1');
  buf.writeUInt32LE(36 + dataBytes, 4);
  buf.write('WAVE', 8, 'latin1');
  buf.write('fmt ', 12, 'latin1');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(audio.channels, 22);
  buf.writeUInt32LE(audio.sampleRate, 24);
  buf.writeUInt32LE(audio.sampleRate * audio.channels * 2, 28);
  buf.writeUInt16LE(audio.channels * 2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'latin1');
  buf.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < audio.samples.length; i++) buf.writeInt16LE(audio.samples[i]!, 44 + i * 2);
  return buf;
}

export function durationMs(audio: PcmAudio): number {
  return (audio.samples.length / audio.channels / audio.sampleRate) * 1000;
}

/** Multiplies every sample by 10^(dB/20), saturating at the 16-bit limits. */
export function applyGainDb(audio: PcmAudio, db: number): PcmAudio {
  const k = 10 ** (db / 20);
  const out = new Int16Array(audio.samples.length);
  for (let i = 0; i < out.length; i++) {
    const v = Math.round(audio.samples[i]! * k);
    out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
  return { ...audio, samples: out };
}

/** RMS level in dB relative to full scale (-Infinity for silence). */
export function rmsDbfs(audio: PcmAudio): number {
  let sum = 0;
  for (const s of audio.samples) sum += s * s;
  const rms = Math.sqrt(sum / Math.max(1, audio.samples.length));
  return 20 * Math.log10(rms / 32768);
}

/** The audio from `fromMs` on (whole frames). */
export function sliceFrom(audio: PcmAudio, fromMs: number): PcmAudio {
  const frame = Math.max(0, Math.floor((fromMs / 1000) * audio.sampleRate));
  return { ...audio, samples: audio.samples.slice(Math.min(audio.samples.length, frame * audio.channels)) };
}
