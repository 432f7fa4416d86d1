import type { UserSummary } from '../../../../../common/api/users';

export interface UserSort {
  by: 'extension' | 'name' | 'email';
  descending: boolean;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The page's users in the chosen order; users without an extension sort last by extension. */
export function sortUsers(users: UserSummary[], sort: UserSort): UserSummary[] {
  const value = (user: UserSummary) =>
    sort.by === 'extension' ? (user.extension ?? '\uffff') : user[sort.by];
  const sign = sort.descending ? -1 : 1;
  return [...users].sort((a, b) => sign * collator.compare(value(a), value(b)));
}
