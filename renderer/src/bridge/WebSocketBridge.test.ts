// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BridgeStatus } from './bridgeStatus.js';
import { WebSocketBridge } from './WebSocketBridge.js';

/** Minimal stand-in for the browser WebSocket: records sent frames, lets the test drive events. */
class FakeSocket extends EventTarget {
  static instances: FakeSocket[] = [];
  readonly sent: unknown[] = [];
  constructor(readonly url: string) {
    super();
    FakeSocket.instances.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.dispatchEvent(new Event('close'));
  }
  open() {
    this.dispatchEvent(new Event('open'));
  }
  receive(frame: unknown) {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(frame) }));
  }
}

beforeEach(() => {
  FakeSocket.instances = [];
  vi.useFakeTimers();
  vi.stubGlobal('WebSocket', FakeSocket);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const latest = () => FakeSocket.instances.at(-1) as FakeSocket;

describe('WebSocketBridge', () => {
  it('queues commands until open and matches replies by request id', async () => {
    const bridge = new WebSocketBridge('ws://app/bridge');
    const first = bridge.send('app.ping', { nonce: 'a' });
    const second = bridge.send('app.ping', { nonce: 'b' });
    latest().open();
    expect(latest().sent).toEqual([
      { t: 'cmd', id: 1, name: 'app.ping', input: { nonce: 'a' } },
      { t: 'cmd', id: 2, name: 'app.ping', input: { nonce: 'b' } },
    ]);
    latest().receive({ t: 'res', id: 2, result: { ok: true, commandId: 'c2', value: 'B' } });
    latest().receive({ t: 'res', id: 1, result: { ok: true, commandId: 'c1', value: 'A' } });
    await expect(first).resolves.toMatchObject({ value: 'A' });
    await expect(second).resolves.toMatchObject({ value: 'B' });
  });

  it('delivers single and many event frames to subscribers', () => {
    const bridge = new WebSocketBridge('ws://app/bridge');
    const seen: number[] = [];
    bridge.subscribe((batches) => seen.push(...batches.map((b) => b.seq)));
    latest().open();
    latest().receive({ t: 'events', batch: { accountId: null, seq: 1, events: [] } });
    latest().receive({
      t: 'events-many',
      batches: [
        { accountId: null, seq: 2, events: [] },
        { accountId: null, seq: 3, events: [] },
      ],
    });
    expect(seen).toEqual([1, 2, 3]);
  });

  it('answers in-flight commands with NOT_CONNECTED on drop, then reconnects with backoff', async () => {
    const bridge = new WebSocketBridge('ws://app/bridge');
    const statuses: BridgeStatus[] = [];
    bridge.onStatus((status) => statuses.push(status));
    latest().open();
    const pending = bridge.send('app.ping', { nonce: 'x' });
    latest().close();
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'NOT_CONNECTED' } });
    expect(bridge.getStatus()).toBe('reconnecting');
    expect(FakeSocket.instances).toHaveLength(1);
    vi.advanceTimersByTime(10_000);
    expect(FakeSocket.instances).toHaveLength(2);
    latest().open();
    expect(statuses).toEqual(['open', 'reconnecting', 'open']);
  });
});
