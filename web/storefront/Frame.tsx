import type { Child } from 'hono/jsx';
import type { CategoryNode } from '../../shared/api/categories';
import { PcShell } from './PcShell';
import { PhoneShell, type Tab } from './PhoneShell';
import { useShop } from './shopContext';

/** A page's frame on the channel it is shown on: the PC mall's header, or the phone's bars. */
export const Frame = (props: {
  title: string;
  tab?: Tab;
  back?: string;
  categories?: CategoryNode[];
  q?: string;
  children: Child;
}) => {
  const { channel } = useShop();
  if (channel === 'pc') {
    return (
      <PcShell categories={props.categories ?? []} q={props.q}>
        {props.children}
      </PcShell>
    );
  }
  return (
    <PhoneShell title={props.title} tab={props.tab} back={props.back}>
      {props.children}
    </PhoneShell>
  );
};
