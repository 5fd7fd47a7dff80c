import { redirect } from "next/navigation";
import { can } from "@/lib/access";
import { requirePageActor } from "@/lib/auth/session";
import { leaveUnavailablePage } from "@/lib/pages";

/** /admin: the programme's administration for those who may see it, else the user's home. */
export default async function AdminIndexPage() {
  const actor = await requirePageActor("/admin");
  if (can(actor, "programme.view")) redirect("/admin/programme");
  return leaveUnavailablePage();
}
