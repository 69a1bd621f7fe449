import { useEffect, useState } from 'hono/jsx';
import type { DeliveryRequest } from '../../shared/api/checkout';
import type { PickupPointSnapshot } from '../../shared/checkout';
import { useLive } from '../ui/useLive';
import { AddressForm } from './AddressForm';
import { hubRead } from './memberReads';
import { useShop } from './shopContext';

type PickupPoint = PickupPointSnapshot & { id: string };

/**
 * How the order reaches the shopper: express to one of the saved addresses (the default first) or
 * a new one, or collected at a pickup point when the mall has any. Tells the page each choice.
 */
export const DeliveryChoice = ({ onChange }: { onChange: (delivery: DeliveryRequest | null) => void }) => {
  const { storefront } = useShop();
  const [addresses] = useLive(storefront && (() => storefront.addresses), []);
  const [points, setPoints] = useState<PickupPoint[]>([]);
  const [kind, setKind] = useState<'express' | 'self_pickup'>('express');
  const [addressId, setAddressId] = useState<string | null>(null);
  const [pointId, setPointId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  useEffect(() => {
    if (!storefront) return;
    void hubRead<{ pickupPoints: PickupPoint[] }>(storefront, '/api/pickup-points').then(
      (answer) => setPoints(answer.pickupPoints),
      () => setPoints([]),
    );
  }, []);

  const chosenAddress = addresses.find((a) => a.id === addressId) ?? addresses[0] ?? null;
  const chosenPoint = points.find((p) => p.id === pointId) ?? points[0] ?? null;
  const delivery: DeliveryRequest | null =
    kind === 'self_pickup'
      ? chosenPoint && { kind: 'self_pickup', pickupPointId: chosenPoint.id }
      : chosenAddress && { kind: 'express', addressId: chosenAddress.id };
  const key = delivery ? JSON.stringify(delivery) : '';
  useEffect(() => onChange(delivery), [key]);

  return (
    <section class="checkout-section card" aria-label="Delivery" data-section="delivery">
      <h2 class="section-title">Delivery</h2>
      {points.length > 0 && (
        <div class="delivery-kinds" role="radiogroup">
          <label>
            <input type="radio" name="kind" checked={kind === 'express'} onChange={() => setKind('express')} /> Express
          </label>
          <label>
            <input type="radio" name="kind" checked={kind === 'self_pickup'} onChange={() => setKind('self_pickup')} />{' '}
            Pick up
          </label>
        </div>
      )}
      {kind === 'self_pickup' ? (
        <ul class="choices">
          {points.map((p) => (
            <li>
              <label class="choice">
                <input type="radio" name="point" checked={chosenPoint?.id === p.id} onChange={() => setPointId(p.id)} />
                <span>
                  <strong>{p.name}</strong>
                  <span class="muted"> {[p.cityName, p.countyName, p.detailInfo].filter(Boolean).join(' ')}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      ) : (
        <>
          <ul class="choices">
            {addresses.map((a) => (
              <li>
                <label class="choice" data-address={a.id}>
                  <input
                    type="radio"
                    name="address"
                    checked={chosenAddress?.id === a.id}
                    onChange={() => setAddressId(a.id)}
                  />
                  <span>
                    <strong>
                      {a.userName} {a.telNumber}
                    </strong>
                    {a.isDefault && (
                      <span class="badge" data-tone="ok">
                        {' '}
                        Default
                      </span>
                    )}
                    <span class="muted address-line">
                      {' '}
                      {a.provinceName} {a.cityName} {a.countyName} {a.detailInfo}
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
          {adding || addresses.length === 0 ? (
            <AddressForm
              onSaved={(saved) => {
                setAddressId(saved.id);
                setAdding(false);
              }}
            />
          ) : (
            <button class="button" data-kind="quiet" type="button" onClick={() => setAdding(true)}>
              Add a new address
            </button>
          )}
        </>
      )}
    </section>
  );
};
