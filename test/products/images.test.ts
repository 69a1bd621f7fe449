import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { pngBytes, postImage, shopperGet, uploadImage } from '../support/products';

const MB = 1024 * 1024;

describe('uploading product pictures', () => {
  it('stores a picture once however often it is uploaded, under one id and URL', async () => {
    const bytes = pngBytes(640, 480, 'same picture twice');
    const first = await postImage(bytes, 'image/png');
    const second = await postImage(bytes, 'image/png');
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    const [a, b] = [await first.json(), await second.json()];
    expect(b).toEqual(a);
    expect(a).toEqual({
      imageId: expect.stringMatching(/^[0-9a-f]{64}$/),
      url: `http://hub/media/${(a as { imageId: string }).imageId}`,
      width: 640,
      height: 480,
      bytes: bytes.byteLength,
      contentType: 'image/png',
    });
    const objects = await env.MEDIA.list({ prefix: `images/${(a as { imageId: string }).imageId}` });
    expect(objects.objects).toHaveLength(1);
  });

  it('gives different pictures different ids', async () => {
    const [a, b] = [await uploadImage('picture A'), await uploadImage('picture B')];
    expect(a.imageId).not.toBe(b.imageId);
  });

  it('refuses a type it does not store with 415', async () => {
    const response = await postImage(new TextEncoder().encode('<svg/>'), 'image/svg+xml');
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it('refuses bytes that are not the declared type, naming the body', async () => {
    const response = await postImage(pngBytes(10, 10, 'a png'), 'image/jpeg');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_input', field: 'body' } });
  });

  it('refuses a picture over 5 MB, naming the body', async () => {
    const big = new Uint8Array(5 * MB + 1);
    big.set(pngBytes(10, 10, ''));
    const response = await postImage(big, 'image/png');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_input', field: 'body' } });
  });

  it('reads the size of JPEG, GIF and WebP pictures from their headers', async () => {
    const gif = new Uint8Array([...new TextEncoder().encode('GIF89a'), 0x20, 0x01, 0x10, 0x00, 0, 0, 0]);
    const jpeg = new Uint8Array([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x02, 0x58, 0x03, 0x20, 0x03,
    ]);
    const webp = new Uint8Array(30);
    webp.set(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8X'));
    webp.set([0x7f, 0x02, 0x00, 0xdf, 0x01, 0x00], 24);
    const answers = await Promise.all(
      [
        [gif, 'image/gif'],
        [jpeg, 'image/jpeg'],
        [webp, 'image/webp'],
      ].map(async ([bytes, type]) => (await postImage(bytes as Uint8Array, type as string)).json()),
    );
    expect(answers).toMatchObject([
      { contentType: 'image/gif', width: 288, height: 16 },
      { contentType: 'image/jpeg', width: 800, height: 600 },
      { contentType: 'image/webp', width: 640, height: 480 },
    ]);
  });

  it('asks for the admin token', async () => {
    expect((await postImage(pngBytes(1, 1, 'anon'), 'image/png', {})).status).toBe(401);
  });
});

describe('serving product pictures', () => {
  it('serves the bytes for good, with an ETag, and 304 to a cache that has them', async () => {
    const bytes = pngBytes(32, 32, 'served picture');
    const { imageId } = await (await postImage(bytes, 'image/png')).json<{ imageId: string }>();
    const response = await shopperGet(`/media/${imageId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('image/png');
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    const etag = response.headers.get('ETag');
    expect(etag).toBe(`"${imageId}"`);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);

    const again = await shopperGet(`/media/${imageId}`, { 'If-None-Match': etag ?? '' });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('answers 404 for an image never uploaded, and 400 for what is not an image id', async () => {
    const unknown = await shopperGet(`/media/${'ab'.repeat(32)}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'not_found', field: 'imageId' } });
    const malformed = await shopperGet('/media/not-a-hash');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'invalid_input', field: 'imageId' } });
  });
});
