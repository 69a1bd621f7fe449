import type { MiniShopView } from '../../../../shared/api/minishop';
import { ActionNotice, Field, useAction } from '../../refusals';
import { adminCall } from '../../staffSession';

const BIND_FIELDS = ['appid', 'secret'] as const;

/** Binds a Mini-Shop with its own appid and secret: the Mini-Shop must accept them, else its refusal shows on the field. */
export const BindShop = ({ onBound }: { onBound: (shop: MiniShopView) => void }) => {
  const action = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(event.currentTarget as HTMLFormElement).entries());
    const bound = await action.run(() => adminCall<MiniShopView>('POST', '/api/admin/minishop/shops', values));
    if (bound) onBound(bound);
  };
  return (
    <form class="panel form-grid" id="bind-shop" aria-label="Bind a Mini-Shop" onSubmit={submit}>
      <h2>Bind a Mini-Shop</h2>
      <Field label="AppID" name="appid" action={action} hint="From the Mini-Shop's development settings.">
        <input name="appid" autocomplete="off" required />
      </Field>
      <Field label="AppSecret" name="secret" action={action}>
        <input name="secret" type="password" autocomplete="off" required />
      </Field>
      <div class="form-actions">
        <button class="button" type="submit" disabled={action.busy}>
          Bind shop
        </button>
        <ActionNotice action={action} fields={BIND_FIELDS} />
      </div>
    </form>
  );
};
