/**
 * The few browser things pages use, in effects and event handlers only. Pages are also rendered
 * and type-checked for the Worker (`workers/storefront/site.tsx`), which has no DOM, so these are
 * typed here rather than by the DOM library.
 */
interface BrowserGlobals {
  location: { assign(url: string): void; pathname: string; search: string; origin: string };
  localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

const browser = () => globalThis as unknown as BrowserGlobals;

/** Opens another page (pages are documents: no client router). */
export const goTo = (url: string): void => browser().location.assign(url);

/** This page's address on the hub, for coming back to it. */
export const here = (): string => `${browser().location.pathname}${browser().location.search}`;

export const pageOrigin = (): string => browser().location.origin;

export const keptValues = () => browser().localStorage;

/** What a text field or select holds, from its input/change event. */
export const enteredValue = (event: Event): string => (event.target as unknown as { value: string }).value;

/** Whether a checkbox is ticked, from its change event. */
export const checkedOf = (event: Event): boolean => (event.target as unknown as { checked: boolean }).checked;

/** The named fields of a submitted form, from its submit event. */
export const formFields = <Name extends string>(event: Event, names: readonly Name[]): Record<Name, string> => {
  const form = event.target as unknown as { elements: { namedItem(name: string): { value: string } | null } };
  return Object.fromEntries(names.map((name) => [name, form.elements.namedItem(name)?.value ?? ''])) as Record<
    Name,
    string
  >;
};
