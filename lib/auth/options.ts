/**
 * next-auth (v4) configuration: Credentials provider, JWT sessions of one working day,
 * our own sign-in page. The JWT carries only the user id and the password-change time; role
 * and scope are re-read from the database on every request (lib/auth/session.ts), so a
 * demoted or disabled user loses access at once, and changing a password ends other sessions.
 */
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { requestAddress } from "./request-address";
import { signInWithPassword } from "./sign-in";

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; pwdAt: number };
  }
  interface User {
    pwdAt: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    pwdAt?: number;
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
      }
      return token;
    },
    session({ session, token }) {
      session.user = {
        id: token.sub ?? "",
        name: session.user?.name ?? token.name ?? "",
        pwdAt: token.pwdAt ?? 0,
      };
      return session;
    },
  },
};
