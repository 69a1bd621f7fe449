import { useEffect, useState } from 'hono/jsx';
import { PRODUCT_STATUSES, type ProductStatus } from '../../../../shared/api/productModel';
import { typedFen } from '../../../../shared/money';
import { ActionNotice, Field, useAction } from '../../refusals';
import { Link, navigate, screenHref } from '../../router';
import { adminCall } from '../../staffSession';
import { CategoryPicker } from './CategoryPicker';
import { categoryChoices, countOf, type OperatorProduct } from './catalogRecords';
import { MissingSkus } from './MissingSkus';
import { NewSkuGrid, type TypedSku } from './NewSkuGrid';
import { OptionsEditor } from './OptionsEditor';
import { type ProductImage, ProductImages } from './ProductImages';
import { ProductSkus } from './ProductSkus';
import { combinationsOf, optionsOf, type TypedOption } from './productOptions';
import { STATUS_NAMES } from './productStatus';

interface Content {
  title: string;
  subtitle: string;
  description: string;
  status: ProductStatus;
  categoryIds: string[];
  images: ProductImage[];
}

const BLANK: Content = { title: '', subtitle: '', description: '', status: 'listed', categoryIds: [], images: [] };

const CONTENT_FIELDS = ['title', 'subtitle', 'description', 'status', 'categoryIds', 'images', 'options', 'skus'];

const contentOf = (product: OperatorProduct): Content => ({
  title: product.title,
  subtitle: product.subtitle,
  description: product.description,
  status: product.status,
  categoryIds: product.categoryIds,
  images: product.images,
});

const typedOptionsOf = (product: OperatorProduct): TypedOption[] =>
  product.options.map((o) => ({ name: o.name, values: o.values.join(', ') }));

/**
 * A product created (`/products/new`) or edited (`/products/:productId`): its content, pictures,
 * categories and options; a new product's SKUs follow its options, an existing one's SKUs have
 * their price and stock edited live in place.
 */
export const ProductEditor = ({ productId }: { productId: string | null }) => {
  const [product, setProduct] = useState<OperatorProduct | null>(null);
  const [content, setContent] = useState<Content>(BLANK);
  const [options, setOptions] = useState<TypedOption[]>([]);
  const [skus, setSkus] = useState<Record<string, TypedSku>>({});
  const [categories, setCategories] = useState<Array<{ id: string; name: string }>>([]);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const load = useAction();
  const save = useAction();
  const saveOptions = useAction();
  useEffect(() => {
    void load.run(async () => {
      setCategories(await categoryChoices());
      if (!productId) return;
      const read = await adminCall<OperatorProduct>('GET', `/api/admin/products/${productId}`);
      setProduct(read);
      setContent(contentOf(read));
      setOptions(typedOptionsOf(read));
    });
  }, [productId]);
  const set = (patch: Partial<Content>) => setContent((c) => ({ ...c, ...patch }));
  const combinations = combinationsOf(optionsOf(options));
  const body = () => ({
    title: content.title,
    subtitle: content.subtitle,
    description: content.description,
    status: content.status,
    categoryIds: content.categoryIds,
    images: content.images.map((i) => i.imageId),
  });
  const submit = async (event: Event) => {
    event.preventDefault();
    setSavedAt(null);
    if (!productId) {
      const typed = optionsOf(options);
      const created = await save.run(() =>
        adminCall<OperatorProduct>('POST', '/api/admin/products', {
          ...body(),
          ...(typed.length > 0 ? { options: typed } : {}),
          skus: combinations.map((combination) => {
            const sku = skus[JSON.stringify(combination)] ?? { price: '', stock: '' };
            return {
              ...(combination.length > 0 ? { options: combination } : {}),
              price: typedFen(sku.price),
              stock: countOf(sku.stock),
            };
          }),
        }),
      );
      if (created) navigate(screenHref(`/products/${created.productId}`), { replace: true });
      return;
    }
    const edited = await save.run(() =>
      adminCall<OperatorProduct>('PATCH', `/api/admin/products/${productId}`, body()),
    );
    if (edited) {
      setProduct(edited);
      setSavedAt(Date.now());
    }
  };
  const submitOptions = async () => {
    const edited = await saveOptions.run(() =>
      adminCall<OperatorProduct>('PUT', `/api/admin/products/${productId}/options`, { options: optionsOf(options) }),
    );
    if (edited) setProduct(edited);
  };
  if (productId && !product) {
    return (
      <section class="panel">
        <h1>Product</h1>
        <ActionNotice action={load} />
      </section>
    );
  }
  return (
    <>
      <header class="screen-head">
        <h1>{productId ? content.title || 'Product' : 'New product'}</h1>
        <Link class="button" data-kind="quiet" href={screenHref('/products')}>
          Back to products
        </Link>
      </header>
      <form class="panel form-grid product-form" id="product-form" aria-label="Product" onSubmit={submit} noValidate>
        <h2>Content</h2>
        <Field label="Title" name="title" action={save}>
          <input
            name="title"
            value={content.title}
            onInput={(e: Event) => set({ title: (e.target as HTMLInputElement).value })}
          />
        </Field>
        <Field label="Subtitle" name="subtitle" action={save}>
          <input
            name="subtitle"
            value={content.subtitle}
            onInput={(e: Event) => set({ subtitle: (e.target as HTMLInputElement).value })}
          />
        </Field>
        <Field label="Status" name="status" action={save}>
          <select
            name="status"
            onChange={(e: Event) => set({ status: (e.target as HTMLSelectElement).value as ProductStatus })}
          >
            {PRODUCT_STATUSES.map((s) => (
              <option value={s} selected={s === content.status}>
                {STATUS_NAMES[s]}
              </option>
            ))}
          </select>
        </Field>
        <div class="wide">
          <Field
            label="Description"
            name="description"
            action={save}
            hint="Shown on the product page on every channel."
          >
            <textarea
              name="description"
              value={content.description}
              onInput={(e: Event) => set({ description: (e.target as HTMLTextAreaElement).value })}
            />
          </Field>
        </div>
        <CategoryPicker
          categories={categories}
          chosen={content.categoryIds}
          onChange={(categoryIds) => set({ categoryIds })}
          action={save}
        />
        <ProductImages images={content.images} onChange={(images) => set({ images })} form={save} />
        {!productId && (
          <>
            <OptionsEditor options={options} onChange={setOptions} action={save} />
            <NewSkuGrid
              combinations={combinations}
              skus={skus}
              onChange={(key, sku) => setSkus((all) => ({ ...all, [key]: sku }))}
              action={save}
            />
          </>
        )}
        <div class="form-actions">
          <button class="button" type="submit" disabled={save.busy}>
            {productId ? 'Save product' : 'Create product'}
          </button>
          {savedAt && (
            <span class="badge" data-tone="ok">
              Saved
            </span>
          )}
          <ActionNotice action={save} fields={CONTENT_FIELDS} />
        </div>
      </form>
      {product && (
        <>
          <section class="panel form-grid" aria-label="Options">
            <OptionsEditor options={options} onChange={setOptions} action={saveOptions} />
            <div class="form-actions">
              <button
                class="button"
                data-kind="quiet"
                type="button"
                disabled={saveOptions.busy}
                onClick={submitOptions}
              >
                Save options
              </button>
              <ActionNotice action={saveOptions} fields={['options']} />
            </div>
          </section>
          <MissingSkus product={product} onAdded={(sku) => setProduct({ ...product, skus: [...product.skus, sku] })} />
          <ProductSkus product={product} />
        </>
      )}
    </>
  );
};
