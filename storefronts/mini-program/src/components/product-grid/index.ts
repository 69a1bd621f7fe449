import type { ProductCard } from '../../productCards';
import { defineComponent, type Tap, wechat } from '../../wechat';

/** A two-column grid of product cards; a tap opens the product's page. */
defineComponent<{ products: ProductCard[] }, { openProduct(event: Tap<{ id: string }>): void }>({
  properties: { products: { type: Array, value: [] } },
  methods: {
    openProduct(event) {
      wechat().navigateTo({ url: `/pages/product/index?id=${event.currentTarget.dataset.id}` });
    },
  },
});
