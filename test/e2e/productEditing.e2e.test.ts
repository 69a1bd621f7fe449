import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/channels';
import type { SkuState } from '../../shared/docs/sku';
import { createFlashSale, createProduct, patchProduct, patchSku, putOptions, renameFlashSale } from './support/hubApi';
import { Storefront } from './support/storefront';
import { waitFor } from './support/wait';
import { useWranglerDev } from './support/wranglerDev';

/** The product promises "well under a second"; an edit must at least arrive within this. */
const EDIT_DEADLINE_MS = 5000;

const dev = useWranglerDev<Storefront>();

/** Waits until every storefront shows what `shows` asks of its SKU. */
const everyChannelShows = (all: Storefront[], label: string, shows: (state: Partial<SkuState>) => boolean) =>
  Promise.all(all.map((c) => waitFor(() => shows(c.state()), EDIT_DEADLINE_MS, `${c.channel}: ${label}`)));

describe("an operator's product edits on the four channels' stock clients", () => {
  it('shows the flash sale by name, option renames and the product leaving and coming back, live', async () => {
    const { productId, skus } = await createProduct(dev.hub, {
      title: 'E2E 衬衫',
      options: [{ name: 'Colour', values: ['White', 'Black'] }],
      skus: [{ options: ['White'], price: 9900, stock: 20 }],
    });
    const skuId = skus[0]?.skuId ?? '';
    const all = CHANNELS.map((channel) => dev.track(new Storefront(dev.hub, skuId, channel)));
    await Promise.all(all.map((c) => c.synced()));

    const { id: saleId } = await createFlashSale(dev.hub, {
      name: '双十二',
      skuIds: [skuId],
      price: 6900,
      startsAt: Date.now() - 1000,
      endsAt: Date.now() + 600_000,
      channels: 'all',
    });
    await everyChannelShows(all, 'the sale by its name', (s) => s.flash?.name === '双十二');
    await renameFlashSale(dev.hub, saleId, '双十二 · 返场');
    await everyChannelShows(all, 'the sale renamed', (s) => s.flash?.name === '双十二 · 返场');

    await putOptions(dev.hub, productId, {
      options: [{ name: '颜色', was: 'Colour', values: [{ name: '白色', was: 'White' }, 'Black'] }],
    });
    await everyChannelShows(all, 'the title with the renamed value', (s) => s.title === 'E2E 衬衫 白色');

    await patchProduct(dev.hub, productId, { status: 'warehouse' });
    await everyChannelShows(all, 'the SKU off sale', (s) => s.listed === false);
    await expect(patchSku(dev.hub, skuId, { listed: true })).rejects.toMatchObject({ status: 409 });
    expect(all.map((c) => c.state().listed)).toEqual([false, false, false, false]);
    await patchProduct(dev.hub, productId, { status: 'listed' });
    await everyChannelShows(all, 'the SKU on sale again', (s) => s.listed === true && s.flash?.price === 6900);
  });
});
