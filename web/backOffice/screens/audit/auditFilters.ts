/** The audit log's search as the address keeps it: `/admin/audit?q=…&actor=…&entity=…&from=2026-12-01&to=…`. */
export interface AuditFilters {
  q: string;
  actor: string;
  entity: string;
  /** Days, `YYYY-MM-DD`, in the browser's time zone; both included. */
  from: string;
  to: string;
}

export const FILTER_NAMES = ['q', 'actor', 'entity', 'from', 'to'] as const;

export const filtersOf = (query: URLSearchParams): AuditFilters => ({
  q: query.get('q') ?? '',
  actor: query.get('actor') ?? '',
  entity: query.get('entity') ?? '',
  from: query.get('from') ?? '',
  to: query.get('to') ?? '',
});

const dayStart = (day: string): number => new Date(`${day}T00:00:00`).getTime();

/** `GET /api/admin/audit`'s query for the filters: the days become the ms from the first day's start to the last day's end. */
export const auditQueryOf = (filters: AuditFilters, cursor: string | null): string => {
  const query = new URLSearchParams({ limit: '25' });
  if (filters.q) query.set('q', filters.q);
  if (filters.actor) query.set('actor', filters.actor);
  if (filters.entity) query.set('entity', filters.entity);
  if (filters.from) query.set('from', String(dayStart(filters.from)));
  if (filters.to) query.set('to', String(dayStart(filters.to) + 86_400_000 - 1));
  if (cursor) query.set('cursor', cursor);
  return query.toString();
};
