import { segmentLayout } from "@/components/layout/client-messages";

/** The client messages of this segment (lib/i18n/client-messages.ts). */
export default segmentLayout("admin/audit");
