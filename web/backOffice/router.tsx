import { useEffect, useState } from 'hono/jsx';

/**
 * The back office is one page with its screens under `/admin/…`: a link changes the address
 * without reloading (the staff member's live rooms stay open), and back and forward work.
 */
export const BACK_OFFICE_BASE = '/admin';

const MOVED = 'back-office:moved';

/** Opens a screen of the back office, e.g. `navigate('/admin/orders?status=paid')`. */
export const navigate = (to: string, { replace = false } = {}): void => {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new Event(MOVED));
};

export interface Place {
  /** The path under the back office, e.g. `/orders/ord_…` (`/` for the dashboard). */
  path: string;
  query: URLSearchParams;
}

const placeNow = (): Place => ({
  path: location.pathname.slice(BACK_OFFICE_BASE.length) || '/',
  query: new URLSearchParams(location.search),
});

/** Where the back office is now; re-renders on every move. */
export const usePlace = (): Place => {
  const [place, setPlace] = useState(placeNow);
  useEffect(() => {
    const moved = () => setPlace(placeNow());
    window.addEventListener('popstate', moved);
    window.addEventListener(MOVED, moved);
    return () => {
      window.removeEventListener('popstate', moved);
      window.removeEventListener(MOVED, moved);
    };
  }, []);
  return place;
};

/** The address of a back office screen: `screenHref('/orders', { status: 'paid' })`. */
export const screenHref = (path: string, query: Record<string, string | undefined> = {}): string => {
  const search = new URLSearchParams(
    Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''),
  ).toString();
  return `${BACK_OFFICE_BASE}${path === '/' ? '' : path}${search ? `?${search}` : ''}`;
};

/** A link inside the back office: a plain click moves without a reload; a modified click opens a tab as usual. */
export const Link = ({
  href,
  children,
  ...rest
}: {
  href: string;
  children?: unknown;
  [attribute: string]: unknown;
}) => (
  <a
    href={href}
    {...rest}
    onClick={(event: MouseEvent) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(href);
    }}
  >
    {children}
  </a>
);
