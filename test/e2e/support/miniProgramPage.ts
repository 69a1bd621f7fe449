import type simulate from 'miniprogram-simulate';
import { LIVE_WITHIN_MS, waitFor } from './wait';

type Simulated = ReturnType<typeof simulate.render>;
/** What `render` answers for a loaded page: its typings say a plain component, but it is the root one. */
export type RenderedPage = Simulated & { attach(parent: Node): void; detach(): void };

/** A node's text as the shopper reads it: each piece of text on its own, one space between them. */
const readable = (node: Simulated): string => {
  const pieces: string[] = [];
  const walker = document.createTreeWalker(node.dom ?? document.createElement('empty'), NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const piece = (text.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (piece) pieces.push(piece);
  }
  return pieces.join(' ');
};

/** One page on screen, rendered by miniprogram-simulate from the built WXML. */
export class OpenPage {
  constructor(
    private readonly page: RenderedPage,
    private readonly onClose: (page: OpenPage) => void,
  ) {}

  /** What the shopper reads on the page now (its text, whitespace collapsed). */
  text(): string {
    return readable(this.page);
  }

  /** What each node `selector` matches reads. */
  textsOf(selector: string): string[] {
    return this.find(selector).map(readable);
  }

  /** Waits until what the page reads passes `accept` (it re-renders on every live change). */
  async until(accept: (text: string) => boolean, label: string, timeoutMs = LIVE_WITHIN_MS): Promise<void> {
    try {
      await waitFor(() => accept(this.text()), timeoutMs, label);
    } catch {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${label}; the page reads: ${this.text()}`);
    }
  }

  /** Waits until the page reads `text`. */
  shows(text: string, label = `"${text}" on the page`): Promise<void> {
    return this.until((read) => read.includes(text), label);
  }

  /** The nodes `selector` matches whose text contains `text` (every match without one). */
  find(selector: string, text?: string): Simulated[] {
    const nodes = this.page.querySelectorAll(selector) as Simulated[];
    return text === undefined ? nodes : nodes.filter((n) => readable(n).includes(text));
  }

  /** Taps the first node `selector` matches (holding `text`, if given), as the shopper's finger does. */
  tap(selector: string, text?: string): void {
    const node = this.find(selector, text)[0];
    if (!node) throw new Error(`nothing to tap at ${selector}${text ? ` reading "${text}"` : ''}: ${this.text()}`);
    node.dispatchEvent('tap');
  }

  /** The page instance, for the lifecycle WeChat itself calls (`onShareAppMessage`). */
  get instance(): Record<string, (...args: unknown[]) => unknown> {
    return this.page.instance as Record<string, (...args: unknown[]) => unknown>;
  }

  /** The shopper leaves the page: WeChat calls `onUnload`. */
  close(): void {
    this.instance.onUnload?.();
    this.page.detach();
    this.onClose(this);
  }
}
