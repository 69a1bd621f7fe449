/** The Worker under test: the hub's entry point, plus the objects only tests bind (vitest.config.ts). */
export * from '../../workers/index';
export { default } from '../../workers/index';
export { EchoRoom } from './echoRoom';
