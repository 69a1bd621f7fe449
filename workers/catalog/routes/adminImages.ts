import { Hono } from 'hono';
import { ApiError } from '../../edge/errors';
import type { HubEnv } from '../../edge/hubEnv';
import { storedImageOf, storeImage } from '../images';
import { IMAGE_TYPES, type ImageType, imageTypeOf, MAX_IMAGE_BYTES } from '../rules/imageFormat';
import { docs } from './adminImages.docs';

const tooLarge = () => new ApiError(400, 'invalid_input', `body: an image is at most ${MAX_IMAGE_BYTES} bytes`, 'body');

/**
 * Image upload: the picture's bytes as the body, its type as Content-Type. The bytes must be the
 * declared type; an image already stored answers as stored before.
 */
export const adminImageRoutes = new Hono<HubEnv>().post('/', docs.upload, async (c) => {
  const declared = c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!(IMAGE_TYPES as readonly string[]).includes(declared)) {
    throw new ApiError(415, 'unsupported_media_type', `Content-Type must be one of ${IMAGE_TYPES.join(', ')}`);
  }
  const length = Number(c.req.header('Content-Length') ?? '0');
  if (length > MAX_IMAGE_BYTES) throw tooLarge();
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > MAX_IMAGE_BYTES) throw tooLarge();
  if (bytes.byteLength === 0) throw new ApiError(400, 'invalid_input', 'body: the image is empty', 'body');
  if (imageTypeOf(bytes) !== declared) {
    throw new ApiError(400, 'invalid_input', `body: the bytes are not ${declared}`, 'body');
  }
  const row = await storeImage(c.env, bytes, declared as ImageType);
  return c.json(storedImageOf(new URL(c.req.url).origin, row), 201);
});
