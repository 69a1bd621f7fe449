import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The demo products' pictures (`schema/seed-pictures/<productId>.jpg`), which SQL cannot seed:
 * they go into the bucket through the admin API, as an operator's would, once the hub answers.
 * Run again, it changes nothing: a picture is stored under its hash, and a product that already
 * shows it is left alone.
 */
const PICTURES = fileURLToPath(new URL('../schema/seed-pictures/', import.meta.url));
const HEALTH_WAIT_MS = 90_000;

const call = async (hub: string, token: string, method: string, route: string, body?: BodyInit, type?: string) => {
  const response = await fetch(`${hub}${route}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(type ? { 'Content-Type': type } : {}) },
    body,
  });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<Record<string, unknown>>;
};

/** Gives each demo product its picture; answers how many products it changed. */
export const seedPictures = async (hub: string, token: string): Promise<number> => {
  let changed = 0;
  for (const file of (await readdir(PICTURES)).filter((f) => f.endsWith('.jpg')).sort()) {
    const productId = path.basename(file, '.jpg');
    const bytes = await readFile(path.join(PICTURES, file));
    const { imageId } = await call(hub, token, 'POST', '/api/admin/images', bytes, 'image/jpeg');
    const product = await call(hub, token, 'GET', `/api/admin/products/${productId}`);
    const images = (product.images as Array<{ imageId: string }>).map((i) => i.imageId);
    if (images.includes(imageId as string)) continue;
    await call(
      hub,
      token,
      'PATCH',
      `/api/admin/products/${productId}`,
      JSON.stringify({ images: [imageId, ...images] }),
      'application/json',
    );
    changed += 1;
  }
  return changed;
};

const waitForHealth = async (hub: string): Promise<void> => {
  const deadline = Date.now() + HEALTH_WAIT_MS;
  while (Date.now() < deadline) {
    const healthy = await fetch(`${hub}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${hub}/health did not answer within ${HEALTH_WAIT_MS / 1000} s`);
};

/** `npm start`'s token, from `.dev.vars`. */
const devAdminToken = async (): Promise<string> => {
  const vars = await readFile(fileURLToPath(new URL('../.dev.vars', import.meta.url)), 'utf8');
  const token = vars.match(/^ADMIN_TOKEN=(.+)$/m)?.[1]?.trim();
  if (!token) throw new Error('.dev.vars has no ADMIN_TOKEN');
  return token;
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const hub = process.env.HUB_URL ?? 'http://127.0.0.1:8787';
  await waitForHealth(hub);
  const changed = await seedPictures(hub, process.env.ADMIN_TOKEN ?? (await devAdminToken()));
  console.log(`demo pictures: ${changed === 0 ? 'already in place' : `${changed} product(s) given their picture`}`);
}
