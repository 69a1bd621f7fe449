import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { BrowserContext } from 'playwright-core';

const PAGE_DIR = new URL('./sdkPage/', import.meta.url);
/** Where the page appears: on the hub's own origin, so the SDK's calls need no CORS. */
export const SDK_PAGE_PATH = '/sdk-test/';

/** The page's script with the SDK's browser entry point and its dependencies, as an app ships them. */
const bundle = async (): Promise<string> => {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('page.ts', PAGE_DIR))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'warning',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild wrote no bundle for the SDK test page');
  return output.text;
};

/**
 * Serves the SDK test page (`sdkPage/`) at `SDK_PAGE_PATH` of `hubUrl` to every tab of `context`,
 * from the test process rather than the network, so it loads (an app restart) while the context
 * is offline; the hub itself is still reached over the network.
 */
export const serveSdkPage = async (context: BrowserContext, hubUrl: string): Promise<string> => {
  const [html, script] = await Promise.all([readFile(new URL('index.html', PAGE_DIR), 'utf8'), bundle()]);
  await context.route(`${hubUrl}${SDK_PAGE_PATH}**`, (route) => {
    const file = new URL(route.request().url()).pathname.slice(SDK_PAGE_PATH.length);
    if (file === '' || file === 'index.html') return route.fulfill({ contentType: 'text/html', body: html });
    if (file === 'page.js') return route.fulfill({ contentType: 'text/javascript', body: script });
    return route.fulfill({ status: 404, body: 'not part of the SDK test page' });
  });
  return `${hubUrl}${SDK_PAGE_PATH}`;
};
