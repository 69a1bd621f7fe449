/**
 * The Node floor for `npm run bench:floor`: a bare `ws` server (permessage-deflate off, its
 * default, unless FLOOR_DEFLATE=1) whose `POST /broadcast` sends its body to every socket.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { announceReady, exitWithParent } from './announce';

exitWithParent();
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: process.env.FLOOR_DEFLATE === '1' });
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const frame = Buffer.concat(chunks);
    for (const socket of wss.clients) socket.send(frame);
    response.writeHead(204).end();
  });
});
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
server.listen(0, '127.0.0.1', () => announceReady((server.address() as AddressInfo).port));
