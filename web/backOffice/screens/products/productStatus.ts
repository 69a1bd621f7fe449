import type { ProductStatus } from '../../../../shared/api/productModel';

/** What operators call each product status. */
export const STATUS_NAMES: Record<ProductStatus, string> = {
  listed: 'On sale',
  warehouse: 'In warehouse',
  draft: 'Draft',
};
