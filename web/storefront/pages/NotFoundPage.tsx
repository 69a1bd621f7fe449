import { Frame } from '../Frame';
import { useShop } from '../shopContext';

/** An address the storefront does not know, or a product no longer for sale. */
export const NotFoundPage = () => {
  const { paths } = useShop();
  return (
    <Frame title="Not found" back={paths.home}>
      <section class="empty-state">
        <h1 class="page-title">This page is not here</h1>
        <p class="muted">The product may no longer be for sale.</p>
        <a class="button" href={paths.home}>
          Back to the mall
        </a>
      </section>
    </Frame>
  );
};
