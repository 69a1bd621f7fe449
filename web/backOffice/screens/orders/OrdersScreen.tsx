import './orders.css';
import type { ScreenProps } from '../../screens';
import { OrderDetail } from './OrderDetail';
import { OrderList } from './OrderList';

/** `/orders`: the list; `/orders/<orderId>`: one order. */
export const OrdersScreen = ({ place }: ScreenProps) => {
  const orderId = place.path.split('/')[2];
  return orderId ? <OrderDetail orderId={decodeURIComponent(orderId)} /> : <OrderList place={place} />;
};
