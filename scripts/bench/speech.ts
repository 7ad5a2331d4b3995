/**
 * Speech benchmark: time from a prompt to audio ready to play (espeak-ng synthesis of a typical kiosk prompt,
 * normalisation and the volume gain included), per language, and the real-time factor (synthesis time /
 * audio duration; < 1 means faster than speaking). `npm run bench -- speech` prints one JSON line.
 */
import { performance } from 'node:perf_hooks';
import { normalizeForSpeech } from '../../native/speech/normalize';
import { EspeakSynthesizer } from '../../native/speech/synthesizer';
import { applyGainDb, durationMs, encodeWav, parseWav } from '../../native/speech/wav';

const PROMPTS = {
  vi: 'Vui lòng đặt thẻ căn cước lên đầu đọc và giữ yên cho đến khi có thông báo.',
  en: 'Please place your identity card on the reader and hold it still until you hear a message.',
} as const;

const LONG_VI =
  'Hồ sơ của bạn đã được tiếp nhận. Mã hồ sơ là 000.00.01.H22-261123-0001. Ngày hẹn trả kết quả là 26/11/2026. ' +
  'Lệ phí 15.000 đồng đã được thanh toán. Vui lòng giữ lại giấy biên nhận để tra cứu kết quả.';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

export default async function (): Promise<Record<string, unknown>> {
  const synth = new EspeakSynthesizer();
  const runs = 7;
  const firstAudio = async (lang: 'vi' | 'en'): Promise<number> => {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const clip = await synth.synthesize(PROMPTS[lang], lang);
      encodeWav(applyGainDb(parseWav(clip!.wav), -8));
      samples.push(performance.now() - t0);
    }
    return +median(samples).toFixed(1);
  };
  const msToFirstAudioVi = await firstAudio('vi');
  const msToFirstAudioEn = await firstAudio('en');

  const factors: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const clip = await synth.synthesize(normalizeForSpeech(LONG_VI, 'vi'), 'vi', { raw: true });
    const elapsed = performance.now() - t0;
    factors.push(elapsed / durationMs(parseWav(clip!.wav)));
  }
  return {
    msToFirstAudioVi,
    msToFirstAudioEn,
    realTimeFactor: +median(factors).toFixed(4),
    runs,
  };
}
