import { useEffect, useState } from 'hono/jsx';
import { ActionNotice, useAction } from '../../refusals';
import { Link, screenHref } from '../../router';
import type { ScreenProps } from '../../screens';
import { adminCall } from '../../staffSession';
import { useLiveCatalog } from '../products/liveCatalog';
import './flashSales.css';
import { NewFlashSale } from './NewFlashSale';
import { SaleRow } from './SaleRow';
import { type FlashSaleRecord, SHELVES, type Shelf, skuTitles } from './saleRecords';

const shelfOf = (query: URLSearchParams): Shelf => {
  const asked = query.get('show');
  return asked === 'upcoming' || asked === 'ended' ? asked : 'running';
};

/**
 * Flash sales: running, upcoming and ended (`?show=`), a new one for all channels or chosen ones,
 * and each running sale's remaining stock live. `?skus=a,b` starts the new sale with those SKUs.
 */
export const FlashSalesScreen = ({ place }: ScreenProps) => {
  const shelf = shelfOf(place.query);
  const [sales, setSales] = useState<FlashSaleRecord[] | null>(null);
  const [titles, setTitles] = useState<Record<string, string>>({});
  const load = useAction();
  const live = useLiveCatalog();
  const reload = () =>
    load.run(async () => {
      const { flashSales } = await adminCall<{ flashSales: FlashSaleRecord[] }>('GET', '/api/admin/flash-sales');
      setSales(flashSales);
      setTitles(await skuTitles(flashSales.flatMap((s) => s.skuIds)));
    });
  useEffect(() => {
    void reload();
  }, []);
  const replace = (changed: FlashSaleRecord) =>
    setSales((all) => (all ?? []).map((sale) => (sale.id === changed.id ? changed : sale)));
  const shown = (sales ?? []).filter((sale) => (SHELVES[shelf].statuses as readonly string[]).includes(sale.status));
  const initialSkus = (place.query.get('skus') ?? '').split(',').filter(Boolean);
  return (
    <>
      <header class="screen-head">
        <h1>Flash sales</h1>
        <p class="muted">A sale starts and ends by itself on the channels it is for.</p>
      </header>
      <NewFlashSale initialSkus={initialSkus} onCreated={() => void reload()} />
      <section class="panel">
        <nav class="shelves" aria-label="Sales">
          {(Object.keys(SHELVES) as Shelf[]).map((key) => (
            <Link href={screenHref('/flash-sales', { show: key })} aria-current={key === shelf ? 'page' : undefined}>
              {SHELVES[key].title} (
              {(sales ?? []).filter((s) => (SHELVES[key].statuses as readonly string[]).includes(s.status)).length})
            </Link>
          ))}
        </nav>
        <ActionNotice action={load} />
        <div class="table-scroll">
          <table class="grid" id="flash-sales">
            <thead>
              <tr>
                <th>Name</th>
                <th>Status</th>
                <th>Channels</th>
                <th>Price</th>
                <th>When</th>
                <th>Remaining stock</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {shown.map((sale) => (
                <SaleRow key={sale.id} sale={sale} titles={titles} live={live.skus} onChanged={replace} />
              ))}
            </tbody>
          </table>
        </div>
        {sales && shown.length === 0 && <p class="muted">No {SHELVES[shelf].title.toLowerCase()} sale.</p>}
      </section>
    </>
  );
};
