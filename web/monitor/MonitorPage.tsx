import { useEffect, useState } from 'hono/jsx';
import { Header } from './Header';
import { LiveMonitor } from './LiveMonitor';
import { currentStaff, type SignedInStaff, signIn, signOut } from './session';

/** The operator's sign-in: a staff login and password; the hub answers with its session cookie. */
const SignIn = ({ message, onSignedIn }: { message: string; onSignedIn: (staff: SignedInStaff) => void }) => {
  const [error, setError] = useState(message);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    try {
      onSignedIn(await signIn(field('login').trim(), field('password')));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <section id="login" class="login">
      <form id="login-form" onSubmit={submit}>
        <h2>Staff sign-in</h2>
        <p>Sign in with your back office account. Any role may watch the monitor.</p>
        <label for="login-name">Login (email)</label>
        <input id="login-name" name="login" type="email" autocomplete="username" required />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button class="primary" type="submit">
          Open monitor
        </button>
        <p id="login-error" class="error" role="alert">
          {error}
        </p>
      </form>
    </section>
  );
};

/** The monitoring page: sign-in until the hub knows a session, then the live monitor. */
export const MonitorPage = () => {
  const [staff, setStaff] = useState<SignedInStaff | null | undefined>(undefined);
  const [message, setMessage] = useState('');
  useEffect(() => {
    currentStaff().then(setStaff, () => setStaff(null));
  }, []);
  const ended = (why: string) => {
    setMessage(why);
    setStaff(null);
  };
  const logOut = async () => {
    await signOut();
    ended('');
  };
  if (staff === undefined) return <Header />;
  return staff ? (
    <LiveMonitor staff={staff} onSessionEnded={ended} onLogOut={logOut} />
  ) : (
    <>
      <Header />
      <SignIn message={message} onSignedIn={setStaff} />
    </>
  );
};
