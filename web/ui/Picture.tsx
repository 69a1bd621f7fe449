/** A square product picture; a product without one shows its initial on a soft ground. */
export const Picture = ({ url, alt, eager }: { url: string | null; alt: string; eager?: boolean }) =>
  url ? (
    <div class="picture">
      <img src={url} alt={alt} loading={eager ? 'eager' : 'lazy'} decoding="async" />
    </div>
  ) : (
    <div class="picture" data-empty data-initial={[...alt.trim()][0] ?? '·'} role="img" aria-label={alt} />
  );
