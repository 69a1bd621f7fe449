import { useState } from 'hono/jsx';
import { HubError } from '../../sdk/src/http';
import { Notice } from '../ui/Notice';
import { SessionEnded } from './staffSession';

/** What an operator reads when the hub refuses: the role's limit, a conflict, or the hub's own words. */
export const refusalText = (error: unknown): string => {
  if (error instanceof HubError) {
    if (error.status === 403) return `Your role may not do this (${error.message}).`;
    if (error.status === 0) return 'The hub could not be reached: nothing was changed. Try again.';
    return error.message;
  }
  return error instanceof Error && error.message ? error.message : 'Something went wrong. Try again.';
};

/** A refusal kept for showing: on the field it names, or beside the control the operator used. */
export interface Refusal {
  status: number;
  field: string | null;
  message: string;
}

const refusalOf = (error: unknown): Refusal => ({
  status: error instanceof HubError ? error.status : 0,
  field: error instanceof HubError ? (error.field ?? null) : null,
  message: refusalText(error),
});

/** Called when any call finds the session gone; the back office then asks for a sign-in. */
let sessionEnded: (why: string) => void = () => {};
export const onSessionEnded = (listener: (why: string) => void): void => {
  sessionEnded = listener;
};

/**
 * One operator action (a save, a ship, an inline edit): whether it runs, and what the hub refused
 * last time, so the form shows it in place. A refusal leaves what the operator typed as it was.
 */
export const useAction = () => {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const run = async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setRefusal(null);
    try {
      return await action();
    } catch (error) {
      if (error instanceof SessionEnded) sessionEnded('Your session has ended: sign in again.');
      else setRefusal(refusalOf(error));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  /** The refusal when it names `field` (or a field under it, `items.0.skuId` for `items`). */
  const on = (field: string): Refusal | null =>
    refusal?.field != null && (refusal.field === field || refusal.field.startsWith(`${field}.`)) ? refusal : null;
  return { run, busy, refusal, on, clear: () => setRefusal(null) };
};

export type Action = ReturnType<typeof useAction>;

/**
 * The refusal of `action` that names none of `fields`: shown beside the button. A refusal that
 * names one of them is shown under that field by `Field`.
 */
export const ActionNotice = ({ action, fields = [] }: { action: Action; fields?: readonly string[] }) => {
  const { refusal } = action;
  if (!refusal || fields.some((field) => action.on(field))) return null;
  return (
    <span class="action-notice" data-status={refusal.status}>
      <Notice message={refusal.message} />
    </span>
  );
};

/** A labelled form field; the hub's refusal naming it is shown right under it. */
export const Field = ({
  label,
  name,
  action,
  hint,
  children,
}: {
  label: string;
  name: string;
  action: Action;
  hint?: string;
  children: unknown;
}) => {
  const refused = action.on(name);
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child the screen passes in.
    <label class="field" data-field={name} data-invalid={refused ? '' : undefined}>
      <span>{label}</span>
      {children}
      {hint && !refused && <small class="muted">{hint}</small>}
      {refused && <Notice message={refused.message} />}
    </label>
  );
};
