import { useEffect, useState } from 'hono/jsx';
import type { Session } from '../../shared/api/auth';
import { goTo, here } from './browserPage';
import { useShop } from './shopContext';

/** True once the storefront has its session (a stored one, or a new guest's) and the member's documents. */
export const useReady = (): boolean => {
  const { storefront } = useShop();
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!storefront) return;
    let gone = false;
    void storefront.ready.then(() => {
      if (!gone) setReady(true);
    });
    return () => {
      gone = true;
    };
  }, []);
  return ready;
};

/**
 * The logged-in member's session on a page of the shopper's own: null until it is known. A guest
 * (or nobody) is sent to log in first, and comes back to this very address afterwards.
 */
export const useMember = (): Session | null => {
  const { storefront, paths } = useShop();
  const [member, setMember] = useState<Session | null>(null);
  useEffect(() => {
    if (!storefront) return;
    let gone = false;
    void storefront.ready.then(() => {
      if (gone) return;
      const session = storefront.auth.session.get();
      if (session?.role === 'member') setMember(session);
      else goTo(paths.login(here()));
    });
    return () => {
      gone = true;
    };
  }, []);
  return member;
};
