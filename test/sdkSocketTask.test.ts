import { describe, expect, it } from 'vitest';
import type { CallFailure, SocketTask } from '../sdk/src/adapters/socketTask';
import { socketTaskSocket } from '../sdk/src/adapters/socketTask';
import type { HubSocketEvents } from '../sdk/src/socket';
import { CLOSE_MEMBER_MERGED } from '../shared/protocol/closeCodes';

/** A mini-program `SocketTask` the test drives: it records what is sent and fires the task's events. */
const recordedTask = () => {
  const sent: Array<string | ArrayBuffer> = [];
  const listeners: {
    open: Array<() => void>;
    close: Array<(event: { code: number; reason: string }) => void>;
    error: Array<(error: CallFailure) => void>;
  } = { open: [], close: [], error: [] };
  let fail: (error: CallFailure) => void = () => {};
  const task: SocketTask = {
    onOpen: (listener) => void listeners.open.push(listener),
    onMessage: () => {},
    onClose: (listener) => void listeners.close.push(listener),
    onError: (listener) => void listeners.error.push(listener),
    send: ({ data }) => void sent.push(data),
    close: () => {},
  };
  const connect = (options: { url: string; fail: (error: CallFailure) => void }) => {
    fail = options.fail;
    return task;
  };
  return {
    sent,
    connect,
    open: () => {
      for (const l of listeners.open) l();
    },
    close: (code: number) => {
      for (const l of listeners.close) l({ code, reason: '' });
    },
    error: (errMsg: string) => {
      for (const l of listeners.error) l({ errMsg });
    },
    fail: (errMsg: string) => fail({ errMsg }),
  };
};

const heard = () => {
  const closes: Array<[number, string]> = [];
  const events: HubSocketEvents = {
    open: () => {},
    message: () => {},
    close: (code, reason) => closes.push([code, reason]),
  };
  return { closes, events };
};

describe('the SDK over a mini-program SocketTask', () => {
  it('sends a frame cut from a larger buffer as exactly its own bytes, in an ArrayBuffer', () => {
    const task = recordedTask();
    const socket = socketTaskSocket(task.connect)('wss://mall.example.com/sync', heard().events);
    task.open();
    const buffer = new Uint8Array([9, 9, 1, 2, 3, 9]);
    socket.send(buffer.subarray(2, 5));
    expect(task.sent).toHaveLength(1);
    expect(task.sent[0]).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(task.sent[0] as ArrayBuffer)]).toEqual([1, 2, 3]);
  });

  it('sends nothing before the task opens', () => {
    const task = recordedTask();
    const socket = socketTaskSocket(task.connect)('wss://mall.example.com/sync', heard().events);
    socket.send(new Uint8Array([1]));
    socket.sendText('ping');
    expect(task.sent).toEqual([]);
  });

  it('reports a refused task (a sixth socket) as one close, however the runtime says it', () => {
    const task = recordedTask();
    const { closes, events } = heard();
    socketTaskSocket(task.connect)('wss://mall.example.com/sync', events);
    task.fail('connectSocket:fail exceed max task count');
    task.error('connectSocket:fail exceed max task count');
    task.close(1006);
    expect(closes).toEqual([[1006, 'connectSocket:fail exceed max task count']]);
  });

  it('passes on the close code of a task the hub closed (a merged member must log in again)', () => {
    const task = recordedTask();
    const { closes, events } = heard();
    socketTaskSocket(task.connect)('wss://mall.example.com/sync', events);
    task.open();
    task.close(CLOSE_MEMBER_MERGED);
    expect(closes).toEqual([[CLOSE_MEMBER_MERGED, '']]);
  });
});
