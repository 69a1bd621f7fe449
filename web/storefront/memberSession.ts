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
 * The logged-in member's session on a page of the shopper's own: null until it is known. A stored
 * session counts at once, so a second visit shows the documents the device keeps without waiting
 * for the hub. A guest (or nobody) is sent to log in first, and comes back to this very address.
 */
export const useMember = (): Session | null => {
  const { storefront, paths } = useShop();
  const [member, setMember] = useState<Session | null>(null);
  useEffect(() => {
    if (!storefront) return;
    let gone = false;
    const heard = (session: Session | null) => {
      if (session?.role === 'member') setMember(session);
    };
    heard(storefront.auth.session.get());
    const stop = storefront.auth.session.subscribe(heard);
    void storefront.ready.then(() => {
      if (!gone && storefront.auth.session.get()?.role !== 'member') goTo(paths.login(here()));
    });
    return () => {
      gone = true;
      stop();
    };
  }, []);
  return member;
};
