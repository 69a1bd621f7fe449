import { Notice } from '../../../ui/Notice';
import { type Action, useAction } from '../../refusals';
import { uploadImage } from './catalogRecords';

export interface ProductImage {
  imageId: string;
  url: string;
}

const moved = (images: ProductImage[], from: number, to: number) => {
  const next = [...images];
  const [image] = next.splice(from, 1);
  if (image) next.splice(to, 0, image);
  return next;
};

/**
 * The product's pictures in their order (the first is the main one): uploaded one by one as the
 * operator picks files, moved or removed before the product is saved.
 */
export const ProductImages = ({
  images,
  onChange,
  form,
}: {
  images: ProductImage[];
  onChange: (images: ProductImage[]) => void;
  /** The product's save: its refusal naming `images` is shown here too. */
  form: Action;
}) => {
  const upload = useAction();
  const picked = async (event: Event) => {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    const added: ProductImage[] = [];
    await upload.run(async () => {
      for (const file of files) {
        const stored = await uploadImage(file);
        added.push({ imageId: stored.imageId, url: stored.url });
      }
    });
    input.value = '';
    if (added.length > 0) onChange([...images, ...added.filter((a) => !images.some((i) => i.imageId === a.imageId))]);
  };
  const refused = upload.refusal ?? form.on('images');
  return (
    <div class="field wide product-images" data-field="images" data-invalid={refused ? '' : undefined}>
      <span>Pictures</span>
      <ol class="image-strip">
        {images.map((image, i) => (
          <li data-image={image.imageId}>
            <img src={image.url} alt={i === 0 ? 'Main view' : `View ${i + 1}`} />
            {i === 0 && <small class="badge">Main</small>}
            <div class="image-actions">
              <button
                type="button"
                aria-label="Earlier"
                disabled={i === 0}
                onClick={() => onChange(moved(images, i, i - 1))}
              >
                ←
              </button>
              <button
                type="button"
                aria-label="Later"
                disabled={i === images.length - 1}
                onClick={() => onChange(moved(images, i, i + 1))}
              >
                →
              </button>
              <button type="button" aria-label="Remove" onClick={() => onChange(images.filter((_, j) => j !== i))}>
                ✕
              </button>
            </div>
          </li>
        ))}
      </ol>
      <input
        type="file"
        name="picture"
        accept="image/jpeg,image/png,image/webp,image/gif"
        multiple
        disabled={upload.busy}
        onChange={picked}
      />
      {!refused && <small class="muted">JPEG, PNG, WebP or GIF, at most 5 MB each.</small>}
      {refused && <Notice message={refused.message} />}
    </div>
  );
};
