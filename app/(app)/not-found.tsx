import { NotFoundContent } from "@/components/layout/not-found-content";
import { getActor } from "@/lib/auth/session";

/** Not-found inside the signed-in area: the shell's layout already draws the page's `<main>`. */
export default async function AppNotFound() {
  return <NotFoundContent as={(await getActor()) ? "div" : "main"} />;
}
