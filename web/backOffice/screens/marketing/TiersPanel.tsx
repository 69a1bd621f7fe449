import { useEffect, useState } from 'hono/jsx';
import type { TierView } from '../../../../shared/api/members';
import { ActionNotice, Field, useAction } from '../../refusals';
import { adminCall } from '../../staffSession';

const TIER_FIELDS = ['id', 'title', 'minPoints', 'pointsPercent'] as const;

/** A tier defined (or redefined, by its id): members move into it at their next points move. */
const NewTier = ({ onSaved }: { onSaved: (tier: TierView) => void }) => {
  const action = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const tier = {
      id: text('id'),
      title: text('title'),
      minPoints: Number(text('minPoints')),
      pointsPercent: Number(text('pointsPercent') || '100'),
    };
    const saved = await action.run(() => adminCall<TierView>('POST', '/api/admin/tiers', tier));
    if (saved) {
      form.reset();
      onSaved(saved);
    }
  };
  return (
    <form class="form-grid" id="new-tier" aria-label="New member tier" onSubmit={submit}>
      <Field label="Tier id" name="id" action={action} hint="Lowercase letters, digits, _ and -.">
        <input name="id" autocomplete="off" required />
      </Field>
      <Field label="Name" name="title" action={action}>
        <input name="title" required />
      </Field>
      <Field label="From points" name="minPoints" action={action}>
        <input name="minPoints" inputMode="numeric" required />
      </Field>
      <Field label="Points earned (%)" name="pointsPercent" action={action} hint="100 to 1000.">
        <input name="pointsPercent" inputMode="numeric" value="100" />
      </Field>
      <div class="form-actions">
        <button class="button" type="submit" disabled={action.busy}>
          Save tier
        </button>
        <ActionNotice action={action} fields={TIER_FIELDS} />
      </div>
    </form>
  );
};

/** The member tiers, lowest threshold first, and the form that defines one. */
export const TiersPanel = () => {
  const [tiers, setTiers] = useState<TierView[] | null>(null);
  const load = useAction();
  useEffect(() => {
    void load.run(async () => setTiers((await adminCall<{ tiers: TierView[] }>('GET', '/api/admin/tiers')).tiers));
  }, []);
  const saved = (tier: TierView) =>
    setTiers((all) =>
      [...(all ?? []).filter((known) => known.id !== tier.id), tier].sort((a, b) => a.minPoints - b.minPoints),
    );
  return (
    <section class="panel" id="tiers" aria-label="Member tiers">
      <h2>Member tiers</h2>
      <ActionNotice action={load} />
      <table class="grid" id="tier-list">
        <thead>
          <tr>
            <th>Tier</th>
            <th>Id</th>
            <th class="number">From points</th>
            <th class="number">Points earned</th>
          </tr>
        </thead>
        <tbody>
          {(tiers ?? []).map((tier) => (
            <tr data-tier={tier.id}>
              <td>{tier.title}</td>
              <td>{tier.id}</td>
              <td class="number">{tier.minPoints}</td>
              <td class="number">{`${tier.pointsPercent}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>New tier</h3>
      <NewTier onSaved={saved} />
    </section>
  );
};
