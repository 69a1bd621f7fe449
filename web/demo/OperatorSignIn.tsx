import { useState } from 'hono/jsx';
import { formFields } from '../storefront/browserPage';
import { Notice } from '../ui/Notice';

/** The operator signs in with a back office staff account; the hub keeps the session in its HttpOnly cookie. */
export const OperatorSignIn = ({
  refused,
  onSignIn,
}: {
  refused: string | null;
  onSignIn: (login: string, password: string) => Promise<void>;
}) => {
  const [busy, setBusy] = useState(false);
  return (
    <form
      class="demo-card demo-signin"
      onSubmit={async (event: Event) => {
        event.preventDefault();
        const { login, password } = formFields(event, ['login', 'password']);
        setBusy(true);
        await onSignIn(login.trim(), password).finally(() => setBusy(false));
      }}
    >
      <h2>Operator</h2>
      <p class="muted">
        The operator strip and Emma's journey act as a back office staff member: <code>npm start</code> seeds{' '}
        <code>owner@mallsync.local</code> with the password <code>mallsync-owner</code>.
      </p>
      <label class="field">
        Login (email)
        <input name="login" type="email" autocomplete="username" required />
      </label>
      <label class="field">
        Password
        <input name="password" type="password" autocomplete="current-password" required />
      </label>
      <Notice message={refused} />
      <button type="submit" class="button" disabled={busy}>
        Sign in
      </button>
    </form>
  );
};
