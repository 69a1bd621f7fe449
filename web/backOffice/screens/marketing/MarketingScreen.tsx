import './marketing.css';
import { useEffect, useState } from 'hono/jsx';
import type { AdminCouponView } from '../../../../shared/api/coupons';
import { ActionNotice, useAction } from '../../refusals';
import { Link, screenHref } from '../../router';
import { adminCall } from '../../staffSession';
import { CouponForm } from './CouponForm';
import { CouponRow } from './CouponRow';
import { TiersPanel } from './TiersPanel';

interface CouponPage {
  coupons: AdminCouponView[];
  nextCursor: string | null;
}

/** Coupons, newest first and paged, with the form that creates or edits one. */
const CouponsPanel = () => {
  const [coupons, setCoupons] = useState<AdminCouponView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [editing, setEditing] = useState<AdminCouponView | null>(null);
  const load = useAction();
  const more = (after: string | null) =>
    load.run(async () => {
      const page = await adminCall<CouponPage>(
        'GET',
        `/api/admin/coupons?limit=20${after ? `&cursor=${encodeURIComponent(after)}` : ''}`,
      );
      setCoupons((shown) => [...(after ? shown : []), ...page.coupons]);
      setCursor(page.nextCursor);
    });
  useEffect(() => {
    void more(null);
  }, []);
  const replace = (changed: AdminCouponView) =>
    setCoupons((all) => all.map((coupon) => (coupon.id === changed.id ? changed : coupon)));
  return (
    <>
      {editing ? (
        <CouponForm
          key={`edit-${editing.id}`}
          coupon={editing}
          onSaved={(saved) => {
            replace(saved);
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <CouponForm key="new" onSaved={(created) => setCoupons((all) => [created, ...all])} />
      )}
      <section class="panel">
        <h2>Coupons</h2>
        <ActionNotice action={load} />
        <div class="table-scroll">
          <table class="grid" id="coupon-list">
            <thead>
              <tr>
                <th>Title</th>
                <th>Offer</th>
                <th>Valid</th>
                <th class="number">Claimed</th>
                <th>Channels</th>
                <th>Status</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {coupons.map((coupon) => (
                <CouponRow coupon={coupon} onEdit={() => setEditing(coupon)} onChanged={replace} />
              ))}
            </tbody>
          </table>
        </div>
        {coupons.length === 0 && !load.busy && <p class="muted">No coupons yet.</p>}
        {cursor && (
          <button class="button" data-kind="quiet" type="button" disabled={load.busy} onClick={() => more(cursor)}>
            Older coupons
          </button>
        )}
      </section>
    </>
  );
};

/** Marketing: coupons and member tiers. Flash sales have a screen of their own. */
export const MarketingScreen = () => (
  <>
    <header class="screen-head">
      <h1>Marketing</h1>
      <p class="muted">
        Coupons for every channel, and the member tiers points move members through. Flash sales:{' '}
        <Link class="text-link" href={screenHref('/flash-sales')}>
          Flash sales screen
        </Link>
        .
      </p>
    </header>
    <CouponsPanel />
    <TiersPanel />
  </>
);
