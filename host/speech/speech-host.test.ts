/**
 * The privacy gate at the host API boundary: `speech.say` through createHost, with the session's identity set, on a
 * loudspeaker and on a headset (config `speech.privateOutput`), recording what reaches the synthesizer.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { SpeechClip, Synthesizer } from '../../native/speech/synthesizer';
import { loadConfig } from '../config/config';
import { createHost, type CreatedHost } from '../create-host';
import { NEUTRAL_PHRASE } from './privacy-filter';
import { SpeechService } from './speech-service';
import { fictionalIdentity } from '../session/testing/test-helpers';

const identity = fictionalIdentity({ fullName: 'Đặng Hữu Lộc', idNumber: '031085009876' });

function hostWith(privateOutput: 'loudspeaker' | 'headset'): { created: CreatedHost; said: string[] } {
  const said: string[] = [];
  const synthesizer = {
    synthesize: async (text: string) => {
      said.push(text);
      return null as unknown as SpeechClip;
    },
  } as unknown as Synthesizer;
  const speech = new SpeechService({ synthesizer, player: { name: 'record', play: async () => 'done' } });
  const cfg = loadConfig({ dataDir: '/nonexistent-kiosk-test' }, {});
  const created = createHost({ ...cfg, speech: { ...cfg.speech, privateOutput } }, { speech });
  return { created, said };
}

const hosts: CreatedHost[] = [];
afterAll(async () => {
  for (const h of hosts) await h.dispose();
});

async function sayInSession(
  privateOutput: 'loudspeaker' | 'headset',
): Promise<{ said: string[]; status: unknown }> {
  const { created, said } = hostWith(privateOutput);
  hosts.push(created);
  const { host, services } = created;
  await host.handleMessage({ v: 1, id: 1, method: 'session.start', params: { language: 'vi' } });
  services.sessions.active!.personal.set('identity', identity);
  const res = await host.handleMessage({
    v: 1,
    id: 2,
    method: 'speech.say',
    params: {
      text: '',
      lang: 'vi',
      parts: [
        { text: 'Xin chào' },
        { text: identity.fullName, personal: true },
        { text: '. Mã hồ sơ' },
        { text: '000.00.31.H31-261201-0007', personal: true },
        // A screen that forgot its marks:
        { text: `. Số định danh ${identity.idNumber} của ${identity.fullName}.` },
      ],
    },
  });
  expect(res.ok).toBe(true);
  const status = await host.handleMessage({ v: 1, id: 3, method: 'speech.status', params: {} });
  return { said, status };
}

describe('speech.say at the host boundary', () => {
  it('on the loudspeaker: no name, ID number or dossier code reaches the synthesizer', async () => {
    const { said } = await sayInSession('loudspeaker');
    expect(said).toHaveLength(1);
    expect(said[0]).toBe(
      `Xin chào ${NEUTRAL_PHRASE.vi}. Mã hồ sơ ${NEUTRAL_PHRASE.vi}. Số định danh ${NEUTRAL_PHRASE.vi} của ${NEUTRAL_PHRASE.vi}.`,
    );
  });

  it('on a headset: everything is spoken', async () => {
    const { said, status } = await sayInSession('headset');
    expect(said[0]).toContain(identity.fullName);
    expect(said[0]).toContain('000.00.31.H31-261201-0007');
    expect(status).toMatchObject({ ok: true, result: { audio: true } });
  });
});
