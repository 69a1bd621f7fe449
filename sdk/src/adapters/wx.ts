// First: Yjs reads `crypto.getRandomValues` when it loads, and a mini-program has no `crypto`.
import './wxRandomValues';

export * from '../index';

import type { Runtime } from '../runtime';
import { type MiniProgramApi, miniProgramRuntime } from './miniProgram';

declare const wx: MiniProgramApi;

/** WeChat mini-programs: `wx.connectSocket`, `wx.request`, `wx` storage, `wx.onAppHide`/`onAppShow`. */
export const wxRuntime = (overrides: Partial<Runtime> = {}): Runtime => miniProgramRuntime(wx, overrides);
