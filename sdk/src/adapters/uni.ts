// First: Yjs reads `crypto.getRandomValues` when it loads, and uni-app's mini-program and App targets have no `crypto`.
import './wxRandomValues';

export * from '../index';

import type { Runtime } from '../runtime';
import { type MiniProgramApi, miniProgramRuntime } from './miniProgram';

declare const uni: MiniProgramApi;

/** uni-app: `uni.connectSocket`, `uni.request`, `uni` storage, and `uni.onAppHide`/`onAppShow` where the platform has them. */
export const uniRuntime = (overrides: Partial<Runtime> = {}): Runtime => miniProgramRuntime(uni, overrides);
