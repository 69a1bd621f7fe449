import { useEffect, useState } from 'hono/jsx';
import type { MemberProfile } from '../../../../shared/api/members';
import type { AccountContents, Assets } from '../../../../shared/docs/account';
import { yuan } from '../../../../shared/money';
import { ActionNotice, useAction } from '../../refusals';
import { Link, screenHref } from '../../router';
import { adminCall } from '../../staffSession';
import { mallTime } from '../mallTime';
import { AssetAdjustment, type Ledger } from './AssetAdjustment';
import { LedgerHistory } from './LedgerHistory';
import { TagEditor } from './TagEditor';

const IDENTITY_NAMES: Record<MemberProfile['identities'][number]['kind'], string> = {
  phone: 'Phone',
  wechat_openid: 'WeChat OpenID',
  wechat_unionid: 'WeChat UnionID',
  guest: 'Guest device',
};

const AssetStats = ({ assets }: { assets: Assets }) => (
  <dl class="stats" id="member-assets">
    <div class="stat" data-asset="points">
      <dt>Points</dt>
      <dd>{assets.points}</dd>
    </div>
    <div class="stat" data-asset="balance">
      <dt>Balance</dt>
      <dd>{yuan(assets.balance)}</dd>
    </div>
    <div class="stat" data-asset="tier">
      <dt>Tier</dt>
      <dd>{assets.tier}</dd>
    </div>
  </dl>
);

const Identities = ({ profile }: { profile: MemberProfile }) => (
  <section class="panel">
    <h2>Logins and merges</h2>
    <table class="grid" id="member-identities">
      <tbody>
        {profile.identities.map((identity) => (
          <tr>
            <th>{IDENTITY_NAMES[identity.kind]}</th>
            <td class="identity-value">
              {identity.value}
              {identity.appId && <small class="muted"> (app {identity.appId})</small>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    {profile.merged.length === 0 ? (
      <p class="muted">No other account was merged into this one.</p>
    ) : (
      <ul class="merges">
        {profile.merged.map((merge) => (
          <li>
            {merge.memberId} merged in on {mallTime(merge.at)}
          </li>
        ))}
      </ul>
    )}
  </section>
);

/** One member at `/members/<id>`: logins, assets, tags, ledgers and recent orders; adjusted and tagged here. */
export const MemberDetail = ({ memberId }: { memberId: string }) => {
  const [profile, setProfile] = useState<MemberProfile | null>(null);
  const [account, setAccount] = useState<AccountContents | null>(null);
  const [shown, setShown] = useState<Ledger>('points');
  const [version, setVersion] = useState(0);
  const load = useAction();
  useEffect(() => {
    void load.run(async () => {
      const [who, contents] = await Promise.all([
        adminCall<MemberProfile>('GET', `/api/admin/members/${memberId}`),
        adminCall<AccountContents>('GET', `/api/admin/members/${memberId}/account`),
      ]);
      setProfile(who);
      setAccount(contents);
    });
  }, [memberId]);
  const changed = (assets: Assets) => setAccount((before) => before && { ...before, assets });
  const orders = Object.entries(account?.orders ?? {}).sort(([, a], [, b]) => b.createdAt - a.createdAt);
  return (
    <>
      <header class="screen-head">
        <h1>{profile ? profile.nickname || 'Member' : 'Member'}</h1>
        <p class="muted">
          <span class="member-id">{profile?.id ?? memberId}</span>
          {profile && ` · joined ${mallTime(profile.createdAt)}`} ·{' '}
          <Link href={screenHref('/members')}>All members</Link>
        </p>
      </header>
      <ActionNotice action={load} />
      {profile && account && (
        <>
          <AssetStats assets={account.assets} />
          <div class="detail-columns">
            <Identities profile={profile} />
            <TagEditor memberId={profile.id} tags={account.assets.tags} onSaved={changed} />
          </div>
          <AssetAdjustment
            memberId={profile.id}
            onAdjusted={(ledger, assets) => {
              changed(assets);
              setShown(ledger);
              setVersion((v) => v + 1);
            }}
          />
          <LedgerHistory memberId={profile.id} shown={shown} onShow={setShown} version={version} />
          <section class="panel">
            <h2>Recent orders</h2>
            {orders.length === 0 ? (
              <p class="muted">No recent orders.</p>
            ) : (
              <ul class="member-orders">
                {orders.map(([orderId, order]) => (
                  <li>
                    <Link href={screenHref(`/orders/${orderId}`)}>{orderId}</Link> · {mallTime(order.createdAt)} ·{' '}
                    {order.status} · {yuan(order.payable)}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </>
  );
};
