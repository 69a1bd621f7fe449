import type { SpecOption } from '../../../shared/api/productModel';
import type { ProductOptionsEdit } from '../../../shared/api/products';
import { followingName } from './skuTitle';

/** A SKU as an option edit sees it: its own name and its value of each current option. */
export interface SkuOptions {
  skuId: string;
  name: string;
  options: string[];
}

/** What an option edit does: the product's new options, and each SKU whose values or name change. */
export interface OptionPlan {
  options: SpecOption[];
  skus: SkuOptions[];
}

/** Why an option edit is refused, as the API answers it. */
export interface OptionProblem {
  status: 400 | 404 | 409;
  code: string;
  message: string;
  field: string;
}

const invalid = (field: string, message: string): OptionProblem => ({
  status: 400,
  code: 'invalid_input',
  message: `${field}: ${message}`,
  field,
});

/** Each new option's current index (null: a new option), and each kept value's new name by its old one. */
interface Matching {
  from: Array<number | null>;
  renames: Array<Map<string, string>>;
}

const matchOptions = (current: SpecOption[], edit: ProductOptionsEdit): Matching | OptionProblem => {
  const claimed = new Set<number>();
  const from: Array<number | null> = [];
  const renames: Array<Map<string, string>> = [];
  for (const [i, option] of edit.options.entries()) {
    const index = current.findIndex((c) => c.name === (option.was ?? option.name));
    if (option.was !== undefined && index < 0) return invalid(`options.${i}.was`, 'not an option of this product');
    if (claimed.has(index)) return invalid(`options.${i}`, 'names an option another entry already edits');
    if (index >= 0) claimed.add(index);
    const values = current[index]?.values ?? [];
    const renamed = new Map<string, string>();
    for (const [j, value] of option.values.entries()) {
      const old = typeof value === 'string' ? value : value.was;
      if (typeof value !== 'string' && !values.includes(old)) {
        return invalid(`options.${i}.values.${j}.was`, `not a value of ${current[index]?.name ?? option.name}`);
      }
      if (!values.includes(old)) continue;
      if (renamed.has(old)) return invalid(`options.${i}.values.${j}`, `${old} is kept or renamed twice`);
      renamed.set(old, typeof value === 'string' ? value : value.name);
    }
    from.push(index >= 0 ? index : null);
    renames.push(renamed);
  }
  return { from, renames };
};

/**
 * One SKU's values of the new options: its renamed ones, overridden by those `given` names. A
 * value left open is a 400 when the SKU never had one (a new option), a 409 when it was removed.
 */
const valuesOf = (
  sku: SkuOptions,
  current: SpecOption[],
  options: SpecOption[],
  matching: Matching,
  given: Record<string, string>,
): string[] | OptionProblem => {
  const values: Array<string | undefined> = matching.from.map((index, k) =>
    index === null ? undefined : matching.renames[k]?.get(sku.options[index] ?? ''),
  );
  for (const [optionName, value] of Object.entries(given)) {
    const k = options.findIndex((o) => o.name === optionName);
    const field = `skus.${sku.skuId}.${optionName}`;
    if (k < 0) return invalid(field, 'not an option of this product');
    if (!options[k]?.values.includes(value)) return invalid(field, `not a value of ${optionName}`);
    values[k] = value;
  }
  const open = values.indexOf(undefined);
  if (open < 0) return values.filter((v) => v !== undefined);
  const index = matching.from[open] ?? null;
  const old = index === null ? undefined : sku.options[index];
  const option = options[open]?.name ?? '';
  if (old === undefined) return invalid(`skus.${sku.skuId}.${option}`, `give this SKU a value of ${option}`);
  return {
    status: 409,
    code: 'option_value_in_use',
    message: `${old} of ${current[index ?? -1]?.name} is SKU ${sku.skuId}'s: give it another value first`,
    field: `options.${open}.values`,
  };
};

/** Two SKUs that would name the same values, as the refusal says it. */
const twins = (skus: Array<{ skuId: string; values: string[] }>): OptionProblem | null => {
  const seen = new Map<string, string>();
  for (const { skuId, values } of skus) {
    const combination = JSON.stringify(values);
    const twin = seen.get(combination);
    if (twin) {
      const message = `SKUs ${twin} and ${skuId} would have the same values`;
      return { status: 409, code: 'skus_not_distinct', message, field: 'options' };
    }
    seen.set(combination, skuId);
  }
  return null;
};

/**
 * Works out an operator's edit of a product's spec options: options and values matched to the
 * current ones by `was` (else by name) are kept or renamed, the others added; current ones left
 * out are removed. Every SKU then names one value of each new option: its renamed value, or the
 * one `edit.skus` gives it. Refused: a SKU left without a value of an option (400, unless the
 * value it had was removed: 409 `option_value_in_use`), and two SKUs with one combination (409
 * `skus_not_distinct`, e.g. after removing the option that told them apart; a product that had
 * and keeps no options may have several SKUs). A SKU whose name was its option values takes its
 * new values as its name.
 */
export const planOptionEdit = (
  current: SpecOption[],
  skus: SkuOptions[],
  edit: ProductOptionsEdit,
): OptionPlan | OptionProblem => {
  const matching = matchOptions(current, edit);
  if ('status' in matching) return matching;
  const options = edit.options.map((o) => ({
    name: o.name,
    values: o.values.map((v) => (typeof v === 'string' ? v : v.name)),
  }));
  const given = edit.skus ?? {};
  const unknown = Object.keys(given).find((id) => !skus.some((s) => s.skuId === id));
  if (unknown) return { status: 404, code: 'not_found', message: `SKU ${unknown} not found`, field: `skus.${unknown}` };
  const next: Array<SkuOptions & { values: string[] }> = [];
  for (const sku of skus) {
    const values = valuesOf(sku, current, options, matching, given[sku.skuId] ?? {});
    if ('status' in values) return values;
    next.push({ ...sku, values });
  }
  const twin = current.length > 0 || options.length > 0 ? twins(next) : null;
  if (twin) return twin;
  const changed = next.flatMap(({ values, ...sku }) => {
    const name = followingName(sku, values);
    const same = JSON.stringify(values) === JSON.stringify(sku.options) && name === sku.name;
    return same ? [] : [{ skuId: sku.skuId, name, options: values }];
  });
  return { options, skus: changed };
};
