import { useState } from 'hono/jsx';
import { Notice } from '../../ui/Notice';
import { enteredValue, formFields, goTo } from '../browserPage';
import { Frame } from '../Frame';
import type { PageData } from '../pageData';
import { refusalText, refusedField } from '../refusalText';
import { useShop } from '../shopContext';
import { wechatLoginCode } from '../wechatDevice';

type Refusal = { field: 'phone' | 'code' | null; message: string };

const refusalOf = (error: unknown): Refusal => {
  const field = refusedField(error);
  return { field: field === 'phone' || field === 'code' ? field : null, message: refusalText(error) };
};

/** Logging in by SMS code or with WeChat; afterwards the shopper goes on to where they were headed. */
export const LoginPage = ({ data }: { data: Extract<PageData, { page: 'login' }> }) => {
  const { storefront, paths } = useShop();
  const [phone, setPhone] = useState('');
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const attempt = async (action: () => Promise<unknown>, after: () => void) => {
    setBusy(true);
    setRefusal(null);
    try {
      await action();
      after();
    } catch (error) {
      setRefusal(refusalOf(error));
    } finally {
      setBusy(false);
    }
  };
  const sendCode = () =>
    storefront &&
    attempt(
      () => storefront.auth.requestCode(phone),
      () => setSent(true),
    );
  const logIn = (event: Event) => {
    event.preventDefault();
    if (!storefront) return;
    const { code } = formFields(event, ['code']);
    void attempt(
      () => storefront.auth.loginWithPhone(phone, code),
      () => goTo(data.next),
    );
  };
  const wechat = () =>
    storefront &&
    attempt(
      () => storefront.auth.loginWithWechat(wechatLoginCode()),
      () => goTo(data.next),
    );

  return (
    <Frame categories={data.categories} title="Log in" back={paths.home}>
      <section class="login card">
        <h1 class="page-title">Log in</h1>
        <p class="muted">Your cart, orders and points are the same on every channel.</p>
        <form class="login-form" onSubmit={logIn} aria-label="Log in by phone">
          <label class="field" data-field="phone" data-invalid={refusal?.field === 'phone' ? '' : undefined}>
            <span>Phone number</span>
            <div class="login-phone">
              <input
                name="phone"
                type="tel"
                autocomplete="tel"
                inputmode="tel"
                value={phone}
                onInput={(e: Event) => setPhone(enteredValue(e))}
                required
              />
              <button class="button" data-kind="ghost" type="button" disabled={busy || !phone} onClick={sendCode}>
                {sent ? 'Send again' : 'Send code'}
              </button>
            </div>
            {refusal?.field === 'phone' && <Notice message={refusal.message} />}
          </label>
          {sent && <Notice tone="info" message="A code is on its way to your phone." />}
          <label class="field" data-field="code" data-invalid={refusal?.field === 'code' ? '' : undefined}>
            <span>Code</span>
            <input name="code" inputmode="numeric" autocomplete="one-time-code" maxlength={6} required />
            {refusal?.field === 'code' && <Notice message={refusal.message} />}
          </label>
          {refusal && refusal.field === null && <Notice message={refusal.message} />}
          <button class="button login-submit" type="submit" disabled={busy || !storefront}>
            Log in
          </button>
        </form>
        <div class="login-or muted">or</div>
        <button class="button wechat" data-kind="quiet" type="button" disabled={busy || !storefront} onClick={wechat}>
          Continue with WeChat
        </button>
      </section>
    </Frame>
  );
};
