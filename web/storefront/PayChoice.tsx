import { useState } from 'hono/jsx';
import type { PaymentMethod } from '../../shared/api/payments';
import { Notice } from '../ui/Notice';
import { Price } from '../ui/Price';
import { useLive } from '../ui/useLive';
import { payOrder } from './payment';
import { refusalText } from './refusalText';
import { useShop } from './shopContext';

/** How to pay an unpaid order: online, or from the balance when it covers the amount; a refusal shown here. */
export const PayChoice = ({ orderId, payable, onPaid }: { orderId: string; payable: number; onPaid: () => void }) => {
  const { storefront } = useShop();
  const [assets] = useLive(storefront && (() => storefront.assets), null);
  const [paying, setPaying] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const pay = async (method: PaymentMethod) => {
    if (!storefront) return;
    setPaying(true);
    setRefusal(null);
    try {
      if (await payOrder(storefront, orderId, method)) onPaid();
    } catch (error) {
      setRefusal(refusalText(error));
      setPaying(false);
    }
  };
  const balanceCovers = assets !== null && assets.balance >= payable;
  return (
    <section class="pay-choice" aria-label="Payment">
      <p class="pay-choice-amount">
        To pay <Price price={payable} />
      </p>
      <div class="pay-choice-buttons">
        <button class="button" type="button" disabled={paying || !storefront} onClick={() => pay('provider')}>
          Pay now
        </button>
        {balanceCovers && (
          <button class="button" data-kind="ghost" type="button" disabled={paying} onClick={() => pay('balance')}>
            Pay with balance
          </button>
        )}
      </div>
      <Notice message={refusal} />
    </section>
  );
};
