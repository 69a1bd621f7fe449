/** What the hub refused, or a hint, shown where the shopper or operator acted. */
export const Notice = ({ message, tone = 'error' }: { message: string | null; tone?: 'error' | 'info' }) =>
  message ? (
    <p class="notice" data-tone={tone} role={tone === 'error' ? 'alert' : 'status'}>
      {message}
    </p>
  ) : null;
