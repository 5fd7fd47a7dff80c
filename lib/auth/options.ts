/**
 * next-auth (v4) configuration: Credentials provider, JWT sessions of one working day,
 * our own sign-in page. The JWT carries only the user id, the password-change time and when
 * the session began (`sat`, ms; kept when next-auth refreshes the cookie); role and scope are
 * re-read from the database on every request (lib/auth/session.ts), so a demoted or disabled
 * user loses access at once, changing a password ends other sessions, and a session that began
 * before the user's `sessionsValidAfter` (bumped on sign-out, disable and re-enable) is over:
 * signing out ends the session on the server, not only the cookie in this browser.
 */
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { requestAddress } from "./request-address";
import { endSessions } from "./sessions";
import { signInWithPassword } from "./sign-in";

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; pwdAt: number; sat: number };
  }
  interface User {
    pwdAt: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    pwdAt?: number;
    /** When the session began (ms since the epoch). */
    sat?: number;
  }
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "password",
      credentials: { username: { type: "text" }, password: { type: "password" } },
      authorize: (credentials, req) => {
        const headers = req?.headers as Record<string, string> | undefined;
        return signInWithPassword(
          credentials,
          requestAddress(headers),
          headers?.["user-agent"] ?? null,
        );
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.pwdAt = user.pwdAt;
        token.sat = Date.now();
      }
      return token;
    },
    session({ session, token }) {
      session.user = {
        id: token.sub ?? "",
        name: session.user?.name ?? token.name ?? "",
        pwdAt: token.pwdAt ?? 0,
        sat: token.sat ?? 0,
      };
      return session;
    },
  },
  events: {
    // Signing out ends every session of the user on the server (the old cookie stops working).
    signOut: async ({ token }) => {
      const userId = Number(token?.sub);
      if (Number.isInteger(userId) && userId > 0) await endSessions(userId);
    },
  },
};
