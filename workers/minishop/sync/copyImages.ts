import { storeImage } from '../../catalog/images';
import { imageTypeOf, MAX_IMAGE_BYTES } from '../../catalog/rules/imageFormat';
import type { Env } from '../../env';
import { appendSyncEvents } from '../../monitor/records/syncEventRecords';
import type { Database } from '../../records/db';

/** How long one picture may take to arrive before the product comes in without it. */
const PICTURE_TIMEOUT_MS = 15_000;

/** The picture's bytes, or why it could not be fetched. */
const fetchPicture = async (env: Env, url: string): Promise<{ bytes: Uint8Array } | { reason: string }> => {
  const emulator = env.MINISHOP_EMULATOR;
  const init = { signal: AbortSignal.timeout(PICTURE_TIMEOUT_MS) };
  const response = await (emulator ? emulator.fetch(url, init) : fetch(url, init)).catch((error: unknown) =>
    String(error),
  );
  if (typeof response === 'string') return { reason: response };
  if (!response.ok) return { reason: `HTTP ${response.status}` };
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > MAX_IMAGE_BYTES) return { reason: `larger than ${MAX_IMAGE_BYTES} bytes` };
  return { bytes };
};

/**
 * Copies a product's Mini-Shop pictures into the mall's bucket (`catalog/images.ts`, stored by
 * the hash of their bytes, so a picture copied again is not stored again). A picture that cannot
 * be fetched or is no image is left out and its failure written to the sync log: the product
 * comes in without it rather than not at all. Answers each copied URL's image id.
 */
export const copyImages = async (
  env: Env,
  db: Database,
  subject: string,
  urls: string[],
  now: number,
): Promise<Map<string, string>> => {
  const copied = new Map<string, string>();
  const failures: Array<{ url: string; reason: string }> = [];
  for (const url of new Set(urls)) {
    const fetched = await fetchPicture(env, url);
    const type = 'bytes' in fetched ? imageTypeOf(fetched.bytes) : null;
    if ('reason' in fetched) failures.push({ url, reason: fetched.reason });
    else if (type === null) failures.push({ url, reason: 'not a JPEG, PNG, WebP or GIF image' });
    else copied.set(url, (await storeImage(env, fetched.bytes, type)).id);
  }
  await appendSyncEvents(
    db,
    failures.map((detail) => ({ at: now, kind: 'minishop.image_failed', subject, source: 'minishop', detail })),
  );
  return copied;
};
