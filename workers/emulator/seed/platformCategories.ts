/**
 * The platform's category tree, the same in every shop as WeChat's is: products name their
 * category only by `cats[{cat_id, level}]`, and `/product/category/get` gives each parent's
 * children with their names (`f_cat_id` 0: the top level). Ids as the platform numbers them.
 */
export interface PlatformCategory {
  cat_id: string;
  f_cat_id: string;
  name: string;
}

export const PLATFORM_CATEGORIES: PlatformCategory[] = [
  { cat_id: '1000', f_cat_id: '0', name: '办公文具' },
  { cat_id: '2000', f_cat_id: '0', name: '数码配件' },
  { cat_id: '1100', f_cat_id: '1000', name: '书写工具' },
  { cat_id: '1101', f_cat_id: '1000', name: '纸品本册' },
  { cat_id: '1102', f_cat_id: '1000', name: '桌面收纳' },
  { cat_id: '2100', f_cat_id: '2000', name: '手机配件' },
  { cat_id: '1200', f_cat_id: '1100', name: '中性笔' },
  { cat_id: '1201', f_cat_id: '1100', name: '钢笔' },
  { cat_id: '1202', f_cat_id: '1101', name: '笔记本' },
  { cat_id: '1203', f_cat_id: '1101', name: '便签' },
  { cat_id: '1204', f_cat_id: '1101', name: '活页纸' },
];

/** The children of `parentId`, or null when the platform has no such category. */
export const childrenOf = (parentId: string): PlatformCategory[] | null =>
  parentId === '0' || PLATFORM_CATEGORIES.some((c) => c.cat_id === parentId)
    ? PLATFORM_CATEGORIES.filter((c) => c.f_cat_id === parentId)
    : null;

/** The levels of a bottom-level category, top first, as a product's `cats` names them. */
export const levelsOf = (leafId: string): Array<{ cat_id: string; level: number }> => {
  const chain: string[] = [];
  for (let id = leafId; id !== '0'; id = PLATFORM_CATEGORIES.find((c) => c.cat_id === id)?.f_cat_id ?? '0') {
    chain.unshift(id);
  }
  return chain.map((cat_id, i) => ({ cat_id, level: i + 1 }));
};
