import './members.css';
import type { ScreenProps } from '../../screens';
import { MemberDetail } from './MemberDetail';
import { MemberList } from './MemberList';

/** `/members`: the search; `/members/<memberId>`: one member. */
export const MembersScreen = ({ place }: ScreenProps) => {
  const memberId = place.path.split('/')[2];
  return memberId ? <MemberDetail memberId={decodeURIComponent(memberId)} /> : <MemberList place={place} />;
};
