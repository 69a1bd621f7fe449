/** An option as the operator types it: a name and its values separated by commas (`白, 黑`). */
export interface TypedOption {
  name: string;
  values: string;
}

/** The values typed for an option, each once, in the order typed (Chinese commas count too). */
export const valuesOf = (typed: string): string[] => [
  ...new Set(
    typed
      .split(/[,，、]/)
      .map((v) => v.trim())
      .filter(Boolean),
  ),
];

/** The options as the hub takes them: those with a name. */
export const optionsOf = (typed: TypedOption[]) =>
  typed.filter((o) => o.name.trim()).map((o) => ({ name: o.name.trim(), values: valuesOf(o.values) }));

/** Every combination of one value of each option (颜色 × 尺码): one SKU each; no options, one SKU. */
export const combinationsOf = (options: Array<{ values: string[] }>): string[][] =>
  options.reduce<string[][]>((combos, option) => combos.flatMap((c) => option.values.map((v) => [...c, v])), [[]]);
