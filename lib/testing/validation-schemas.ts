/**
 * Every exported zod schema of lib/validation by "module.export" name: the set the property
 * proofs (lib/prove/schemas.property.test.ts) and the record-key check
 * (lib/validation/keys.test.ts) walk.
 */
import * as apiQuery from "@/lib/validation/api-query";
import * as assessment from "@/lib/validation/assessment";
import * as circle from "@/lib/validation/circle";
import * as indicator from "@/lib/validation/indicator";
import * as programme from "@/lib/validation/programme";
import * as rating from "@/lib/validation/rating";
import * as report from "@/lib/validation/report";
import * as task from "@/lib/validation/task";
import * as town from "@/lib/validation/town";
import * as user from "@/lib/validation/user";
import { schemasOf } from "./fuzz";

/** The schemas of lib/validation (see schemasOf). */
export const validationSchemas = schemasOf({
  apiQuery,
  assessment,
  circle,
  indicator,
  programme,
  rating,
  report,
  task,
  town,
  user,
});
