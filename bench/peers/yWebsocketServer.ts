/**
 * The y-websocket reference server for yjs 13 (`@y/websocket-server` 0.1.1), in memory, as its
 * own `src/server.js` wires it: a `ws` server in noServer mode on a plain HTTP server, each
 * connection handed to `setupWSConnection` (the document name is the URL path). Differences from
 * that file: it listens on a free port on 127.0.0.1 and uses this project's `ws` (8.x) rather
 * than the 6.x the package pins for its CLI.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';
import { announceReady, exitWithParent } from './announce';

exitWithParent();
const wss = new WebSocketServer({ noServer: true });
const server = createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end('okay');
});
wss.on('connection', setupWSConnection);
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
server.listen(0, '127.0.0.1', () => announceReady((server.address() as AddressInfo).port));
