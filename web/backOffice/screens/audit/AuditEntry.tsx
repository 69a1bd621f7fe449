import type { AuditEntryView } from '../../../../shared/api/staff';
import { type FieldChange, fieldChanges, readable } from './fieldChanges';

interface RecordedChange {
  entity: string;
  id: string;
  before: unknown;
  after: unknown;
}

const ACTIONS: Record<string, string> = {
  login: 'Signed in',
  login_failed: 'Sign-in refused',
  login_locked: 'Sign-in while locked',
  logout: 'Signed out',
};

const whoOf = (event: AuditEntryView): string =>
  event.actorLogin ?? (event.actorKind === 'api-key' ? 'API key' : 'Not signed in');

const Changes = ({ changes }: { changes: FieldChange[] }) => (
  <dl class="field-changes">
    {changes.map((change) => (
      <div data-change={change.field}>
        <dt>{change.field}</dt>
        <dd>
          <span class="before" data-empty={change.before === '—' ? '' : undefined}>
            {change.before}
          </span>
          <span class="arrow"> → </span>
          <span class="after">{change.after}</span>
        </dd>
      </div>
    ))}
  </dl>
);

/**
 * One audited action: when, who, the route and its answer, the target, and before → after field by
 * field. A write whose route recorded no change shows what was sent.
 */
export const AuditEntry = ({ event }: { event: AuditEntryView }) => {
  const recorded = (event.changes ?? []) as RecordedChange[];
  const refused = event.status >= 400;
  return (
    <li class="audit-entry" data-audit={event.id} data-route={`${event.method} ${event.route}`}>
      <div class="audit-head">
        <time dateTime={new Date(event.at).toISOString()}>{new Date(event.at).toLocaleString()}</time>
        <strong class="audit-who">{whoOf(event)}</strong>
        <span class="audit-what">
          {event.action === 'write' ? `${event.method} ${event.route}` : (ACTIONS[event.action] ?? event.action)}
        </span>
        {event.entity && (
          <span class="audit-target muted">{`${event.entity}${event.targetId ? ` ${event.targetId}` : ''}`}</span>
        )}
        <span class="badge" data-tone={refused ? undefined : 'ok'} data-status={event.status}>
          {refused ? `Refused ${event.status}` : `Done ${event.status}`}
        </span>
      </div>
      {recorded.map((change) => {
        // The target is named in the head; a change to another record names its own.
        const other = change.entity !== event.entity || change.id !== event.targetId;
        const label = `${other ? `${change.entity} ${change.id} ` : ''}${change.before === null ? 'created' : ''}`;
        return (
          <div class="audit-change">
            {label && <span class="muted">{label[0]?.toUpperCase() + label.slice(1)}</span>}
            <Changes changes={fieldChanges(change.before, change.after)} />
          </div>
        );
      })}
      {recorded.length === 0 && event.body !== null && event.body !== undefined && (
        <p class="audit-sent">
          <span class="muted">Sent: </span>
          {readable(event.body)}
        </p>
      )}
    </li>
  );
};
