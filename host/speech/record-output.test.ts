/**
 * The demo/test speech record (config `speech.output: { kind: "record" }`): through createHost and the real
 * SpeechService, each utterance lands in the file with the output PrivateSpeech chose; production refuses it;
 * `speech.keys` reaches the page in the speech status.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SPEECH_KEYS } from '../../common/speech-keys';
import { ConfigError, loadConfig } from '../config/config';
import { createHost, type CreatedHost } from '../create-host';
import { startSpeech } from '../kiosk-services';
import { fictionalIdentity } from '../session/testing/test-helpers';
import { NEUTRAL_PHRASE } from './privacy-filter';
import type { RecordedUtterance } from './record-output';
import { waitUntil } from '../../tests/support/wait';

const identity = fictionalIdentity({ fullName: 'Đặng Hữu Lộc', idNumber: '031085009876' });
const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-speech-record-'));
const hosts: CreatedHost[] = [];
afterAll(async () => {
  for (const h of hosts) await h.dispose();
});

const read = (file: string): RecordedUtterance[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as RecordedUtterance);

function recordingHost(privateOutput: 'loudspeaker' | 'headset' | 'auto', name: string) {
  const file = path.join(dir, `${name}.jsonl`);
  const config = loadConfig(
    {
      dataDir: path.join(dir, `data-${name}`),
      mode: 'demo',
      speech: { privateOutput, output: { kind: 'record', file } },
    },
    {},
  );
  const created = createHost(config, { speech: startSpeech(config) });
  hosts.push(created);
  return { ...created, file };
}

async function say(host: CreatedHost['host'], id: number, parts: { text: string; personal?: boolean }[]) {
  const res = await host.handleMessage({
    v: 1,
    id,
    method: 'speech.say',
    params: { text: '', lang: 'vi', parts, append: true },
  });
  expect(res.ok).toBe(true);
}

describe('speech.output record', () => {
  it('on the loudspeaker: what is played is written down with its output, nothing personal in it', async () => {
    const { host, services, file } = recordingHost('loudspeaker', 'loud');
    await host.handleMessage({ v: 1, id: 1, method: 'session.start', params: { language: 'vi' } });
    services.sessions.active!.personal.set('identity', identity);
    await say(host, 2, [{ text: 'Mời bạn chọn dịch vụ.' }]);
    await say(host, 3, [{ text: 'Họ tên' }, { text: identity.fullName, personal: true }]);
    await say(host, 4, [{ text: `Số định danh ${identity.idNumber}.` }]);
    await waitUntil(() => read(file).length === 3, '3 recorded utterances');
    const lines = read(file);
    expect(lines.map((l) => l.output)).toEqual(['loudspeaker', 'loudspeaker', 'loudspeaker']);
    expect(lines[0]).toEqual({ output: 'loudspeaker', lang: 'vi', text: 'Mời bạn chọn dịch vụ.' });
    expect(lines[1]!.text).toBe(`Họ tên ${NEUTRAL_PHRASE.vi}`);
    for (const l of lines) {
      expect(l.text).not.toContain(identity.fullName);
      expect(l.text).not.toContain(identity.idNumber);
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('on a headset: the personal parts are spoken on it; repeat keeps the output', async () => {
    const { host, services, file } = recordingHost('headset', 'private');
    await host.handleMessage({ v: 1, id: 1, method: 'session.start', params: { language: 'vi' } });
    services.sessions.active!.personal.set('identity', identity);
    await say(host, 2, [{ text: 'Họ tên' }, { text: identity.fullName, personal: true }]);
    await waitUntil(() => read(file).length === 1, '1 recorded utterance');
    await host.handleMessage({ v: 1, id: 3, method: 'speech.control', params: { action: 'repeat' } });
    await waitUntil(() => read(file).length === 2, '2 recorded utterances');
    expect(read(file)).toEqual([
      { output: 'private', lang: 'vi', text: `Họ tên ${identity.fullName}` },
      { output: 'private', lang: 'vi', text: `Họ tên ${identity.fullName}` },
    ]);
  });

  it('auto: text with nothing personal does not ask the sound card ("unchecked")', async () => {
    const { host, file } = recordingHost('auto', 'auto');
    await say(host, 1, [{ text: 'Xin chào.' }]);
    await waitUntil(() => read(file).length === 1, '1 recorded utterance');
    expect(read(file)[0]!.output).toBe('unchecked');
  });

  it('production refuses the record output', () => {
    expect(() =>
      loadConfig(
        { dataDir: path.join(dir, 'prod'), speech: { output: { kind: 'record', file: '/tmp/x' } } },
        {},
      ),
    ).toThrow(ConfigError);
    expect(() =>
      loadConfig(
        { dataDir: path.join(dir, 'prod'), speech: { output: { kind: 'record', file: '/tmp/x' } } },
        {},
      ),
    ).toThrow(/speech\.output/);
  });
});

describe('speech.keys', () => {
  it('the speech status carries the configured keys (defaults filled in)', async () => {
    const config = loadConfig(
      { dataDir: path.join(dir, 'keys'), speech: { keys: { next: 'F4', read: ['F2'] } } },
      {},
    );
    const created = createHost(config, {});
    hosts.push(created);
    const res = await created.host.handleMessage({ v: 1, id: 1, method: 'speech.status', params: {} });
    expect(res).toMatchObject({
      ok: true,
      result: { keys: { ...DEFAULT_SPEECH_KEYS, next: ['F4'], read: ['F2'] } },
    });
  });

  it('a key a text field needs, or one key for two actions, stops the start with a sentence', () => {
    expect(() => loadConfig({ dataDir: dir, speech: { keys: { next: 'KeyN' } } }, {})).toThrow(
      /speech\.keys\.next/,
    );
    expect(() => loadConfig({ dataDir: dir, speech: { keys: { next: 'F1' } } }, {})).toThrow(
      /F1 is both help and next/,
    );
  });
});
