import { Price } from '../ui/Price';

/** An order's sums: goods, freight, discount, and what is to pay (all in fen; `total` includes freight). */
export const OrderTotals = ({
  order,
}: {
  order: { total: number; freight: number; payable: number; discount?: number };
}) => {
  const discount = order.discount ?? order.total - order.payable;
  return (
    <dl class="totals" data-payable={order.payable}>
      <div>
        <dt>Goods</dt>
        <dd>
          <Price price={order.total - order.freight} />
        </dd>
      </div>
      <div>
        <dt>Freight</dt>
        <dd data-freight={order.freight}>
          <Price price={order.freight} />
        </dd>
      </div>
      {discount > 0 && (
        <div>
          <dt>Discount</dt>
          <dd>
            −<Price price={discount} />
          </dd>
        </div>
      )}
      <div class="totals-payable">
        <dt>To pay</dt>
        <dd>
          <Price price={order.payable} />
        </dd>
      </div>
    </dl>
  );
};
