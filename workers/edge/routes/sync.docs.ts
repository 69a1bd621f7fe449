import { CHANNELS } from '../../../shared/channels';
import { featureRoutes } from '../apiDescription';

const described = featureRoutes('sync', 'anyone');

const channelAndToken = [
  { in: 'query' as const, name: 'channel', required: true, schema: { type: 'string' as const, enum: [...CHANNELS] } },
  {
    in: 'query' as const,
    name: 'token',
    schema: { type: 'string' as const },
    description: "for a member's rooms: the member token",
  },
  {
    in: 'query' as const,
    name: 'ticket',
    schema: { type: 'string' as const },
    description: 'for `monitor` without the staff cookie: a single-use ticket from `POST /api/admin/socket-tickets`',
  },
];

/** How `sync.ts` is described in `/api/openapi.json`. */
export const docs = {
  rooms: described({
    summary: 'Subscribe to several rooms of one object over one socket',
    description:
      "A WebSocket upgrade (`Upgrade: websocket`) joining every room named in `rooms` (at most 10, all served by one object: a member's `member:<id>` and `account:<id>`, or listing feeds `catalog:<viewId>`). Every frame, both ways, starts with its room's name as a lib0 var-string, then the y-websocket message (`workers/platform/room/socketIdentity.ts`). The storefront SDK speaks it.",
    parameters: [
      {
        in: 'query',
        name: 'rooms',
        required: true,
        schema: { type: 'string' },
        description: 'comma-separated room names',
      },
      ...channelAndToken,
    ],
    responses: {
      101: 'switching to the multiplexed y-websocket protocol',
      400: 'a missing or unknown channel; no rooms, more than 10, or rooms of different objects',
      401: 'a private room without a valid token; `monitor` without the staff cookie or a live ticket',
      403: "a token that may not join a room, or from another channel than the socket's",
      404: 'an unknown room',
      409: "`room_moved`: a merged member's rooms are the survivor's; name those",
      426: 'not a WebSocket upgrade',
    },
  }),
  room: described({
    summary: 'Subscribe to a room over the y-websocket protocol',
    description:
      'A WebSocket upgrade (`Upgrade: websocket`). Rooms: `sku:<skuId>` and `catalog` for anyone, `member:<memberId>` and `account:<memberId>` for that member (`token=`), `monitor` for staff (the session cookie, or `ticket=` from `POST /api/admin/socket-tickets`; the admin token is never taken in a URL). See docs/architecture.md.',
    parameters: [
      { in: 'path', name: 'room', required: true, schema: { type: 'string' }, description: 'e.g. `sku:<skuId>`' },
      ...channelAndToken,
    ],
    responses: {
      101: 'switching to the y-websocket protocol',
      400: 'a missing or unknown channel',
      401: 'a private room without a valid token; `monitor` without the staff cookie or a live ticket',
      403: "a token that may not join the room, or from another channel than the socket's",
      404: 'an unknown room or SKU',
      426: 'not a WebSocket upgrade',
    },
  }),
};

/** How `GET /health` (`app.ts`) is described in `/api/openapi.json`. */
export const healthDocs = described({ summary: 'The edge Worker answers', responses: { 200: '`{ ok: true }`' } });
