import { useEffect, useState } from 'hono/jsx';
import type { MiniShopView } from '../../../../shared/api/minishop';
import { useMonitorRoom } from '../../../monitor/monitorRoom';
import { ActionNotice, useAction } from '../../refusals';
import { Link, screenHref } from '../../router';
import { adminCall } from '../../staffSession';
import { LiveRun } from './LiveRun';
import { clockTime, OUTCOMES, RUN_NAMES } from './runText';
import { SyncRulesForm } from './SyncRulesForm';

/** The shop's last runs as the hub keeps them: the last of any kind with its errors, and the last migration. */
const LastRuns = ({ shop }: { shop: MiniShopView }) => {
  const last = shop.progress.lastRun;
  const migration = shop.lastMigration;
  return (
    <section class="panel" aria-label="Last runs">
      <h2>Last runs</h2>
      {!last && !migration && <p class="muted">Nothing has run for this shop yet.</p>}
      <table class="grid" id="last-runs">
        <tbody>
          {last && (
            <tr data-run={last.kind} data-outcome={last.outcome}>
              <td>{RUN_NAMES[last.kind]}</td>
              <td>{OUTCOMES[last.outcome] ?? last.outcome}</td>
              <td>{clockTime(last.finishedAt)}</td>
              <td>{last.errors.length === 0 ? 'No errors' : `${last.errors.length} error(s)`}</td>
            </tr>
          )}
          {migration && (
            <tr data-run="last-migration">
              <td>Last migration</td>
              <td>{`${migration.products} products, ${migration.orders} orders`}</td>
              <td>{clockTime(migration.finishedAt)}</td>
              <td>{`took ${Math.max(1, Math.round((migration.finishedAt - migration.startedAt) / 1000))} s`}</td>
            </tr>
          )}
        </tbody>
      </table>
      {last && last.errors.length > 0 && (
        <ul class="run-errors">
          {last.errors.map((error) => (
            <li>{error}</li>
          ))}
        </ul>
      )}
    </section>
  );
};

/** One bound (or unbound) Mini-Shop: its migration, live; auto-sync; the rules; its last runs; unbinding. */
export const ShopDetail = ({ appid, staffId }: { appid: string; staffId: string }) => {
  const [shop, setShop] = useState<MiniShopView | null>(null);
  const load = useAction();
  const migrate = useAction();
  const autoSync = useAction();
  const unbind = useAction();
  const { view, live } = useMonitorRoom(staffId);
  const watched = view?.miniShops.get(appid);
  const reload = () =>
    load.run(async () => setShop(await adminCall<MiniShopView>('GET', `/api/admin/minishop/shops/${appid}`)));
  // A run that ends shows in the monitor room first; the shop's own record then has its errors.
  useEffect(() => {
    void reload();
  }, [appid, watched?.lastRun?.finishedAt]);
  const act = async (action: ReturnType<typeof useAction>, method: string, path: string, body?: unknown) => {
    const done = await action.run(() => adminCall<unknown>(method, `/api/admin/minishop/shops/${appid}${path}`, body));
    if (done !== undefined) await reload();
  };
  return (
    <>
      <header class="screen-head">
        <div>
          <h1>{shop ? shop.name : 'Mini-Shop'}</h1>
          <p class="muted">
            {appid} ·{' '}
            <Link href={screenHref('/minishop')} class="text-link">
              all shops
            </Link>
          </p>
        </div>
        {shop && (
          <span class="badge" data-tone={shop.status === 'bound' ? 'ok' : 'muted'} id="shop-status">
            {shop.status === 'bound' ? 'Bound' : 'Unbound'}
          </span>
        )}
      </header>
      <ActionNotice action={load} />
      {shop && (
        <>
          <section class="panel" aria-label="Migration">
            <h2>Migration</h2>
            <LiveRun shop={watched} live={live} />
            <div class="form-actions">
              <button
                class="button"
                id="start-migration"
                type="button"
                disabled={migrate.busy || Boolean(watched?.running)}
                onClick={() => act(migrate, 'POST', '/migrations')}
              >
                Start migration
              </button>
              <ActionNotice action={migrate} />
            </div>
            <div class="form-actions">
              <label class="check">
                <input
                  type="checkbox"
                  id="auto-sync"
                  checked={shop.autoSync}
                  disabled={autoSync.busy}
                  onChange={(event: Event) =>
                    act(autoSync, 'PUT', '/auto-sync', { autoSync: (event.target as HTMLInputElement).checked })
                  }
                />
                Auto-sync: orders every 5 minutes, products daily
              </label>
              <ActionNotice action={autoSync} />
            </div>
          </section>
          <LastRuns shop={shop} />
          <SyncRulesForm shop={shop} onSaved={setShop} />
          <section class="panel" aria-label="Unbind">
            <h2>Unbind</h2>
            <p class="muted">Synced products stay; synced orders can no longer be operated on here; auto-sync stops.</p>
            <div class="form-actions">
              <button
                class="button"
                data-kind="ghost"
                id="unbind-shop"
                type="button"
                disabled={unbind.busy || shop.status === 'unbound'}
                onClick={() => act(unbind, 'DELETE', '')}
              >
                Unbind shop
              </button>
              <ActionNotice action={unbind} />
            </div>
          </section>
        </>
      )}
    </>
  );
};
