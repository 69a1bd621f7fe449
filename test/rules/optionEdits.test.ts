import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SpecOption } from '../../shared/api/productModel';
import { planOptionEdit, type SkuOptions } from '../../workers/catalog/rules/optionEdits';

/** What the operator does to one current value: keeps it, renames it, or removes it. */
type ValueChange = 'keep' | 'rename' | 'remove';

interface Case {
  current: SpecOption[];
  skus: SkuOptions[];
  /** Per current option: removed, or kept (maybe renamed) with a change per value and values added. */
  changes: Array<{ removed: boolean; renamed: boolean; values: ValueChange[]; added: number }>;
}

/** A product of 1–3 options of 1–4 values, some distinct combinations as SKUs, and an edit of them. */
const cases: fc.Arbitrary<Case> = fc
  .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 })
  .chain((sizes) => {
    const current = sizes.map((size, i) => ({
      name: `o${i}`,
      values: Array.from({ length: size }, (_, j) => `o${i}v${j}`),
    }));
    const combinations = current.reduce<string[][]>(
      (acc, option) => acc.flatMap((c) => option.values.map((v) => [...c, v])),
      [[]],
    );
    return fc.record({
      current: fc.constant(current),
      skus: fc
        .subarray(combinations, { minLength: 1 })
        .map((chosen) => chosen.map((options, i) => ({ skuId: `sku_${i}`, name: options.join(' / '), options }))),
      changes: fc.tuple(
        ...sizes.map((size) =>
          fc.record({
            removed: fc.boolean(),
            renamed: fc.boolean(),
            values: fc.array(fc.constantFrom<ValueChange>('keep', 'rename', 'remove'), {
              minLength: size,
              maxLength: size,
            }),
            added: fc.integer({ min: 0, max: 2 }),
          }),
        ),
      ),
    });
  });

const editOf = ({ current, changes }: Case) => ({
  options: current.flatMap((option, i) => {
    const change = changes[i];
    if (!change || change.removed) return [];
    const values = option.values.flatMap((value, j) => {
      if (change.values[j] === 'remove') return [];
      return [change.values[j] === 'rename' ? { name: `${value}'`, was: value } : value];
    });
    const added = Array.from({ length: change.added }, (_, k) => `${option.name}new${k}`);
    const name = change.renamed ? `${option.name}'` : option.name;
    return [{ name, ...(change.renamed ? { was: option.name } : {}), values: [...values, ...added] }];
  }),
});

/** Each SKU's values as the edit should leave them: renamed, removed options gone; null where a removed value is named. */
const expectedValues = ({ current, changes, skus }: Case) =>
  skus.map((sku) =>
    current.flatMap((option, i) => {
      const change = changes[i];
      if (!change || change.removed) return [];
      const value = sku.options[i] ?? '';
      const j = option.values.indexOf(value);
      if (change.values[j] === 'remove') return [null];
      return [change.values[j] === 'rename' ? `${value}'` : value];
    }),
  );

/** What the edit should come to: the refusal, or each SKU's values and name afterwards. */
const expectedOutcome = (c: Case) => {
  const expected = expectedValues(c);
  if (expected.some((values) => values.includes(null))) return { status: 409, code: 'option_value_in_use' };
  const combinations = new Set(expected.map((values) => JSON.stringify(values)));
  if (combinations.size < expected.length) return { status: 409, code: 'skus_not_distinct' };
  return { skus: expected.map((values) => ({ options: values, name: values.join(' / ') })) };
};

/** The planner's answer in the same terms: the refusal, or every SKU (changed or not) afterwards. */
const outcomeOf = (c: Case, plan: ReturnType<typeof planOptionEdit>) => {
  if ('status' in plan) return { status: plan.status, code: plan.code };
  return {
    skus: c.skus.map((sku) => {
      const { options, name } = plan.skus.find((s) => s.skuId === sku.skuId) ?? sku;
      return { options, name };
    }),
  };
};

describe('editing spec options', () => {
  it('carries every rename to the SKUs, and refuses exactly the removals a SKU still needs', () => {
    fc.assert(
      fc.property(cases, (c) => {
        expect(outcomeOf(c, planOptionEdit(c.current, c.skus, editOf(c)))).toEqual(expectedOutcome(c));
      }),
      { numRuns: 1000 },
    );
  });
});
