import './miniShop.css';
import { useEffect, useState } from 'hono/jsx';
import type { MiniShopRecordView } from '../../../../shared/api/minishop';
import { ActionNotice, useAction } from '../../refusals';
import { Link, navigate, screenHref } from '../../router';
import type { ScreenProps } from '../../screens';
import { adminCall } from '../../staffSession';
import { BindShop } from './BindShop';
import { clockTime } from './runText';
import { ShopDetail } from './ShopDetail';

const SHOP_PATH = '/minishop/';

/** The Mini-Shops bound here, each opening its own page. */
const ShopList = () => {
  const [shops, setShops] = useState<MiniShopRecordView[] | null>(null);
  const load = useAction();
  useEffect(() => {
    void load.run(async () =>
      setShops((await adminCall<{ shops: MiniShopRecordView[] }>('GET', '/api/admin/minishop/shops')).shops),
    );
  }, []);
  return (
    <section class="panel">
      <h2>Shops</h2>
      <ActionNotice action={load} />
      {shops?.length === 0 && <p class="muted">No Mini-Shop is bound yet.</p>}
      <table class="grid" id="shop-list">
        <tbody>
          {(shops ?? []).map((shop) => (
            <tr data-appid={shop.appid}>
              <td>
                <Link href={screenHref(`${SHOP_PATH}${shop.appid}`)}>{shop.name}</Link>
              </td>
              <td>{shop.appid}</td>
              <td>
                <span class="badge" data-tone={shop.status === 'bound' ? 'ok' : 'muted'}>
                  {shop.status === 'bound' ? 'Bound' : 'Unbound'}
                </span>
              </td>
              <td>{shop.autoSync ? 'Auto-sync on' : 'Auto-sync off'}</td>
              <td>{shop.lastMigration ? `Migrated ${clockTime(shop.lastMigration.finishedAt)}` : 'Not migrated'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
};

/** Mini-Shop: bind a shop, then on its page migrate, sync and unbind (`/admin/minishop/<appid>`). */
export const MiniShopScreen = ({ staff, place }: ScreenProps) => {
  const appid = place.path.startsWith(SHOP_PATH) ? decodeURIComponent(place.path.slice(SHOP_PATH.length)) : null;
  if (appid) return <ShopDetail appid={appid} staffId={staff.id} />;
  return (
    <>
      <header class="screen-head">
        <h1>Mini-Shop</h1>
        <p class="muted">The merchant's WeChat Mini-Shop: one migration in, then kept in sync.</p>
      </header>
      <BindShop onBound={(shop) => navigate(screenHref(`${SHOP_PATH}${shop.appid}`))} />
      <ShopList />
    </>
  );
};
