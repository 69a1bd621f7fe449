/**
 * A Hocuspocus v4 server (`@hocuspocus/server` 4.7.0), in memory: the stock `Server` with no
 * extensions (so no persistence), quiet, listening on a free port on 127.0.0.1.
 */
import { Server } from '@hocuspocus/server';
import { announceReady, exitWithParent } from './announce';

exitWithParent();
const server = new Server({ port: 0, address: '127.0.0.1', quiet: true, stopOnSignals: false });
await server.listen();
announceReady(server.address.port);
