import { hold, release } from '../../heldViews';
import { yuan } from '../../money';
import { type PricedLine, pricedCart, selectedTotal } from '../../pricedCart';
import { shop } from '../../storefront';
import { definePage, type Tap, wechat } from '../../wechat';

type LineTap = Tap<{ sku: string }>;

const qtyOf = (lines: PricedLine[], skuId: string) => lines.find((l) => l.skuId === skuId)?.qty ?? 0;

/** The cart: every line with its price, a quantity stepper, select and remove; the selected lines' total. */
definePage({
  data: { lines: [] as PricedLine[], total: yuan(0), count: 0 },
  methods: {
    onLoad() {
      hold(
        this,
        'cart',
        pricedCart((lines) => {
          const chosen = lines.filter((l) => l.selected && l.buyable);
          this.setData({ lines, total: yuan(selectedTotal(lines)), count: chosen.length });
        }),
      );
    },
    onUnload() {
      release(this);
    },
    more(event: LineTap) {
      const { sku } = event.currentTarget.dataset;
      shop().cart.setQty(sku, qtyOf(this.data.lines, sku) + 1);
    },
    less(event: LineTap) {
      const { sku } = event.currentTarget.dataset;
      const qty = qtyOf(this.data.lines, sku);
      if (qty > 1) shop().cart.setQty(sku, qty - 1);
    },
    toggle(event: LineTap) {
      const { sku } = event.currentTarget.dataset;
      const line = this.data.lines.find((l) => l.skuId === sku);
      if (line) shop().cart.select(sku, !line.selected);
    },
    remove(event: LineTap) {
      shop().cart.remove(event.currentTarget.dataset.sku);
    },
    checkout() {
      if (this.data.count === 0) {
        wechat().showToast({ title: '请选择要结算的商品', icon: 'none' });
        return;
      }
      wechat().navigateTo({ url: '/pages/checkout/index' });
    },
  },
});
