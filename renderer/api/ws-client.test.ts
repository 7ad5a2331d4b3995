/** The renderer's WebSocket client sends a call at most once: what it reported as failed never goes out later. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWsApi } from './ws-client';

class FakeSocket {
  static OPEN = 1;
  static instances: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((ev: { data: string }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }
  send(text: string) {
    this.sent.push(text);
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  FakeSocket.instances = [];
});

describe('ws-client', () => {
  it('a call waiting for the connection fails when the connection drops, and is not sent on the next one', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('WebSocket', FakeSocket);
    const api = createWsApi('ws://127.0.0.1:1/api');
    const first = FakeSocket.instances[0]!;
    const call = api.call('status.get', {});
    first.drop(); // never opened
    await expect(call).rejects.toMatchObject({ code: 'host-unreachable' });
    await vi.advanceTimersByTimeAsync(300); // reconnect
    const second = FakeSocket.instances[1]!;
    second.open();
    expect(second.sent).toEqual([]);
  });

  it('a call sent on a connection that drops fails once; only new calls go on the next connection', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('WebSocket', FakeSocket);
    const api = createWsApi('ws://127.0.0.1:1/api');
    const first = FakeSocket.instances[0]!;
    first.open();
    const sent = api.call('session.start', { language: 'vi' });
    expect(first.sent).toHaveLength(1);
    first.drop();
    await expect(sent).rejects.toMatchObject({ code: 'host-unreachable' });
    await vi.advanceTimersByTimeAsync(300);
    const second = FakeSocket.instances[1]!;
    const next = api.call('status.get', {});
    second.open();
    expect(second.sent.map((t) => (JSON.parse(t) as { method: string }).method)).toEqual(['status.get']);
    second.onmessage?.({ data: JSON.stringify({ v: 1, id: 2, ok: true, result: { ok: 1 } }) });
    await expect(next).resolves.toEqual({ ok: 1 });
  });
});
