import { CHANNELS } from '../../../shared/channels';
import { featureRoutes } from '../apiDescription';

const described = featureRoutes('sync', 'anyone');

/** How `sync.ts` is described in `/api/openapi.json`. */
export const docs = {
  room: described({
    summary: 'Subscribe to a room over the y-websocket protocol',
    description:
      'A WebSocket upgrade (`Upgrade: websocket`). Rooms: `sku:<skuId>` and `catalog` for anyone, `member:<memberId>` and `account:<memberId>` for that member (`token=`), `monitor` for the admin token (`token=`). See docs/architecture.md.',
    parameters: [
      { in: 'path', name: 'room', required: true, schema: { type: 'string' }, description: 'e.g. `sku:<skuId>`' },
      { in: 'query', name: 'channel', required: true, schema: { type: 'string', enum: [...CHANNELS] } },
      {
        in: 'query',
        name: 'token',
        schema: { type: 'string' },
        description: 'for private rooms: member or admin token',
      },
    ],
    responses: {
      101: 'switching to the y-websocket protocol',
      400: 'a missing or unknown channel',
      401: 'a private room without a valid token',
      403: "a token that may not join the room, or from another channel than the socket's",
      404: 'an unknown room or SKU',
      426: 'not a WebSocket upgrade',
    },
  }),
};

/** How `GET /health` (`app.ts`) is described in `/api/openapi.json`. */
export const healthDocs = described({ summary: 'The edge Worker answers', responses: { 200: '`{ ok: true }`' } });
