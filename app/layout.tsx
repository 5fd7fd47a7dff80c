import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { ShellMessages } from "@/components/layout/client-messages";
import { DemoBanner } from "@/components/layout/demo-banner";
import { isDemoData } from "@/lib/system/settings";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  const tc = await getTranslations("charts");
  // The request id (lib/server/http-server.ts) for the error page, so a user can quote it.
  const requestId = (await headers()).get("x-request-id");
  return {
    title: { default: t("fullName"), template: `%s · ${t("name")}` },
    description: tc("meta.description"),
    ...(requestId ? { other: { "request-id": requestId } } : {}),
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  const demo = await isDemoData();
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <ShellMessages>
          {demo && <DemoBanner />}
          {children}
        </ShellMessages>
      </body>
    </html>
  );
}
