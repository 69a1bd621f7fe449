import type { Page } from 'playwright-core';

/** How far the page scrolls sideways at its viewport's width: 0 when everything fits. */
export const sidewaysOverflow = (page: Page): Promise<number> =>
  page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);
