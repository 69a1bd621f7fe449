import { useEffect, useRef, useState } from 'hono/jsx';
import type { ListedProduct, ProductPage } from '../../shared/api/productViews';
import { CHANNEL_NAMES, CHANNELS, type Channel } from '../../shared/channels';
import { typedFen, typedYuan, yuan } from '../../shared/money';
import { checkedOf, enteredValue } from '../storefront/browserPage';
import { Notice } from '../ui/Notice';
import type { DemoDesk } from './desk';
import { refusalText } from './fieldValues';

export type AdminCall = <T>(method: string, path: string, body?: unknown) => Promise<T>;

type Outcome = { tone: 'info' | 'error'; message: string } | null;

const FLASH_MINUTES = 10;

/** A field and the button that acts on it: one operator edit. */
const FieldAction = (props: {
  label: string;
  name: string;
  inputmode: 'decimal' | 'numeric';
  placeholder: string;
  value: string;
  onValue: (value: string) => void;
  action: string;
  kind?: 'ghost';
  disabled: boolean;
  onAct: () => void;
}) => (
  <>
    <label class="field">
      {props.label}
      <input
        name={props.name}
        inputmode={props.inputmode}
        placeholder={props.placeholder}
        value={props.value}
        onInput={(event: Event) => props.onValue(enteredValue(event))}
      />
    </label>
    <button type="button" class="button" data-kind={props.kind} disabled={props.disabled} onClick={props.onAct}>
      {props.action}
    </button>
  </>
);

/**
 * The operator's strip: pick a SKU, change its price or stock, start a flash sale on chosen
 * channels; every frame shows the change live.
 */
export const OperatorStrip = ({ desk, admin }: { desk: DemoDesk | null; admin: AdminCall }) => {
  const [products, setProducts] = useState<ListedProduct[]>([]);
  const [product, setProduct] = useState<ProductPage | null>(null);
  const [skuId, setSkuId] = useState('');
  const [price, setPrice] = useState('');
  const [stock, setStock] = useState('');
  const [flashPrice, setFlashPrice] = useState('');
  const [channels, setChannels] = useState<Channel[]>([...CHANNELS]);
  const [outcome, setOutcome] = useState<Outcome>(null);

  // The product asked for last: an earlier answer arriving after it must not replace it.
  const wanted = useRef('');
  const pickProduct = async (productId: string) => {
    if (!desk) return;
    wanted.current = productId;
    const page = await desk.product(productId);
    if (wanted.current !== productId) return;
    setProduct(page);
    setSkuId(page.skus[0]?.skuId ?? '');
  };
  useEffect(() => {
    if (!desk) return;
    void desk.products().then(async (listed) => {
      setProducts(listed);
      if (listed[0] && !wanted.current) await pickProduct(listed[0].productId);
    });
  }, []);

  const sku = product?.skus.find((s) => s.skuId === skuId) ?? null;
  const act = async (run: () => Promise<string>) => {
    try {
      setOutcome({ tone: 'info', message: await run() });
    } catch (error) {
      setOutcome({ tone: 'error', message: refusalText(error) });
    }
  };
  const patch = async (body: { price: number } | { stock: number }) => {
    const state = await admin<{ price: number; stock: number }>(
      'PATCH',
      `/api/admin/skus/${encodeURIComponent(skuId)}`,
      body,
    );
    // The SKU picker shows what the hub answered; the product's page may be cached by the browser.
    setProduct(
      (shown) =>
        shown && {
          ...shown,
          skus: shown.skus.map((s) => (s.skuId === skuId ? { ...s, price: state.price, stock: state.stock } : s)),
        },
    );
    return state;
  };

  return (
    <section class="demo-card demo-operator" aria-label="Operator">
      <h2>Operator</h2>
      <div class="demo-row">
        <label class="field">
          Product
          <select
            name="product"
            onChange={(event: Event) => {
              setOutcome(null);
              void pickProduct(enteredValue(event)).catch((error: unknown) =>
                setOutcome({ tone: 'error', message: refusalText(error) }),
              );
            }}
          >
            {products.map((p) => (
              <option value={p.productId} selected={p.productId === product?.productId}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          SKU
          <select name="sku" onChange={(event: Event) => setSkuId(enteredValue(event))}>
            {(product?.skus ?? []).map((s) => (
              <option value={s.skuId} selected={s.skuId === skuId}>
                {s.name || s.title} · {yuan(s.price)} · {s.stock} left
              </option>
            ))}
          </select>
        </label>
      </div>
      <div class="demo-row">
        <FieldAction
          label="Price (¥)"
          name="price"
          inputmode="decimal"
          placeholder={sku ? typedYuan(sku.price) : ''}
          value={price}
          onValue={setPrice}
          action="Change price"
          disabled={!sku}
          onAct={() =>
            act(async () => {
              const fen = typedFen(price);
              if (!(fen > 0)) throw new Error('price: type a price in yuan, e.g. 89.90');
              const state = await patch({ price: fen });
              return `${sku?.title}: ${yuan(state.price)} on every channel`;
            })
          }
        />
        <FieldAction
          label="Stock"
          name="stock"
          inputmode="numeric"
          placeholder={sku ? String(sku.stock) : ''}
          value={stock}
          onValue={setStock}
          action="Change stock"
          kind="ghost"
          disabled={!sku}
          onAct={() =>
            act(async () => {
              const units = Number(stock);
              if (stock.trim() === '' || !Number.isInteger(units)) throw new Error('stock: type a whole number');
              const state = await patch({ stock: units });
              return `${sku?.title}: ${state.stock} in stock`;
            })
          }
        />
      </div>
      <fieldset class="demo-row demo-flash">
        <legend>Flash sale, from now for {FLASH_MINUTES} minutes</legend>
        <label class="field">
          Flash price (¥)
          <input
            name="flashPrice"
            inputmode="decimal"
            value={flashPrice}
            onInput={(event: Event) => setFlashPrice(enteredValue(event))}
          />
        </label>
        <div class="demo-channels">
          {CHANNELS.map((channel) => (
            <label>
              <input
                type="checkbox"
                name="flashChannel"
                value={channel}
                checked={channels.includes(channel)}
                onChange={(event: Event) =>
                  setChannels((now) => (checkedOf(event) ? [...now, channel] : now.filter((c) => c !== channel)))
                }
              />{' '}
              {CHANNEL_NAMES[channel]}
            </label>
          ))}
        </div>
        <button
          type="button"
          class="button"
          data-kind="ghost"
          disabled={!sku}
          onClick={() =>
            act(async () => {
              const fen = typedFen(flashPrice);
              if (!(fen > 0)) throw new Error('price: type a flash price in yuan');
              if (channels.length === 0) throw new Error('channels: pick at least one channel');
              const startsAt = Date.now();
              await admin('POST', '/api/admin/flash-sales', {
                name: `Demo flash · ${sku?.name || sku?.title}`,
                skuIds: [skuId],
                price: fen,
                startsAt,
                endsAt: startsAt + FLASH_MINUTES * 60_000,
                channels,
              });
              return `Flash sale at ${yuan(fen)} on ${channels.map((c) => CHANNEL_NAMES[c]).join(', ')}`;
            })
          }
        >
          Start flash sale
        </button>
      </fieldset>
      <Notice message={outcome?.message || null} tone={outcome?.tone} />
    </section>
  );
};
