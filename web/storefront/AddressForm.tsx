import { useState } from 'hono/jsx';
import type { NewAddressRequest } from '../../shared/api/addresses';
import type { BookAddress } from '../../shared/checkout';
import { Notice } from '../ui/Notice';
import { formFields } from './browserPage';
import { refusalText, refusedField } from './refusalText';
import { useShop } from './shopContext';

const FIELDS = [
  { name: 'userName', label: 'Name', autocomplete: 'name' },
  { name: 'telNumber', label: 'Phone', autocomplete: 'tel' },
  { name: 'provinceName', label: 'Province', autocomplete: 'address-level1' },
  { name: 'cityName', label: 'City', autocomplete: 'address-level2' },
  { name: 'countyName', label: 'District', autocomplete: 'address-level3' },
  { name: 'detailInfo', label: 'Street and number', autocomplete: 'street-address' },
] as const;

type FieldName = (typeof FIELDS)[number]['name'];

/** A new entry for the address book (the fields `NewAddressRequest` takes); a refusal is shown on its field. */
export const AddressForm = ({ onSaved }: { onSaved: (address: BookAddress) => void }) => {
  const { storefront } = useShop();
  const [refusal, setRefusal] = useState<{ field: string | null; message: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!storefront) return;
    const address = formFields(
      event,
      FIELDS.map(({ name }) => name),
    );
    setSaving(true);
    setRefusal(null);
    try {
      onSaved(await storefront.addresses.add(address as NewAddressRequest));
    } catch (error) {
      setRefusal({ field: refusedField(error), message: refusalText(error) });
    } finally {
      setSaving(false);
    }
  };
  const onField = (name: FieldName) => refusal?.field === name;
  const elsewhere = refusal && !FIELDS.some(({ name }) => onField(name));
  return (
    <form class="address-form" onSubmit={submit} aria-label="New address">
      {FIELDS.map(({ name, label, autocomplete }) => (
        <label class="field" data-field={name} data-invalid={onField(name) ? '' : undefined}>
          <span>{label}</span>
          <input name={name} autocomplete={autocomplete} required />
          {onField(name) && <Notice message={refusal?.message ?? null} />}
        </label>
      ))}
      {elsewhere && <Notice message={refusal.message} />}
      <button class="button" type="submit" disabled={saving || !storefront}>
        Save address
      </button>
    </form>
  );
};
