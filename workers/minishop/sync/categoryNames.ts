import { ERRCODE, MiniShopApiError } from '../api/errors';
import type { SourceCategory } from '../api/schemas/model';
import type { MiniShopSource } from '../api/source';

/**
 * The names of the platform's categories under each parent a run has asked about (`top` for the
 * top level), category id → name. It is kept with the run's job (`syncJob.ts`), so each parent's
 * children are fetched once per run, not once per product, and a resumed run does not ask again.
 */
export type FetchedCategoryNames = Record<string, Record<string, string>>;

const TOP = 'top';

/** What the Mini-Shop names each level of a product's category; a level it does not name is left out. */
export type CategoryNames = (levels: SourceCategory[]) => Promise<Map<string, string>>;

export const categoryNames =
  (source: MiniShopSource, fetched: FetchedCategoryNames): CategoryNames =>
  async (levels) => {
    const names = new Map<string, string>();
    let parentId: string | null = null;
    for (const level of levels) {
      const key = parentId ?? TOP;
      fetched[key] ??= await childrenOf(source, parentId);
      const name = fetched[key][level.categoryId];
      if (name) names.set(level.categoryId, name);
      parentId = level.categoryId;
    }
    return names;
  };

/** A parent the platform no longer knows (9401020) has no children to name; other failures fail the step. */
const childrenOf = async (source: MiniShopSource, parentId: string | null): Promise<Record<string, string>> => {
  try {
    const children = await source.subcategories(parentId);
    return Object.fromEntries(children.map((c) => [c.categoryId, c.name]));
  } catch (error) {
    if (error instanceof MiniShopApiError && error.errcode === ERRCODE.invalidParameter) return {};
    throw error;
  }
};
