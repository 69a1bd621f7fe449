import { useEffect, useState } from 'hono/jsx';
import { yuan } from '../../../shared/money';
import { useLive } from '../../ui/useLive';
import { goTo } from '../browserPage';
import { CouponList } from '../CouponList';
import { Frame } from '../Frame';
import { hubRead } from '../memberReads';
import { useMember } from '../memberSession';
import type { PageData } from '../pageData';
import { useShop } from '../shopContext';
import { useSkuProducts } from '../skuProducts';

type Identity = { kind: string; appId: string; value: string };

/** The shopper's account: who they are, tier, points, balance, coupons, addresses, links on, and logging out. */
export const MePage = ({ data }: { data: Extract<PageData, { page: 'me' }> }) => {
  const { storefront, paths } = useShop();
  const member = useMember();
  const [assets] = useLive(storefront && (() => storefront.assets), null);
  const [addresses] = useLive(storefront && (() => storefront.addresses), []);
  const [orders] = useLive(storefront && (() => storefront.orders), []);
  const [favorites] = useLive(storefront && (() => storefront.favorites), []);
  const [identities, setIdentities] = useState<Identity[]>([]);
  const saved = useSkuProducts(favorites.map((f) => f.skuId)).shown;

  useEffect(() => {
    if (!storefront || !member) return;
    void hubRead<{ identities: Identity[] }>(storefront, '/api/members/me').then(
      (me) => setIdentities(me.identities),
      () => setIdentities([]),
    );
  }, [member]);

  const phone = identities.find((i) => i.kind === 'phone')?.value;
  const logOut = async () => {
    await storefront?.auth.logOut();
    goTo(paths.home);
  };

  return (
    <Frame categories={data.categories} title="Me" tab="me" back={paths.home}>
      {!member ? (
        <p class="loading muted" aria-busy="true">
          Loading your account…
        </p>
      ) : (
        <div class="me">
          <section class="card me-who" aria-label="Who">
            <h1 class="page-title" data-phone={phone ?? ''}>
              {phone ?? (identities.length > 0 ? 'WeChat member' : 'Member')}
            </h1>
            <p class="muted">
              Tier <strong data-tier>{assets?.tier || '—'}</strong>
            </p>
            <dl class="me-assets">
              <div>
                <dt>Points</dt>
                <dd data-points>{assets?.points ?? 0}</dd>
              </div>
              <div>
                <dt>Balance</dt>
                <dd data-balance>{yuan(assets?.balance ?? 0)}</dd>
              </div>
              <div>
                <dt>Orders</dt>
                <dd>{orders.length}</dd>
              </div>
            </dl>
          </section>
          <nav class="card me-links" aria-label="Your things">
            <a href={paths.orders}>My orders ›</a>
            <a href={paths.cart}>Cart ›</a>
            <span>
              Saved items: <strong>{favorites.length}</strong>
            </span>
            {favorites.map((f) => {
              const s = saved.get(f.skuId);
              return s ? (
                <a class="me-saved" href={paths.product(s.product.productId)} data-sku={f.skuId}>
                  ♥ {s.product.title}
                  {s.sku.name ? ` · ${s.sku.name}` : ''}
                </a>
              ) : null;
            })}
          </nav>
          <CouponList />
          <section class="card me-section" aria-label="Addresses">
            <h2 class="section-title">Addresses</h2>
            {addresses.length === 0 ? (
              <p class="muted">No saved addresses: add one at checkout.</p>
            ) : (
              <ul class="choices">
                {addresses.map((a) => (
                  <li data-address={a.id}>
                    <strong>
                      {a.userName} {a.telNumber}
                    </strong>
                    {a.isDefault ? (
                      <span class="badge" data-tone="ok">
                        Default
                      </span>
                    ) : (
                      <button
                        class="link-button"
                        type="button"
                        onClick={() => void storefront?.addresses.makeDefault(a.id)}
                      >
                        Make default
                      </button>
                    )}
                    <br />
                    <span class="muted">
                      {a.provinceName} {a.cityName} {a.countyName} {a.detailInfo}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <button class="button" data-kind="quiet" type="button" onClick={logOut}>
            Log out
          </button>
        </div>
      )}
    </Frame>
  );
};
