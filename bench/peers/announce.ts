/**
 * What every peer server entry does once it listens: tell the bench its port on one stdout line,
 * and exit when the bench closes our stdin (so a crashed bench never leaves a server behind).
 */
export interface PeerReady {
  ready: true;
  port: number;
}

export const announceReady = (port: number): void => {
  const ready: PeerReady = { ready: true, port };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
};

export const exitWithParent = (): void => {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();
  process.on('SIGTERM', () => process.exit(0));
};
