import { mall, shop } from './storefront';
import { called, wechat } from './wechat';

/** Where the development payment provider completes a payment (README.md, "Paying in development"). */
const DEVELOPMENT_PAYMENT = /^\/api\/payments\/dev\/[^/]+\/complete$/;

/**
 * Pays an order through the payment provider. With the development provider the answer's `payUrl`
 * is the hub's own, and POSTing it plays the shopper paying; the order then shows paid in the
 * account document. Answers whether the payment was completed here.
 */
export const payOrder = async (orderId: string): Promise<boolean> => {
  const { payment } = await shop().pay(orderId, 'provider');
  const payUrl = payment?.payUrl ?? '';
  if (!DEVELOPMENT_PAYMENT.test(payUrl)) {
    wechat().showToast({ title: '请在支付页面完成支付', icon: 'none' });
    return false;
  }
  const answer = await called<{ statusCode: number; data: unknown }>((callbacks) =>
    wechat().request({ url: `${mall().hubUrl}${payUrl}`, method: 'POST', ...callbacks }),
  );
  return answer.statusCode === 200;
};
