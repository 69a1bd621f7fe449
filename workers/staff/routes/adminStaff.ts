import { Hono } from 'hono';
import { newStaffSchema, staffIdSchema, staffPatchSchema } from '../../../shared/api/staff';
import type { HubEnv } from '../../edge/hubEnv';
import { validate } from '../../edge/validation';
import { database } from '../../records/db';
import { recordChange } from '../auditTrail';
import { listStaff, staffView } from '../records/staffRecords';
import { createStaff, editStaff } from '../staffAccounts';
import { docs } from './adminStaff.docs';

/** Staff accounts and their roles: the owner's (`permissions.ts`, `staff:manage`). */
export const adminStaffRoutes = new Hono<HubEnv>()
  .get('/', docs.list, async (c) => c.json({ staff: (await listStaff(database(c.env.DB))).map(staffView) }))
  .post('/', docs.create, validate('json', newStaffSchema), async (c) => {
    const created = staffView(await createStaff(database(c.env.DB), c.req.valid('json')));
    recordChange(c, { entity: 'staff', id: created.id, before: null, after: created });
    return c.json(created, 201);
  })
  .patch('/:staffId', docs.edit, validate('param', staffIdSchema), validate('json', staffPatchSchema), async (c) => {
    const patch = c.req.valid('json');
    const { before, after } = await editStaff(database(c.env.DB), c.req.valid('param').staffId, patch);
    recordChange(c, {
      entity: 'staff',
      id: after.id,
      before: staffView(before),
      after: { ...staffView(after), ...(patch.password === undefined ? {} : { passwordReset: true }) },
    });
    return c.json(staffView(after));
  });
