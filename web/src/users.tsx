import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { UserSummary } from './types';
import { useApi } from './useApi';

const UsersContext = createContext<Map<number, UserSummary>>(new Map());

/** Every active user, for pickers. */
export function useUsers(): UserSummary[] {
  return [...useContext(UsersContext).values()];
}

/** Loads the user directory once per session, so pages can show names for user ids. */
export function UsersProvider({ children }: { children: ReactNode }) {
  const { data } = useApi<{ items: UserSummary[] }>('/users');
  const byId = useMemo(() => new Map((data?.items ?? []).map((u) => [u.id, u])), [data]);
  return <UsersContext.Provider value={byId}>{children}</UsersContext.Provider>;
}

/** A function giving the display name of a user id ('' for none, `#id` while unknown). */
export function useUserName(): (id: number | null | undefined) => string {
  const byId = useContext(UsersContext);
  return (id) => (id == null ? '' : (byId.get(id)?.displayName ?? `#${id}`));
}
