import { useEffect, useState } from 'hono/jsx';
import type { MiniShopSyncRules, MiniShopView } from '../../../../shared/api/minishop';
import { typedFen, typedYuan } from '../../../../shared/money';
import { Notice } from '../../../ui/Notice';
import { ActionNotice, Field, useAction } from '../../refusals';
import { adminCall } from '../../staffSession';

const RULE_FIELDS = ['productStatus', 'freight', 'group', 'filterMigrated'] as const;

const STATUSES: Array<[MiniShopSyncRules['productStatus'], string]> = [
  ['follow', "Keep the Mini-Shop's status"],
  ['warehouse', 'Put in the warehouse'],
  ['list', 'List for sale'],
];

interface SourceTemplate {
  templateId: string;
  name: string;
}

const rulesOfForm = (form: HTMLFormElement): MiniShopSyncRules => {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '');
  return {
    productStatus: text('productStatus') as MiniShopSyncRules['productStatus'],
    freight:
      text('freightKind') === 'template'
        ? { kind: 'template', templateId: text('templateId') }
        : { kind: 'unified', amount: typedFen(text('amount') || '0') },
    group: data.has('group'),
    filterMigrated: data.has('filterMigrated'),
  };
};

/** The shop's sync rules (seed 002); the hub refuses a change while a migration runs, beside the button. */
export const SyncRulesForm = ({ shop, onSaved }: { shop: MiniShopView; onSaved: (shop: MiniShopView) => void }) => {
  const action = useAction();
  const templates = useAction();
  const [sourceTemplates, setSourceTemplates] = useState<SourceTemplate[]>([]);
  const [freightKind, setFreightKind] = useState(shop.rules.freight.kind);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (freightKind !== 'template' || sourceTemplates.length > 0) return;
    void templates.run(async () =>
      setSourceTemplates(
        (
          await adminCall<{ templates: SourceTemplate[] }>(
            'GET',
            `/api/admin/minishop/shops/${shop.appid}/freight-templates`,
          )
        ).templates,
      ),
    );
  }, [freightKind]);
  const submit = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    const rules = rulesOfForm(event.currentTarget as HTMLFormElement);
    const changed = await action.run(() =>
      adminCall<MiniShopView>('PATCH', `/api/admin/minishop/shops/${shop.appid}/rules`, rules),
    );
    if (changed) {
      setSaved(true);
      onSaved(changed);
    }
  };
  const { freight } = shop.rules;
  return (
    <form class="panel form-grid" id="sync-rules" aria-label="Sync rules" onSubmit={submit}>
      <h2>Sync rules</h2>
      <Field label="Product status" name="productStatus" action={action}>
        <select name="productStatus">
          {STATUSES.map(([value, label]) => (
            <option value={value} selected={shop.rules.productStatus === value}>
              {label}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Freight" name="freight" action={action}>
        <select
          name="freightKind"
          onChange={(event: Event) =>
            setFreightKind((event.target as HTMLSelectElement).value as 'unified' | 'template')
          }
        >
          <option value="unified" selected={freightKind === 'unified'}>
            Unified amount
          </option>
          <option value="template" selected={freightKind === 'template'}>
            A Mini-Shop freight template
          </option>
        </select>
        {freightKind === 'unified' ? (
          <input
            name="amount"
            inputMode="decimal"
            aria-label="Freight amount (¥)"
            value={freight.kind === 'unified' ? typedYuan(freight.amount) : '0.00'}
          />
        ) : (
          <select name="templateId" aria-label="Freight template">
            {sourceTemplates.map((template) => (
              <option
                value={template.templateId}
                selected={freight.kind === 'template' && freight.templateId === template.templateId}
              >
                {template.name}
              </option>
            ))}
          </select>
        )}
        <ActionNotice action={templates} />
      </Field>
      <Field label="Group" name="group" action={action}>
        <span class="check">
          <input type="checkbox" name="group" checked={shop.rules.group} />
          Put migrated products in the “Mini-Shop migration” group
        </span>
      </Field>
      <Field label="Already migrated products" name="filterMigrated" action={action}>
        <span class="check">
          <input type="checkbox" name="filterMigrated" checked={shop.rules.filterMigrated} />
          Leave them as they are (off: overwrite them)
        </span>
      </Field>
      <div class="form-actions">
        <button class="button" type="submit" disabled={action.busy}>
          Save rules
        </button>
        <ActionNotice action={action} fields={RULE_FIELDS} />
        {saved && <Notice tone="info" message="Rules saved: the next run follows them." />}
      </div>
    </form>
  );
};
