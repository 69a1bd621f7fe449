import type { Child } from 'hono/jsx';
import type { Permission } from '../../workers/staff/permissions';
import type { Place } from './router';
import { AuditScreen } from './screens/audit/AuditScreen';
import { DashboardScreen } from './screens/dashboard/DashboardScreen';
import { FlashSalesScreen } from './screens/flashSales/FlashSalesScreen';
import { MarketingScreen } from './screens/marketing/MarketingScreen';
import { MembersScreen } from './screens/members/MembersScreen';
import { MiniShopScreen } from './screens/miniShop/MiniShopScreen';
import { MonitorScreen } from './screens/monitor/MonitorScreen';
import { OrdersScreen } from './screens/orders/OrdersScreen';
import { ProductsScreen } from './screens/products/ProductsScreen';
import { StaffScreen } from './screens/StaffScreen';
import type { SignedInStaff } from './staffSession';

export interface ScreenProps {
  staff: SignedInStaff;
  place: Place;
}

/** One screen of the back office, under `/admin<path>`: shown in the menu to the roles that may open it. */
export interface Screen {
  /** The screen's first path segment, e.g. `/orders` (its own pages below it, `/orders/ord_…`); `/` for the dashboard. */
  path: string;
  title: string;
  /** What the staff member's role needs to open it (`workers/staff/permissions.ts`). */
  needs: Permission;
  view: (props: ScreenProps) => Child;
}

/** Every screen, in the menu's order. */
export const SCREENS: readonly Screen[] = [
  { path: '/', title: 'Dashboard', needs: 'records:read', view: DashboardScreen },
  { path: '/orders', title: 'Orders', needs: 'records:read', view: OrdersScreen },
  { path: '/products', title: 'Products', needs: 'records:read', view: ProductsScreen },
  { path: '/members', title: 'Members', needs: 'records:read', view: MembersScreen },
  { path: '/marketing', title: 'Marketing', needs: 'records:read', view: MarketingScreen },
  { path: '/flash-sales', title: 'Flash sales', needs: 'records:read', view: FlashSalesScreen },
  { path: '/minishop', title: 'Mini-Shop', needs: 'records:read', view: MiniShopScreen },
  { path: '/monitor', title: 'Monitor', needs: 'monitor:watch', view: MonitorScreen },
  { path: '/audit', title: 'Audit log', needs: 'audit:read', view: AuditScreen },
  { path: '/staff', title: 'Staff', needs: 'staff:manage', view: StaffScreen },
];

/** The screen a path belongs to: the longest `path` it starts with. */
export const screenAt = (path: string): Screen | undefined =>
  [...SCREENS]
    .sort((a, b) => b.path.length - a.path.length)
    .find((screen) =>
      screen.path === '/' ? path === '/' : path === screen.path || path.startsWith(`${screen.path}/`),
    );
