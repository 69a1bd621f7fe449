import { Hono } from 'hono';
import { addressIdParam, addressPatchSchema, newAddressSchema } from '../../../shared/api/addresses';
import { unlessRefused } from '../../edge/errors';
import type { MemberEnv } from '../../edge/hubEnv';
import { validate } from '../../edge/validation';
import { database } from '../../records/db';
import { memberRoomOf } from '../MemberRoom';
import { addressBook } from '../records/addressRecords';
import { docs } from './addresses.docs';

/**
 * The calling member's (or guest's: a guest checks out too) address book, mounted under the
 * member routes' token check. Changes run in the member's room, which rewrites `account:` for
 * every channel.
 */
export const addressRoutes = new Hono<MemberEnv>()
  .get('/', docs.list, async (c) =>
    c.json({ addresses: await addressBook(database(c.env.DB), c.var.session.memberId) }),
  )
  .post('/', docs.add, validate('json', newAddressSchema), async (c) => {
    const room = memberRoomOf(c.env, c.var.session.memberId);
    const changed = unlessRefused(await room.changeAddressBook({ op: 'add', entry: c.req.valid('json') }));
    return c.json(changed.address, 201);
  })
  .patch(
    '/:addressId',
    docs.edit,
    validate('param', addressIdParam),
    validate('json', addressPatchSchema),
    async (c) => {
      const { addressId } = c.req.valid('param');
      const room = memberRoomOf(c.env, c.var.session.memberId);
      const changed = unlessRefused(
        await room.changeAddressBook({ op: 'edit', addressId, change: c.req.valid('json') }),
      );
      return c.json(changed.address);
    },
  )
  .post('/:addressId/default', docs.makeDefault, validate('param', addressIdParam), async (c) => {
    const { addressId } = c.req.valid('param');
    const room = memberRoomOf(c.env, c.var.session.memberId);
    const change = { patch: {}, isDefault: true };
    return c.json(unlessRefused(await room.changeAddressBook({ op: 'edit', addressId, change })).address);
  })
  .delete('/:addressId', docs.remove, validate('param', addressIdParam), async (c) => {
    const { addressId } = c.req.valid('param');
    unlessRefused(await memberRoomOf(c.env, c.var.session.memberId).changeAddressBook({ op: 'delete', addressId }));
    return c.body(null, 204);
  });
