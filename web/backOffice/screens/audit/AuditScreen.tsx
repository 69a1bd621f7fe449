import './audit.css';
import { useEffect, useState } from 'hono/jsx';
import type { AuditEntryView } from '../../../../shared/api/staff';
import { ActionNotice, Field, useAction } from '../../refusals';
import { navigate, screenHref } from '../../router';
import type { ScreenProps } from '../../screens';
import { adminCall } from '../../staffSession';
import { AuditEntry } from './AuditEntry';
import { type AuditFilters, auditQueryOf, FILTER_NAMES, filtersOf } from './auditFilters';

/** The collections admin writes are filed under (`workers/staff/auditTrail.ts`). */
const ENTITIES = ['coupons', 'tiers', 'products', 'skus', 'flash-sales', 'members', 'orders', 'minishop', 'staff'];

interface AuditPage {
  events: AuditEntryView[];
  nextCursor: string | null;
}

/** The search: each filter is kept in the address, so a search can be reloaded, shared and gone back to. */
const AuditSearch = ({ filters, action }: { filters: AuditFilters; action: ReturnType<typeof useAction> }) => {
  const submit = (event: Event) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const chosen = Object.fromEntries(FILTER_NAMES.map((name) => [name, String(data.get(name) ?? '').trim()]));
    navigate(screenHref('/audit', chosen));
  };
  return (
    <form class="panel toolbar" id="audit-search" aria-label="Search the audit log" onSubmit={submit}>
      <Field label="Search" name="q" action={action}>
        <input name="q" type="search" value={filters.q} placeholder="Route, target, login, values…" />
      </Field>
      <Field label="Who (login)" name="actor" action={action}>
        <input name="actor" value={filters.actor} />
      </Field>
      <Field label="What" name="entity" action={action}>
        <select name="entity">
          <option value="" selected={filters.entity === ''}>
            Anything
          </option>
          {ENTITIES.map((entity) => (
            <option value={entity} selected={filters.entity === entity}>
              {entity}
            </option>
          ))}
        </select>
      </Field>
      <Field label="From" name="from" action={action}>
        <input name="from" type="date" value={filters.from} />
      </Field>
      <Field label="To" name="to" action={action}>
        <input name="to" type="date" value={filters.to} />
      </Field>
      <div class="form-actions">
        <button class="button" type="submit">
          Search
        </button>
        <ActionNotice action={action} fields={FILTER_NAMES} />
      </div>
    </form>
  );
};

/** The audit log: every staff write and session, newest first, searched and paged. */
export const AuditScreen = ({ place }: ScreenProps) => {
  const filters = filtersOf(place.query);
  const search = place.query.toString();
  const [events, setEvents] = useState<AuditEntryView[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const load = useAction();
  const page = (after: string | null) =>
    load.run(async () => {
      const found = await adminCall<AuditPage>('GET', `/api/admin/audit?${auditQueryOf(filters, after)}`);
      setEvents((shown) => [...(after ? (shown ?? []) : []), ...found.events]);
      setCursor(found.nextCursor);
    });
  useEffect(() => {
    setEvents(null);
    void page(null);
  }, [search]);
  return (
    <>
      <header class="screen-head">
        <h1>Audit log</h1>
        <p class="muted">Who changed what, when, and what it was before.</p>
      </header>
      <AuditSearch filters={filters} action={load} />
      <section class="panel">
        <h2>Entries</h2>
        <ol class="audit-list" id="audit-list" aria-busy={load.busy ? 'true' : 'false'}>
          {(events ?? []).map((event) => (
            <AuditEntry event={event} />
          ))}
        </ol>
        {events?.length === 0 && <p class="muted">Nothing matches this search.</p>}
        {cursor && (
          <button class="button" data-kind="quiet" type="button" disabled={load.busy} onClick={() => page(cursor)}>
            Older entries
          </button>
        )}
      </section>
    </>
  );
};
