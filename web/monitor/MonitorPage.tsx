import { useState } from 'hono/jsx';
import { Header } from './Header';
import { LiveMonitor } from './LiveMonitor';
import { adminCall, forgetToken, keepToken, storedToken, TokenRefused } from './session';

/** The operator's sign-in: the admin token, checked against the hub before the monitor opens. */
const SignIn = ({ message, onToken }: { message: string; onToken: (token: string) => void }) => {
  const [error, setError] = useState(message);
  const submit = async (event: Event) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('token') as HTMLInputElement;
    const token = input.value.trim();
    try {
      await adminCall(token, 'GET', '/api/admin/monitor/log?limit=1');
    } catch (failure) {
      setError(failure instanceof TokenRefused ? 'That token is not an admin token.' : String(failure));
      return;
    }
    keepToken(token);
    onToken(token);
  };
  return (
    <section id="login" class="login">
      <form id="login-form" onSubmit={submit}>
        <h2>Operator sign-in</h2>
        <p>Enter the admin token. It is kept for this browser tab only.</p>
        <label for="token">Admin token</label>
        <input id="token" name="token" type="password" autocomplete="current-password" required />
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

/** The monitoring page: sign-in until the hub accepts a token, then the live monitor. */
export const MonitorPage = () => {
  const [token, setToken] = useState<string | null>(storedToken());
  const [message, setMessage] = useState('');
  const signOut = (why: string) => {
    forgetToken();
    setMessage(why);
    setToken(null);
  };
  return (
    <>
      {token ? (
        <LiveMonitor token={token} onSignOut={signOut} />
      ) : (
        <>
          <Header />
          <SignIn message={message} onToken={setToken} />
        </>
      )}
    </>
  );
};
