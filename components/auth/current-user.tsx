"use client";

import { createContext, useContext, type ReactNode } from "react";

const CurrentUser = createContext<string | null>(null);

/**
 * Gives the signed-in area's client components the user name of the session the page was
 * rendered for (the signed-in layout provides it), e.g. to sign the same user in again when
 * the session expired while a form was open.
 */
export function CurrentUserProvider({
  username,
  children,
}: {
  username: string;
  children: ReactNode;
}) {
  return <CurrentUser.Provider value={username}>{children}</CurrentUser.Provider>;
}

/** The user name of the page's session, or null outside the signed-in area. */
export function useCurrentUsername(): string | null {
  return useContext(CurrentUser);
}
