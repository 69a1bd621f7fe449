import { useState } from 'hono/jsx';
import { type SignedInStaff, signIn } from './staffSession';

/** The staff sign-in of the back office and the monitoring page: login and password; the hub answers with its cookie. */
export const SignIn = ({
  message,
  onSignedIn,
  intro,
  submitLabel,
}: {
  message: string;
  onSignedIn: (staff: SignedInStaff) => void;
  intro: string;
  submitLabel: string;
}) => {
  const [error, setError] = useState(message);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    setBusy(true);
    try {
      onSignedIn(await signIn(field('login').trim(), field('password')));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section id="login" class="login">
      <form id="login-form" onSubmit={submit}>
        <h2>Staff sign-in</h2>
        <p>{intro}</p>
        <label for="login-name">Login (email)</label>
        <input id="login-name" name="login" type="email" autocomplete="username" required />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button class="primary button" type="submit" disabled={busy}>
          {submitLabel}
        </button>
        <p id="login-error" class="error" role="alert">
          {error}
        </p>
      </form>
    </section>
  );
};
