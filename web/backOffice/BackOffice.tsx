import { useEffect, useState } from 'hono/jsx';
import { onSessionEnded } from './refusals';
import { ROLE_NAMES } from './roleNames';
import { Link, screenHref, usePlace } from './router';
import { SignIn } from './SignIn';
import { SCREENS, screenAt } from './screens';
import { currentStaff, type SignedInStaff, signOut } from './staffSession';

/** The menu, the signed-in staff member and the screen they opened. */
const Desk = ({ staff, onSignOut }: { staff: SignedInStaff; onSignOut: () => void }) => {
  const place = usePlace();
  const mine = SCREENS.filter((screen) => staff.permissions.includes(screen.needs));
  const screen = screenAt(place.path);
  const allowed = screen && staff.permissions.includes(screen.needs);
  useEffect(() => {
    document.title = `${screen?.title ?? 'Not found'} · mallsync back office`;
  }, [screen?.title]);
  return (
    <div class="desk">
      <aside class="menu" aria-label="Back office">
        <a class="menu-brand" href={screenHref('/')}>
          <span class="logo" aria-hidden="true">
            M
          </span>
          <span>mallsync</span>
        </a>
        <nav>
          {mine.map((item) => (
            <Link href={screenHref(item.path)} aria-current={item === screen ? 'page' : undefined}>
              {item.title}
            </Link>
          ))}
        </nav>
        <div class="menu-staff">
          <span id="signed-in">
            {staff.name} <small class="muted">{ROLE_NAMES[staff.role]}</small>
          </span>
          <button id="logout" class="button" data-kind="quiet" type="button" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </aside>
      <main class="screen" id="screen">
        {screen && allowed ? (
          // Each page (a screen's list, one order, one product) in an element of its own: moving to
          // another page detaches it, so an answer the old page was still awaiting re-renders it
          // there (hono/jsx/dom re-applies an unmounted component's state update into its
          // container), out of sight. Filters change the query only and keep the page.
          <div class="screen-view" key={place.path}>
            <screen.view staff={staff} place={place} />
          </div>
        ) : (
          <section class="panel">
            <h1>{screen ? `${screen.title} is not for your role` : 'No such screen'}</h1>
            <p class="muted">
              {screen
                ? `Signed in as ${ROLE_NAMES[staff.role]}, you may open: ${mine.map((s) => s.title).join(', ')}.`
                : 'Pick a screen from the menu.'}
            </p>
          </section>
        )}
      </main>
    </div>
  );
};

/** The back office: the sign-in until the hub knows a session, then the desk. */
export const BackOffice = () => {
  const [staff, setStaff] = useState<SignedInStaff | null | undefined>(undefined);
  const [message, setMessage] = useState('');
  useEffect(() => {
    onSessionEnded((why) => {
      setMessage(why);
      setStaff(null);
    });
    currentStaff().then(setStaff, () => setStaff(null));
  }, []);
  if (staff === undefined) return <p class="muted loading">Loading the back office…</p>;
  if (!staff) {
    return (
      <SignIn
        message={message}
        onSignedIn={setStaff}
        intro="Sign in with your staff account. What you may do follows your role."
        submitLabel="Sign in"
      />
    );
  }
  return (
    <Desk
      staff={staff}
      onSignOut={async () => {
        await signOut();
        setMessage('');
        setStaff(null);
      }}
    />
  );
};
