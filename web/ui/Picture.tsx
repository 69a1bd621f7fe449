/**
 * A square product picture; a product without one shows its initial on a soft ground, and a
 * picture that fails to load leaves that ground rather than a broken image.
 */
export const Picture = ({ url, alt, eager }: { url: string | null; alt: string; eager?: boolean }) =>
  url ? (
    <div class="picture">
      <img
        src={url}
        alt={alt}
        loading={eager ? 'eager' : 'lazy'}
        decoding="async"
        onError={(event: Event) => (event.currentTarget as unknown as { remove(): void }).remove()}
      />
    </div>
  ) : (
    <div class="picture" data-empty data-initial={[...alt.trim()][0] ?? '·'} role="img" aria-label={alt} />
  );
