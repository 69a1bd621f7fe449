import { useEffect, useState } from 'hono/jsx';
import type { StaffView } from '../../../shared/api/staff';
import { STAFF_ROLES, type StaffRole } from '../../../shared/staffRoles';
import { ActionNotice, Field, useAction } from '../refusals';
import { ROLE_NAMES } from '../roleNames';
import { adminCall } from '../staffSession';

const NEW_ACCOUNT_FIELDS = ['login', 'name', 'role', 'password'] as const;

/** A new staff account: a refusal (a taken login, a short password) is shown on its field. */
const NewAccount = ({ onCreated }: { onCreated: (account: StaffView) => void }) => {
  const action = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const values = Object.fromEntries(new FormData(form).entries());
    const created = await action.run(() => adminCall<StaffView>('POST', '/api/admin/staff', values));
    if (created) {
      form.reset();
      onCreated(created);
    }
  };
  return (
    <form class="panel form-grid" id="new-staff" aria-label="New staff account" onSubmit={submit}>
      <h2>New account</h2>
      <Field label="Login (email)" name="login" action={action}>
        <input name="login" type="email" autocomplete="off" required />
      </Field>
      <Field label="Name" name="name" action={action}>
        <input name="name" required />
      </Field>
      <Field label="Role" name="role" action={action}>
        <select name="role">
          {STAFF_ROLES.map((role) => (
            <option value={role} selected={role === 'operator'}>
              {ROLE_NAMES[role]}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label="First password"
        name="password"
        action={action}
        hint="At least 10 characters; tell it to them in person."
      >
        <input name="password" type="password" autocomplete="new-password" required />
      </Field>
      <div class="form-actions">
        <button class="button" type="submit" disabled={action.busy}>
          Create account
        </button>
        <ActionNotice action={action} fields={NEW_ACCOUNT_FIELDS} />
      </div>
    </form>
  );
};

/** One account: its role changed, or disabled and enabled, in place. */
const AccountRow = ({
  account,
  me,
  onChanged,
}: {
  account: StaffView;
  me: boolean;
  onChanged: (a: StaffView) => void;
}) => {
  const action = useAction();
  const edit = async (patch: { role?: StaffRole; disabled?: boolean }) => {
    const changed = await action.run(() => adminCall<StaffView>('PATCH', `/api/admin/staff/${account.id}`, patch));
    if (changed) onChanged(changed);
  };
  return (
    <tr data-staff={account.login}>
      <td>
        {account.name}
        {me && <small class="muted"> (you)</small>}
      </td>
      <td>{account.login}</td>
      <td>
        <select
          aria-label={`Role of ${account.login}`}
          disabled={me || action.busy}
          onChange={(event: Event) => edit({ role: (event.target as HTMLSelectElement).value as StaffRole })}
        >
          {STAFF_ROLES.map((role) => (
            <option value={role} selected={role === account.role}>
              {ROLE_NAMES[role]}
            </option>
          ))}
        </select>
      </td>
      <td>
        <span class="badge" data-tone={account.disabled ? 'muted' : 'ok'}>
          {account.disabled ? 'Disabled' : 'Active'}
        </span>
      </td>
      <td>
        <div class="row-actions">
          {!me && (
            <button
              class="button"
              data-kind="quiet"
              type="button"
              disabled={action.busy}
              onClick={() => edit({ disabled: !account.disabled })}
            >
              {account.disabled ? 'Enable' : 'Disable'}
            </button>
          )}
          <ActionNotice action={action} />
        </div>
      </td>
    </tr>
  );
};

/** Staff accounts and their roles: the owner's screen. */
export const StaffScreen = ({ staff }: { staff: { id: string } }) => {
  const [accounts, setAccounts] = useState<StaffView[] | null>(null);
  const load = useAction();
  useEffect(() => {
    void load.run(async () => setAccounts((await adminCall<{ staff: StaffView[] }>('GET', '/api/admin/staff')).staff));
  }, []);
  const replace = (changed: StaffView) =>
    setAccounts((all) => (all ?? []).map((account) => (account.id === changed.id ? changed : account)));
  return (
    <>
      <header class="screen-head">
        <h1>Staff</h1>
        <p class="muted">Who works in the back office, and what each role may do.</p>
      </header>
      <NewAccount onCreated={(created) => setAccounts((all) => [...(all ?? []), created])} />
      <section class="panel">
        <h2>Accounts</h2>
        <ActionNotice action={load} />
        <table class="grid" id="staff-list">
          <thead>
            <tr>
              <th>Name</th>
              <th>Login</th>
              <th>Role</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(accounts ?? []).map((account) => (
              <AccountRow account={account} me={account.id === staff.id} onChanged={replace} />
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
};
