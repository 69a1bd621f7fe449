/**
 * The fair peer of `npm run bench:fanout`: y-partyserver's `YServer`, Yjs on Durable Objects as
 * its README sets it up, routed by partyserver (`/parties/<binding-kebab-name>/<room>`, which the
 * stock `WebsocketProvider` reaches as its URL plus the room). `Document` is the class as shipped
 * (connections held in memory); `HibernatingDocument` turns on partyserver's Hibernation API
 * option, as the hub's rooms use it. Both keep the document in memory only. A `POST` to a room
 * edits it on the server, the way an operator's `PATCH /api/admin/skus/:id` edits a hub room, so
 * both are driven through the same kind of request.
 */
import { routePartykitRequest } from 'partyserver';
import { YServer } from 'y-partyserver';

/** The price edit of bench/fanout.ts as one server-side change, which y-partyserver sends to every socket. */
const editPrice = async (server: InstanceType<typeof YServer>, request: Request): Promise<Response> => {
  const { price, rev } = (await request.json()) as { price: number; rev: number };
  const sku = server.document.getMap<unknown>('sku');
  server.document.transact(() => {
    sku.set('price', price);
    sku.set('rev', rev);
    sku.set('changedAt', Date.now());
  });
  return Response.json({ rev });
};

export class Document extends YServer {
  override onRequest(request: Request): Promise<Response> {
    return editPrice(this, request);
  }
}

export class HibernatingDocument extends YServer {
  static override options = { hibernate: true };

  override onRequest(request: Request): Promise<Response> {
    return editPrice(this, request);
  }
}

// partyserver types every env as the project's global `Cloudflare.Env` (the hub's bindings); this
// Worker's own holds only the two classes above, which partyserver finds by name at run time.
export default {
  async fetch(request: Request, env: Cloudflare.Env): Promise<Response> {
    return (await routePartykitRequest(request, env)) ?? new Response('ok');
  },
} satisfies ExportedHandler<Cloudflare.Env>;
