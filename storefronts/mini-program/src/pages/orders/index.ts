import type { AccountOrder } from '../../../../../sdk/src/accountDocument';
import { explainFailure } from '../../failures';
import { hold, release } from '../../heldViews';
import { yuan } from '../../money';
import { payOrder } from '../../payment';
import { shop } from '../../storefront';
import { definePage, type Tap } from '../../wechat';

const STATUS_TEXT: Record<string, string> = {
  unpaid: '待支付',
  paid: '已支付',
  shipped: '已发货',
  completed: '已完成',
  cancelled: '已取消',
  expired: '已过期',
};

interface OrderCard {
  orderId: string;
  status: string;
  statusText: string;
  payable: string;
  shipTo: string;
  parcels: Array<{ carrier: string; waybill: string }>;
  unpaid: boolean;
}

const card = (order: AccountOrder): OrderCard => ({
  orderId: order.orderId,
  status: order.status,
  statusText: STATUS_TEXT[order.status] ?? order.status,
  payable: yuan(order.payable),
  shipTo: order.shippingAddress
    ? `${order.shippingAddress.userName} ${order.shippingAddress.cityName}${order.shippingAddress.countyName}${order.shippingAddress.detailInfo}`
    : '',
  parcels: order.shipments.map((s) => ({ carrier: s.carrier ?? '', waybill: s.waybill ?? '' })),
  unpaid: order.status === 'unpaid',
});

/** The member's orders, live from the account document: status, where it goes, its parcels; unpaid ones can be paid. */
definePage({
  data: { orders: [] as OrderCard[], paying: '' },
  methods: {
    onLoad() {
      const render = (orders: AccountOrder[]) => this.setData({ orders: orders.map(card) });
      render(shop().orders.get());
      hold(this, 'orders', shop().orders.subscribe(render));
    },
    onUnload() {
      release(this);
    },
    async continuePaying(event: Tap<{ id: string }>) {
      if (this.data.paying) return;
      this.setData({ paying: event.currentTarget.dataset.id });
      try {
        await payOrder(event.currentTarget.dataset.id);
      } catch (error) {
        explainFailure(error);
      } finally {
        this.setData({ paying: '' });
      }
    },
  },
});
