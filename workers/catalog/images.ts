import type { StoredImage } from '../../shared/api/productViews';
import { mediaPath } from '../../shared/media';
import type { Env } from '../env';
import { clock } from '../platform/clock';
import { database } from '../records/db';
import { type ImageRow, recordImage } from './records/imageRecords';
import { type ImageType, imageSizeOf } from './rules/imageFormat';

/** The picture's address on the host that was asked (`origin`, e.g. `http://127.0.0.1:8787`). */
export const mediaUrl = (origin: string, imageId: string): string => `${origin}${mediaPath(imageId)}`;

const objectKey = (imageId: string): string => `images/${imageId}`;

const sha256Hex = async (bytes: Uint8Array): Promise<string> =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');

export const storedImageOf = (origin: string, row: ImageRow): StoredImage => ({
  imageId: row.id,
  url: mediaUrl(origin, row.id),
  ...(row.width === null ? {} : { width: row.width }),
  ...(row.height === null ? {} : { height: row.height }),
  bytes: row.bytes,
  contentType: row.contentType,
});

/**
 * Stores a picture under the hash of its bytes: the same picture uploaded (or migrated) again is
 * neither written to the bucket again nor recorded twice, and gets the same id and URL.
 */
export const storeImage = async (env: Env, bytes: Uint8Array, contentType: ImageType): Promise<ImageRow> => {
  const imageId = await sha256Hex(bytes);
  if ((await env.MEDIA.head(objectKey(imageId))) === null) {
    await env.MEDIA.put(objectKey(imageId), bytes, {
      httpMetadata: { contentType },
      sha256: imageId,
    });
  }
  const size = imageSizeOf(bytes, contentType);
  return recordImage(database(env.DB), {
    id: imageId,
    contentType,
    bytes: bytes.byteLength,
    width: size?.width ?? null,
    height: size?.height ?? null,
    createdAt: clock.now(),
  });
};

/** The picture's object in the bucket, or null. */
export const imageObject = (env: Env, imageId: string) => env.MEDIA.get(objectKey(imageId));
