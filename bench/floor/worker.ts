/**
 * The runtime's floor for `npm run bench:floor`: a Worker and one Durable Object that do nothing
 * but fan a frame out, on the hub's path (socket upgraded through the Worker into the object,
 * accepted with the Hibernation API). `POST /broadcast` sends its body to every socket.
 */
import { DurableObject } from 'cloudflare:workers';

interface FloorEnv {
  CROWD: DurableObjectNamespace<Crowd>;
}

export class Crowd extends DurableObject<FloorEnv> {
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('Upgrade') === 'websocket') {
      const { 0: client, 1: server } = new WebSocketPair();
      this.ctx.acceptWebSocket(server);
      return new Response(null, { status: 101, webSocket: client });
    }
    const frame = new Uint8Array(await request.arrayBuffer());
    for (const socket of this.ctx.getWebSockets()) socket.send(frame);
    return new Response(null, { status: 204 });
  }
}

export default {
  fetch(request: Request, env: FloorEnv): Promise<Response> | Response {
    const url = new URL(request.url);
    if (url.pathname === '/health') return new Response('ok');
    return env.CROWD.get(env.CROWD.idFromName('crowd')).fetch(request);
  },
} satisfies ExportedHandler<FloorEnv>;
