import { NotFoundContent } from "@/components/layout/not-found-content";

/** The not-found page outside the signed-in shell. */
export default function NotFound() {
  return <NotFoundContent as="main" />;
}
