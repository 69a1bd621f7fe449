import { release } from '../../heldViews';
import type { CategoryNode } from '../../lib/mallsync';
import { type ProductCard, showListing } from '../../productCards';
import { shop } from '../../storefront';
import { definePage, type Tap } from '../../wechat';

interface Shelf {
  id: string;
  name: string;
  /** Every category under it, nested names joined (`上衣 / T恤`). */
  below: Array<{ id: string; name: string }>;
}

const below = (node: CategoryNode, prefix = ''): Array<{ id: string; name: string }> =>
  node.children.flatMap((child) => {
    const name = prefix ? `${prefix} / ${child.name}` : child.name;
    return [{ id: child.id, name }, ...below(child, name)];
  });

/** The category tree: top categories on the left, the chosen one's subcategories and products on the right. */
definePage({
  data: {
    shelves: [] as Shelf[],
    shelfId: '',
    categoryId: '',
    below: [] as Shelf['below'],
    products: [] as ProductCard[],
    loading: true,
  },
  methods: {
    async onLoad() {
      const tree = await shop().catalog.categories();
      const shelves = tree.map((node) => ({ id: node.id, name: node.name, below: below(node) }));
      this.setData({ shelves });
      const first = shelves[0];
      if (first) await this.openShelf(first);
      else this.setData({ loading: false });
    },
    onUnload() {
      release(this);
    },
    async openShelf(shelf: Shelf) {
      this.setData({ shelfId: shelf.id, below: shelf.below });
      await this.list(shelf.id);
    },
    /** Lists a category's products (with every category under it), kept live. */
    list(categoryId: string) {
      return showListing(this, categoryId);
    },
    chooseShelf(event: Tap<{ id: string }>) {
      const shelf = this.data.shelves.find((s) => s.id === event.currentTarget.dataset.id);
      if (shelf) void this.openShelf(shelf);
    },
    chooseCategory(event: Tap<{ id: string }>) {
      void this.list(event.currentTarget.dataset.id);
    },
  },
});
