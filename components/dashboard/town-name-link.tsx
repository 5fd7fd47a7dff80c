import Link from "next/link";

/** A town's name in a table, linking to its page (/towns/{code}). */
export function TownNameLink({ code, name }: { code: string; name: string }) {
  return (
    <Link href={`/towns/${code}`} className="font-medium text-brand-700 hover:underline">
      {name}
    </Link>
  );
}
