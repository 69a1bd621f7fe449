import { useEffect, useState } from 'hono/jsx';
import type { ListedMember } from '../../../../shared/api/members';
import { ActionNotice, Field, useAction } from '../../refusals';
import { Link, navigate, type Place, screenHref } from '../../router';
import { adminCall } from '../../staffSession';
import { mallTime } from '../mallTime';

interface MemberPage {
  members: ListedMember[];
  nextCursor: string | null;
}

const listCall = (query: URLSearchParams) => {
  const call = new URLSearchParams();
  for (const key of ['q', 'cursor']) if (query.get(key)) call.set(key, query.get(key) as string);
  return `/api/admin/members?${call.toString()}`;
};

/** Members, newest first, found by phone, nickname or id; the search and the page are kept in the address. */
export const MemberList = ({ place }: { place: Place }) => {
  const [page, setPage] = useState<MemberPage | null>(null);
  const load = useAction();
  const q = place.query.get('q') ?? '';
  const call = listCall(place.query);
  useEffect(() => {
    void load.run(async () => setPage(await adminCall<MemberPage>('GET', call)));
  }, [call]);
  const search = (event: Event) => {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget as HTMLFormElement).get('q') ?? '').trim();
    navigate(screenHref('/members', { q: text }));
  };
  return (
    <>
      <header class="screen-head">
        <h1>Members</h1>
        <p class="muted">One member, however many channels and logins: find them, then open their account.</p>
      </header>
      <form class="panel toolbar" id="member-search" aria-label="Find members" onSubmit={search}>
        <Field label="Phone, nickname or member id" name="q" action={load}>
          <input name="q" type="search" value={q} placeholder="138 0013 8000" />
        </Field>
        <div class="form-actions">
          <button class="button" type="submit">
            Find
          </button>
        </div>
      </form>
      <section class="panel">
        <ActionNotice action={load} fields={['q']} />
        <div class="table-scroll">
          <table class="grid" id="member-list">
            <thead>
              <tr>
                <th>Member</th>
                <th>Phone</th>
                <th>Tier</th>
                <th>Tags</th>
                <th>Joined</th>
              </tr>
            </thead>
            <tbody>
              {(page?.members ?? []).map((member) => (
                <tr data-member={member.id}>
                  <td>
                    <Link href={screenHref(`/members/${member.id}`)}>{member.nickname || member.id}</Link>
                    {member.nickname && <small class="muted member-id">{member.id}</small>}
                  </td>
                  <td>{member.phones.join(', ') || '—'}</td>
                  <td>{member.tier}</td>
                  <td>
                    {member.tags.map((tag) => (
                      <span class="tag">{tag}</span>
                    ))}
                  </td>
                  <td>{mallTime(member.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {page && page.members.length === 0 && <p class="muted">No member matches.</p>}
        <nav class="pager" aria-label="Pages">
          {place.query.get('cursor') && <Link href={screenHref('/members', { q })}>← First page</Link>}
          {page?.nextCursor && <Link href={screenHref('/members', { q, cursor: page.nextCursor })}>Next page →</Link>}
        </nav>
      </section>
    </>
  );
};
