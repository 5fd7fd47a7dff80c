import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { clientMessages, type Segment } from "@/lib/i18n/client-messages";

/**
 * The layout of a route segment whose client components need more than the shell's messages:
 * it hands them the shell's namespaces plus the segment's (lib/i18n/client-messages.ts).
 * Usage, as a segment's whole layout.tsx: `export default segmentLayout("admin/towns");`
 */
export function segmentLayout(segment: Segment) {
  return async function SegmentMessages({ children }: { children: React.ReactNode }) {
    const messages = await getMessages();
    return (
      <NextIntlClientProvider messages={clientMessages(messages, segment)}>
        {children}
      </NextIntlClientProvider>
    );
  };
}

/** The provider of the root layout: the shell's namespaces only. */
export async function ShellMessages({ children }: { children: React.ReactNode }) {
  const messages = await getMessages();
  return (
    <NextIntlClientProvider messages={clientMessages(messages)}>{children}</NextIntlClientProvider>
  );
}
