import { explainFailure } from '../../failures';
import { hold, release } from '../../heldViews';
import type { Closable, LiveProductPage } from '../../lib/mallsync';
import { mall, shop } from '../../storefront';
import { definePage, type Tap, wechat } from '../../wechat';
import { favoriteSku, firstChoice, type ProductView, productView } from './productView';

/** The open product's live view, per page instance (it is not data to render). */
const open = new WeakMap<object, Closable<LiveProductPage>>();

const EMPTY: ProductView = {
  pictures: [],
  title: '',
  subtitle: '',
  price: '',
  flash: '',
  stock: '',
  options: [],
  skuId: '',
  listed: true,
};

/** A product: pictures, price and stock live, the option picker, add to cart, favorite, share. */
definePage({
  data: {
    productId: '',
    chosen: [] as string[],
    view: EMPTY,
    favorite: false,
    loading: true,
    missing: false,
  },
  methods: {
    async onLoad(query: { id: string }) {
      const product = await shop()
        .product(query.id)
        .catch((error: unknown) => {
          explainFailure(error);
          this.setData({ loading: false, missing: true });
          return null;
        });
      if (!product) return;
      open.set(this, product);
      for (const sku of product.get().skus) mall().skuProducts.set(sku.skuId, query.id);
      this.setData({ productId: query.id, chosen: firstChoice(product.get()) });
      this.render();
      hold(
        this,
        'product',
        product.subscribe(() => this.render()),
        shop().favorites.subscribe(() => this.render()),
        () => product.close(),
      );
    },
    onUnload() {
      release(this);
    },
    render() {
      const product = open.get(this);
      if (!product) return;
      const page = product.get();
      const saved = favoriteSku(page, this.data.chosen);
      this.setData({
        view: productView(page, this.data.chosen),
        favorite: shop()
          .favorites.get()
          .some((f) => f.skuId === saved?.skuId),
        loading: false,
      });
    },
    choose(event: Tap<{ index: string; value: string }>) {
      const { index, value } = event.currentTarget.dataset;
      const chosen = [...this.data.chosen];
      chosen[Number(index)] = value;
      this.setData({ chosen });
      this.render();
    },
    addToCart() {
      const { skuId } = this.data.view;
      if (!skuId) {
        wechat().showToast({ title: '请选择有货的规格', icon: 'none' });
        return;
      }
      shop().cart.add(skuId, 1);
      wechat().showToast({ title: '已加入购物车', icon: 'success' });
    },
    toggleFavorite() {
      const product = open.get(this);
      if (!product) return;
      const sku = favoriteSku(product.get(), this.data.chosen);
      if (sku) shop().favorites.toggle(sku.skuId);
    },
    goToCart() {
      wechat().switchTab({ url: '/pages/cart/index' });
    },
    /** What a group chat sees of the shared product: its title and price, its picture, this page. */
    onShareAppMessage() {
      const { view, productId } = this.data;
      return {
        title: `${view.title} ${view.price}`,
        path: `/pages/product/index?id=${productId}`,
        imageUrl: view.pictures[0] ?? '',
      };
    },
  },
});
