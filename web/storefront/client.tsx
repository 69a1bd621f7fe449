import '../ui/design.css';
import './storefront.css';
import './shopperPages.css';
import { render } from 'hono/jsx/dom';
import { browserRuntime, createStorefront } from '../../sdk/src/adapters/browser';
import { registerAppShell } from '../app/registerAppShell';
import { PAGE_DATA_ID, type PageEnvelope, ROOT_ID } from './pageData';
import { Site } from './Site';

/**
 * The browser's half of a storefront page: the page arrives rendered by the server; this renders
 * the same tree over it with the SDK's storefront, so prices, stock and the cart go live.
 */
const envelope = JSON.parse(document.getElementById(PAGE_DATA_ID)?.textContent ?? 'null') as PageEnvelope;
const storefront = createStorefront({ url: location.origin, channel: envelope.channel, runtime: browserRuntime() });
const root = document.getElementById(ROOT_ID);
if (root) {
  root.replaceChildren();
  render(<Site envelope={envelope} storefront={storefront} />, root);
}
addEventListener('pagehide', () => storefront.close());
if (envelope.channel === 'app') registerAppShell();
