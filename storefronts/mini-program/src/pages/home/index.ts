import { explainFailure } from '../../failures';
import { hold, release } from '../../heldViews';
import type { ListingPage } from '../../lib/mallsync';
import { type ProductCard, productCards } from '../../productCards';
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
    async show(categoryId: string) {
      this.setData({ categoryId, loading: true });
      try {
        const listing = await shop().catalog.list(categoryId ? { categoryId, limit: 20 } : { limit: 20 });
        const render = (page: ListingPage) => this.setData({ products: productCards(page.products), loading: false });
        render(listing.get());
        hold(this, 'listing', listing.subscribe(render), () => listing.close());
      } catch (error) {
        explainFailure(error);
        this.setData({ loading: false });
      }
    },
    chooseCategory(event: Tap<{ id: string }>) {
      void this.show(event.currentTarget.dataset.id);
    },
  },
});
