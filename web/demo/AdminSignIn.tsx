import { useState } from 'hono/jsx';
import { enteredValue } from '../storefront/browserPage';
import { Notice } from '../ui/Notice';

/** Asks the operator for the admin token once; the page keeps it for this tab (`adminToken.ts`). */
export const AdminSignIn = ({ refused, onToken }: { refused: string | null; onToken: (token: string) => void }) => {
  const [token, setToken] = useState('');
  return (
    <form
      class="demo-card demo-signin"
      onSubmit={(event: Event) => {
        event.preventDefault();
        if (token.trim()) onToken(token.trim());
      }}
    >
      <h2>Operator</h2>
      <p class="muted">
        The operator strip and Emma's journey call the admin API. <code>npm start</code>'s token is in{' '}
        <code>.dev.vars.example</code>.
      </p>
      <label class="field">
        Admin token
        <input
          name="token"
          type="password"
          autocomplete="off"
          value={token}
          onInput={(event: Event) => setToken(enteredValue(event))}
        />
      </label>
      <Notice message={refused} />
      <button type="submit" class="button">
        Sign in
      </button>
    </form>
  );
};
