import { release } from '../../heldViews';
import { type ProductCard, showListing } from '../../productCards';
import { shop } from '../../storefront';
import { definePage, type Tap } from '../../wechat';

/** The first page: the top categories as a strip, and a grid of products kept live. */
definePage({
  data: {
    categories: [] as Array<{ id: string; name: string }>,
    categoryId: '',
    products: [] as ProductCard[],
    loading: true,
  },
  methods: {
    async onLoad() {
      const categories = await shop().catalog.categories();
      this.setData({ categories: categories.map(({ id, name }) => ({ id, name })) });
      await this.show('');
    },
    onUnload() {
      release(this);
    },
    /** Shows one category's products, or every product (the strip's first chip). */
    show(categoryId: string) {
      return showListing(this, categoryId);
    },
    chooseCategory(event: Tap<{ id: string }>) {
      void this.show(event.currentTarget.dataset.id);
    },
  },
});
