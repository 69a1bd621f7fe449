import type { OperatorProduct } from './catalogRecords';
import { liveSku, useLiveCatalog } from './liveCatalog';
import { SkuPriceStock } from './SkuPriceStock';

/** An existing product's SKUs, their price and stock live and edited in place. */
export const ProductSkus = ({ product }: { product: OperatorProduct }) => {
  const live = useLiveCatalog();
  return (
    <section class="panel" aria-label="SKUs">
      <h2>SKUs</h2>
      <table class="grid" id="product-skus">
        <thead>
          <tr>
            <th>SKU</th>
            <th>Price (¥) · Stock</th>
          </tr>
        </thead>
        <tbody>
          {product.skus.map((read) => {
            const sku = liveSku(read, live.skus, read.skuId);
            return (
              <tr key={sku.skuId} data-sku={sku.skuId}>
                <td>{sku.name || sku.title}</td>
                <td>
                  <SkuPriceStock key={sku.skuId} sku={sku} label={sku.title} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
};
