import { Hono } from 'hono';
import { z } from 'zod';
import { imageId } from '../../../shared/api/products';
import { notFound } from '../../edge/errors';
import { matchesETag } from '../../edge/httpCache';
import type { HubEnv } from '../../edge/hubEnv';
import { validate } from '../../edge/validation';
import { imageObject } from '../images';
import { docs } from './media.docs';

/** An image's bytes never change under its id (the hash of those bytes), so caches may keep it for good. */
const FOREVER = 'public, max-age=31536000, immutable';

/** Product pictures, served from the MEDIA bucket. */
export const mediaRoutes = new Hono<HubEnv>().get(
  '/:imageId',
  docs.image,
  validate('param', z.object({ imageId })),
  async (c) => {
    const { imageId: id } = c.req.valid('param');
    const etag = `"${id}"`;
    const headers = { 'Cache-Control': FOREVER, ETag: etag };
    if (matchesETag(c.req.header('If-None-Match'), etag)) return c.body(null, 304, headers);
    const object = await imageObject(c.env, id);
    if (!object) throw notFound('image', 'imageId');
    return c.body(object.body, 200, {
      ...headers,
      'Content-Type': object.httpMetadata?.contentType ?? 'application/octet-stream',
      'Content-Length': String(object.size),
      'X-Content-Type-Options': 'nosniff',
    });
  },
);
