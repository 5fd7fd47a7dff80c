/**
 * The HTTP attack pass of issue 14 on the programme features (years, indicators, towns,
 * circles, rating schemes, score sheets and self-assessments, assessments, the confirmation
 * queue, evidence uploads), against the real server: wrong role, another county's ids, forged
 * ids, bad input (numbers past their column, huge strings, `__proto__`, wrong types, bodies
 * that are not JSON or not multipart), cross-site calls, and two tabs writing the same version.
 * Every refused write must answer 4xx (a server action: a refusal it returns) with a message in
 * the user's language, never a 500 or a thrown action, and leave the data as it was.
 * Its data: 衢江区 (330803), which no other spec changes; the demo users.
 */
import { expect, test } from "@playwright/test";
import { resetReportToDraft, testDb } from "./db";
import { DEMO_PASSWORD } from "./fixtures";
import { actionId, actionPath, callAction, serverActions, signIn, type ActionAnswer } from "./http";

const port = Number(process.env.E2E_PORT ?? 3100);
const base = `http://localhost:${port}`;
const COUNTY = "330803";
const OTHER_COUNTY_REVIEWER = "reviewer-330881";
const CJK = /[\u4e00-\u9fff]/;

/** Rows that a refusal must not change: everything but the audit of refusals themselves. */
async function fingerprint(): Promise<string> {
  const db = testDb();
  const [audit, reports, sheets, selves, runs, years, towns, indicators, circles, schemes] =
    await Promise.all([
      db.auditLog.count({ where: { action: { not: "access.denied" } } }),
      db.progressReport.aggregate({ _sum: { version: true }, _count: true }),
      db.scoreSheet.aggregate({ _sum: { version: true }, _count: true }),
      db.selfAssessment.aggregate({ _sum: { version: true }, _count: true }),
      db.assessmentRun.aggregate({ _sum: { revision: true }, _count: true }),
      db.year.count(),
      db.town.count(),
      db.indicator.count(),
      db.townCircle.count(),
      db.ratingScheme.count(),
    ]);
  return JSON.stringify({
    audit,
    reports,
    sheets,
    selves,
    runs,
    years,
    towns,
    indicators,
    circles,
    schemes,
  });
}

/** Expects a server action's answer to be a refusal it returned, with a message in `lang`. */
function expectRefused(answer: ActionAnswer, label: string, lang: RegExp = CJK) {
  expect(answer.status, `${label}: ${answer.body.slice(0, 300)}`).toBeLessThan(500);
  expect(answer.thrown, `${label} threw: ${answer.body.slice(0, 300)}`).toBe(false);
  const value = answer.value as { status?: string; message?: string } | undefined;
  expect(value?.status, `${label}: ${answer.body.slice(0, 300)}`).toBe("error");
  expect(value?.message ?? "", label).toMatch(lang);
}

/** The JSON refusal of a write endpoint: its status, and a message in the user's language. */
async function refusal(response: Response): Promise<{ status: number; code: string }> {
  const body = (await response.json()) as { error?: { code?: string; message?: string } };
  expect(body.error?.message ?? "", JSON.stringify(body)).toMatch(CJK);
  return { status: response.status, code: body.error?.code ?? "" };
}

/** A POST to a write endpoint with the session `cookie` (same-origin unless `headers` say). */
function post(
  cookie: string,
  path: string,
  body: string,
  contentType = "application/json",
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: "POST",
    headers: { cookie, Origin: base, "Content-Type": contentType, ...headers },
    body,
  });
}

/** The 2026 report of a town of the county, with its status and version. */
async function report(townCode: string) {
  return testDb().progressReport.findFirstOrThrow({
    where: { task: { year: 2026, town: { divisionCode: townCode } }, period: { index: 4 } },
    select: { id: true, status: true, version: true },
  });
}

test.describe.configure({ timeout: 300_000 });

test("every server action, called with forged arguments, returns a translated refusal and writes nothing", async () => {
  const admin = await signIn(base, "admin");
  const staff = await signIn(base, `staff-${COUNTY}100`);
  const english = `${admin}; NEXT_LOCALE=en`;
  const actions = serverActions();
  expect(actions.length).toBeGreaterThan(60);
  const before = await fingerprint();
  // Wrong types in every position, forged ids past the integer range, __proto__, huge strings
  // (raw JSON: an object literal's __proto__ would not be sent).
  const forged = [
    '["x",5]',
    "[null,null]",
    `[{"__proto__":{"isAdmin":true},"reportId":"99999999999999999999","ratingId":-1,` +
      `"runId":1e21,"expectedVersion":"1; DROP TABLE","year":99999,"name":"${"镇".repeat(100_000)}"}]`,
  ];
  const segments = {
    year: "2026",
    code: `${COUNTY}100`,
    townCode: `${COUNTY}100`,
    town: `${COUNTY}100`,
    period: "4",
  };
  for (const action of actions) {
    const label = `${action.file}#${action.name}`;
    const path = { path: actionPath(action, segments) };
    for (const args of forged) {
      expectRefused(
        await callAction(base, admin, action.id, args, path),
        `${label} ${args.slice(0, 12)}`,
      );
    }
    // A township user (wrong role) and the English interface.
    expectRefused(
      await callAction(base, staff, action.id, [{ year: 2026 }], path),
      `${label} staff`,
    );
    expectRefused(
      await callAction(base, english, action.id, [42], path),
      `${label} en`,
      /^[^\u4e00-\u9fff]+$/,
    );
  }
  expect(await fingerprint()).toBe(before);
});

test("a server action posted to a page that does not hold it leaves the server serving", async () => {
  const admin = await signIn(base, "admin");
  const before = await fingerprint();
  // Next forwards such a call to a page that holds it; the broken-off body stream of that
  // forward used to end the whole server process ("aborted").
  const createToken = actionId("lib/users/actions.ts", "createTokenAction");
  for (let i = 0; i < 3; i++) {
    const answer = await callAction(base, admin, createToken, ["x", 5], { path: "/" });
    expect(answer.status).toBeLessThan(500);
  }
  const health = await fetch(`${base}/api/health/ready`);
  expect(health.status).toBe(200);
  expect(await fingerprint()).toBe(before);
});

test("a cross-site or undecodable server-action call is refused with a message, before it runs", async () => {
  const admin = await signIn(base, "admin");
  const publish = actionId("lib/assessments/actions.ts", "publishRunAction");
  const titles = actionId("lib/towns/actions.ts", "titleEventAction");
  const before = await fingerprint();
  // Read before the calls start (they run as soon as the list is built).
  const lastAudit = await testDb().auditLog.aggregate({ _max: { id: true } });
  const cases: [string, Promise<ActionAnswer>, number, string][] = [
    [
      "another site's Origin",
      callAction(base, admin, publish, [{ runId: 1, expectedRevision: 1 }], {
        headers: { Origin: "https://evil.example" },
      }),
      403,
      "请求不是从本网站的页面发出的",
    ],
    [
      "no Origin, another site's Referer",
      callAction(base, admin, publish, [{ runId: 1, expectedRevision: 1 }], {
        headers: { Origin: "", Referer: "https://evil.example/x" },
      }),
      403,
      "请求不是从本网站的页面发出的",
    ],
    [
      "a prefetch header does not skip the check",
      callAction(base, admin, publish, [{ runId: 1, expectedRevision: 1 }], {
        headers: { Origin: "https://evil.example", "Next-Router-Prefetch": "1" },
      }),
      403,
      "请求不是从本网站的页面发出的",
    ],
    ["a body that is not JSON", callAction(base, admin, publish, "{not json"), 400, "请求内容"],
    ["JSON that is not a list", callAction(base, admin, publish, '{"a":1}'), 400, "请求内容"],
    [
      "malformed multipart",
      callAction(base, admin, titles, "--zz\r\ngarbage", {
        path: "/admin/towns/330803100",
        headers: { "Content-Type": "multipart/form-data; boundary=zz" },
      }),
      400,
      "请求内容",
    ],
  ];
  for (const [label, call, status, message] of cases) {
    const answer = await call;
    expect(answer.status, `${label}: ${answer.body.slice(0, 200)}`).toBe(status);
    const body = JSON.parse(answer.body) as { error: { message: string } };
    expect(body.error.message, label).toContain(message);
  }
  // Each cross-site call left one audit row: the actor, the address, the page and the Origin.
  const denied = await testDb().auditLog.findMany({
    where: { id: { gt: lastAudit._max.id ?? 0 }, action: "access.denied" },
  });
  const crossSite = denied.filter((r) =>
    String((r.after as { origin?: string } | null)?.origin).includes("evil.example"),
  );
  expect(crossSite, JSON.stringify(denied.map((r) => r.after))).toHaveLength(3);
  for (const row of crossSite) {
    expect(row.actorName).toBe("admin");
    expect(row.ip).toMatch(/127\.0\.0\.1|::1/);
    expect(row.after).toMatchObject({ action: "serverAction", code: "FORBIDDEN", where: "POST /" });
  }
  // In English for a user who chose it.
  const english = await callAction(base, `${admin}; NEXT_LOCALE=en`, publish, "[", {});
  expect(english.status).toBe(400);
  expect(JSON.parse(english.body).error.message).toMatch(/^[^\u4e00-\u9fff]+$/);
  expect(await fingerprint()).toBe(before);
});

test("write endpoints refuse wrong roles, other counties' ids, forged ids and bad bodies with 4xx and a message", async () => {
  const db = testDb();
  const rating = await db.starRating.findFirstOrThrow({
    where: { year: 2026, status: "SCORING", town: { county: { divisionCode: COUNTY } } },
    select: { id: true, town: { select: { divisionCode: true } } },
    orderBy: { id: "asc" },
  });
  const draft = await report(`${COUNTY}100`);
  const decimal = await db.indicator.findFirstOrThrow({
    where: { year: 2026, valueType: "DECIMAL", maxValue: null },
    select: { id: true },
  });
  const reviewer = await signIn(base, `reviewer-${COUNTY}`);
  const otherReviewer = await signIn(base, OTHER_COUNTY_REVIEWER);
  const staff = await signIn(base, `staff-${COUNTY}100`);
  const otherStaff = await signIn(base, `staff-${COUNTY}001`);
  const admin = await signIn(base, "admin");
  const pdf = (field: string, value: string) =>
    [
      "--zz",
      `Content-Disposition: form-data; name="${field}"`,
      "",
      value,
      "--zz",
      'Content-Disposition: form-data; name="file"; filename="a.pdf"',
      "Content-Type: application/pdf",
      "",
      "%PDF-1.4",
      "--zz--",
      "",
    ].join("\r\n");
  const multipart = "multipart/form-data; boundary=zz";
  const sheet = `/api/ratings/${rating.id}/sheet`;
  const before = await fingerprint();
  const cases: [string, Promise<Response>, number | number[]][] = [
    [
      "another county's reviewer on a score sheet",
      post(otherReviewer, sheet, '{"expectedVersion":1,"items":{}}'),
      [403, 404],
    ],
    [
      "a township user on a score sheet",
      post(staff, sheet, '{"expectedVersion":1,"items":{}}'),
      403,
    ],
    [
      "a reviewer on the town's self-assessment",
      post(reviewer, `/api/ratings/${rating.id}/self`, '{"expectedVersion":1,"items":{}}'),
      403,
    ],
    [
      "a rating id past the integer range",
      post(reviewer, "/api/ratings/99999999999999999999/sheet", "{}"),
      404,
    ],
    // A path that names no record is not found (lib/http/handlers.ts pathId).
    ["a negative rating id", post(reviewer, "/api/ratings/-1/sheet", "{}"), 404],
    ["an id that is not a number", post(reviewer, "/api/ratings/abc/sheet", "{}"), 404],
    [
      "a rating that does not exist",
      post(reviewer, "/api/ratings/2147483647/sheet", '{"expectedVersion":1,"items":{}}'),
      404,
    ],
    ["a body that is not JSON", post(reviewer, sheet, "{not json"), 400],
    ["a JSON list instead of an object", post(reviewer, sheet, "[1,2]"), 400],
    [
      "a version of the wrong type",
      post(reviewer, sheet, '{"expectedVersion":"x","items":{}}'),
      400,
    ],
    [
      "a version past the integer range",
      post(reviewer, sheet, '{"expectedVersion":1e30,"items":{}}'),
      400,
    ],
    [
      "a huge comment",
      post(
        reviewer,
        sheet,
        JSON.stringify({
          expectedVersion: 1,
          items: { 1: { choices: [], comment: "评".repeat(200_000) } },
        }),
      ),
      400,
    ],
    [
      "a value past its column (20 digits, an indicator without a maximum)",
      post(
        staff,
        `/api/reports/${draft.id}/draft`,
        JSON.stringify({
          expectedVersion: draft.version,
          values: { [String(decimal.id)]: "99999999999999999999" },
        }),
      ),
      400,
    ],
    [
      "a narrative past its length",
      post(
        staff,
        `/api/reports/${draft.id}/draft`,
        JSON.stringify({ expectedVersion: draft.version, narrative: "述".repeat(6000) }),
      ),
      400,
    ],
    [
      "another town's report draft",
      post(
        otherStaff,
        `/api/reports/${draft.id}/draft`,
        JSON.stringify({ expectedVersion: draft.version }),
      ),
      [403, 404],
    ],
    [
      "evidence on another town's report",
      post(otherStaff, `/api/reports/${draft.id}/evidence`, pdf("indicatorId", "1"), multipart),
      [403, 404],
    ],
    [
      "evidence with a forged indicator",
      post(staff, `/api/reports/${draft.id}/evidence`, pdf("indicatorId", "__proto__"), multipart),
      400,
    ],
    [
      "evidence with an indicator past the integer range",
      post(
        staff,
        `/api/reports/${draft.id}/evidence`,
        pdf("indicatorId", "99999999999999999999"),
        multipart,
      ),
      400,
    ],
    [
      "evidence in malformed multipart",
      post(staff, `/api/reports/${draft.id}/evidence`, "--zz\r\ngarbage", multipart),
      400,
    ],
    ["evidence sent as JSON", post(staff, `/api/reports/${draft.id}/evidence`, "{}"), 400],
    [
      "self-assessment evidence of another town",
      post(otherStaff, `/api/ratings/${rating.id}/evidence`, pdf("itemId", "1"), multipart),
      [403, 404],
    ],
    [
      "a creation-list import by a reviewer",
      post(reviewer, "/api/tasks/2026/import", pdf("x", "y"), multipart),
      403,
    ],
    [
      "a creation-list import into a year past the range",
      post(admin, "/api/tasks/99999999999999/import", pdf("x", "y"), multipart),
      400,
    ],
    [
      "a rating-scheme import in malformed multipart",
      post(admin, "/api/rating-schemes/1/import", "garbage", multipart),
      400,
    ],
    [
      "a write from another site",
      post(reviewer, sheet, '{"expectedVersion":1,"items":{}}', "application/json", {
        Origin: "https://evil.example",
      }),
      403,
    ],
  ];
  for (const [label, call, status] of cases) {
    const answer = await refusal(await call);
    expect([status].flat(), label).toContain(answer.status);
  }
  expect(await fingerprint()).toBe(before);
});

test("two tabs saving the same version: one save wins, the others are told it changed", async () => {
  const db = testDb();
  const rating = await db.starRating.findFirstOrThrow({
    where: { year: 2026, status: "SCORING", town: { divisionCode: `${COUNTY}103` } },
    select: { id: true },
  });
  const reviewer = await signIn(base, `reviewer-${COUNTY}`);
  const current = await db.scoreSheet.findFirst({
    where: { ratingId: rating.id, reviewer: { username: `reviewer-${COUNTY}` } },
    select: { version: true, status: true },
  });
  test.skip(current?.status === "SUBMITTED", "the sheet was submitted by the demo data");
  const version = current?.version ?? 0;
  const saves = await Promise.all(
    Array.from({ length: 8 }, () =>
      post(
        reviewer,
        `/api/ratings/${rating.id}/sheet`,
        JSON.stringify({ expectedVersion: version, items: {} }),
      ),
    ),
  );
  const statuses = saves.map((r) => r.status).sort();
  expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(7);
  for (const lost of saves.filter((r) => r.status === 409)) await refusal(lost);

  // The same on a report draft of the county.
  const draft = await report(`${COUNTY}101`);
  const staff = await signIn(base, `staff-${COUNTY}101`);
  const drafts = await Promise.all(
    Array.from({ length: 8 }, () =>
      post(
        staff,
        `/api/reports/${draft.id}/draft`,
        JSON.stringify({ expectedVersion: draft.version }),
      ),
    ),
  );
  expect(drafts.filter((r) => r.status === 200)).toHaveLength(1);
  expect(drafts.filter((r) => r.status === 409)).toHaveLength(7);
  expect((await report(`${COUNTY}101`)).version).toBe(draft.version + 1);
});

test("the confirmation queue: only the city returns a report to its county, once, at the version it saw", async () => {
  const approved = await report(`${COUNTY}111`);
  expect(approved.status).toBe("COUNTY_APPROVED");
  const returnToCounty = actionId("lib/reports/actions.ts", "returnToCountyAction");
  const input = {
    reportId: approved.id,
    expectedVersion: approved.version,
    comment: "数据与台账不符",
  };
  const reviewer = await signIn(base, `reviewer-${COUNTY}`);
  const path = { path: "/admin/confirmations" };
  expectRefused(await callAction(base, reviewer, returnToCounty, [input], path), "reviewer");
  // The leader reads this queue (its page holds the action) but may not act on it.
  const leader = await signIn(base, "leader");
  expectRefused(await callAction(base, leader, returnToCounty, [input], path), "leader");
  expectRefused(
    await callAction(
      base,
      await signIn(base, OTHER_COUNTY_REVIEWER),
      returnToCounty,
      [input],
      path,
    ),
    "another county",
  );
  expect(await report(`${COUNTY}111`)).toEqual(approved);
  // Two administrators' tabs at once: one return, one refusal.
  const admin = await signIn(base, "admin");
  const answers = await Promise.all(
    [0, 1].map(() => callAction(base, admin, returnToCounty, [input], path)),
  );
  const values = answers.map((a) => (a.value as { status: string }).status).sort();
  expect(values).toEqual(["error", "ok"]);
  for (const a of answers) expect(a.thrown).toBe(false);
  const after = await report(`${COUNTY}111`);
  expect(after.status).not.toBe("COUNTY_APPROVED");
  expect(after.version).toBe(approved.version + 1);
});

test("the newest features: the draft read, record keys, text, the audit export, table URLs, notices, the in-place sign-in", async ({
  page,
}) => {
  const db = testDb();
  const draft = await report(`${COUNTY}100`);
  const indicator = await db.indicator.findFirstOrThrow({
    where: { year: 2026, valueType: "DECIMAL" },
    select: { id: true },
  });
  const staff = await signIn(base, `staff-${COUNTY}100`);
  const otherStaff = await signIn(base, `staff-${COUNTY}001`);
  const otherReviewer = await signIn(base, OTHER_COUNTY_REVIEWER);
  const admin = await signIn(base, "admin");
  const get = (cookie: string, path: string) => fetch(`${base}${path}`, { headers: { cookie } });
  const before = await fingerprint();

  // GET /api/reports/{id}/draft: only for who may edit the report; odd ids are 4xx, not 500.
  expect((await get(staff, `/api/reports/${draft.id}/draft`)).status).toBe(200);
  for (const [label, cookie, id, status] of [
    ["another town's staff", otherStaff, String(draft.id), [403, 404]],
    ["another county's reviewer", otherReviewer, String(draft.id), [403, 404]],
    ["an id that is not a number", staff, "abc", [404]],
    ["__proto__ as the id", staff, "__proto__", [404]],
    ["an id past the integer range", staff, "99999999999", [404]],
    ["1e400", staff, "1e400", [404]],
  ] as const) {
    const answer = await refusal(await get(cookie, `/api/reports/${id}/draft`));
    expect([...status], label).toContain(answer.status);
  }
  expect((await fetch(`${base}/api/reports/${draft.id}/draft`)).status).toBe(401);

  // Record keys and text the database cannot hold: a clear 400, nothing saved, no version bump.
  const save = (body: object) =>
    post(staff, `/api/reports/${draft.id}/draft`, JSON.stringify(body));
  for (const [label, body, text] of [
    [
      "__proto__ as an indicator id",
      `{"expectedVersion":${draft.version},"values":{"__proto__":"12"}}`,
      "无法识别的条目",
    ],
    [
      "constructor as an indicator id",
      `{"expectedVersion":${draft.version},"notes":{"constructor":"x"}}`,
      "无法识别的条目",
    ],
    [
      "an indicator id past the integer range",
      `{"expectedVersion":${draft.version},"values":{"99999999999":"1"}}`,
      "无法识别的条目",
    ],
  ] as const) {
    const response = await post(staff, `/api/reports/${draft.id}/draft`, body);
    const answer = (await response.json()) as {
      error: { message: string; fields?: Record<string, string> };
    };
    expect(response.status, label).toBe(400);
    expect(JSON.stringify(answer.error), label).toContain(text);
  }
  const nul = await save({
    expectedVersion: draft.version,
    narrative: "a\u0000b",
    values: { [String(indicator.id)]: "1" },
  });
  expect(nul.status).toBe(400);
  // Refused by the schema under its field (lib/validation/text.ts), before the database sees it.
  const nulAnswer = (await nul.json()) as { error: { fields?: Record<string, string> } };
  expect(nulAnswer.error.fields?.narrative).toContain("空字符");
  // Half an emoji (a lone surrogate, escaped in the JSON text: a JS string would be sent as
  // "�" by the UTF-8 encoder) likewise: PostgreSQL would have stored "�" instead.
  const half = await post(
    staff,
    `/api/reports/${draft.id}/draft`,
    `{"expectedVersion":${draft.version},"narrative":"绿道\\ud83c"}`,
  );
  expect(half.status).toBe(400);
  const halfAnswer = (await half.json()) as { error: { fields?: Record<string, string> } };
  expect(halfAnswer.error.fields?.narrative).toContain("无法保存");
  expect((await report(`${COUNTY}100`)).version).toBe(draft.version);
  expect(await fingerprint()).toBe(before);
  // A year past every range in a path or an export's query (the attack pass had 500s): the
  // path names nothing (404), the export falls back to the current year as the others do.
  for (const year of ["9999999999999999999999999999", "2147483648", "0", "abc"]) {
    const answer = await get(admin, `/api/v1/ratings/${COUNTY}100/${year}`);
    expect(answer.status, year).toBe(404);
  }
  for (const year of ["99999999999999999999999", "Infinity", "3000000000", "-1"]) {
    const answer = await get(admin, `/export/ratings?format=csv&year=${year}`);
    expect(answer.status, year).toBe(200);
  }

  // The audit export: administrators only; odd filters are ignored, never a 500. A row whose
  // values are empty or dotted (a cleared note; a refused call without Origin) reads as text.
  await db.auditLog.create({
    data: {
      action: "access.denied",
      entityType: "Request",
      entityId: "-",
      after: { action: "", code: ".", where: "ReportStatus." },
    },
  });
  for (const cookie of [staff, otherReviewer]) {
    const refused = await get(cookie, "/export/audit?format=csv");
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(refused.headers.get("content-disposition")).toBeNull();
  }
  for (const query of [
    "user=99999999999&town=99999999999",
    "user=__proto__&town=-1&page=1e400",
    "from=2023-02-30&to=0000-01-01",
    `actor=${encodeURIComponent("' OR 1=1 --")}&action=%25_&entityType=${encodeURIComponent("用户🏡")}`,
    // A NUL (PostgreSQL cannot store one) and a repeated key: read alike by page and export.
    "action=%00&actor=a%00b",
    "action=report.submit&action=%00",
    `__proto__=1&constructor=1&action=${"x".repeat(5000)}`,
  ]) {
    const response = await get(admin, `/export/audit?format=csv&${query}`);
    expect(response.status, query).toBe(200);
    expect(response.headers.get("content-type"), query).toContain("text/csv");
    // The audit page reads the same filters, and shows them (no redirect to the home page).
    const auditPage = await get(admin, `/admin/audit?${query}`);
    expect([auditPage.status, auditPage.redirected], query).toEqual([200, false]);
  }
  // The audit row of an export keeps the keys a table reads, each cut at 200 characters.
  const exported = await db.auditLog.findFirstOrThrow({
    where: { action: "export.download" },
    orderBy: { id: "desc" },
  });
  expect((exported.after as { query: unknown }).query).toEqual({
    format: "csv",
    constructor: "1",
    action: "x".repeat(200),
  });

  // Table views from hostile URLs: the server's export and the browser's table both hold.
  for (const query of [
    "sort=__proto__",
    "sort=-constructor&hide=__proto__,toString",
    `f.__proto__=x&q=${encodeURIComponent('\'; DROP TABLE "Town"; --')}&page=1e400`,
  ]) {
    expect((await get(admin, `/export/towns?format=csv&${query}`)).status, query).toBe(200);
  }
  await page.context().addCookies(
    admin.split("; ").map((pair) => {
      const [name, ...value] = pair.split("=");
      return { name: name!, value: value.join("="), url: base };
    }),
  );
  await page.goto(`/admin/towns?sort=constructor&hide=__proto__&page=99999999&q=%25`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText(/出错|Something went wrong|Application error/)).toHaveCount(0);

  // The audit page shows the rows above (the empty and dotted values) as text.
  await page.goto("/admin/audit?action=access.denied");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText("ReportStatus.").first()).toBeVisible();

  // Notices: only the known ones show; a crafted value injects nothing.
  for (const notice of ["__proto__", "constructor", "<img src=x onerror=alert(1)>", "toString"]) {
    await page.goto(`/admin/towns?notice=${encodeURIComponent(notice)}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByTestId("page-notice")).toHaveCount(0);
  }

  // The in-place sign-in is next-auth's credentials call: without its CSRF token no session,
  // and a foreign callbackUrl does not leave the site.
  const noCsrf = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: `username=staff-${COUNTY}100&password=${encodeURIComponent(DEMO_PASSWORD)}&json=true`,
  });
  expect(noCsrf.headers.get("set-cookie") ?? "").not.toMatch(/session-token=[^;]+/);
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = (csrf.headers.get("set-cookie") ?? "").split(";")[0]!;
  const foreign = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: base,
      cookie: csrfCookie,
    },
    body: new URLSearchParams({
      csrfToken,
      username: `staff-${COUNTY}100`,
      password: DEMO_PASSWORD,
      callbackUrl: "https://evil.example/x",
      json: "true",
    }).toString(),
  });
  const location = foreign.headers.get("location") ?? "";
  expect(location).not.toContain("evil.example");
});

test("parallel draft saves at one version: exactly one is saved, the others are told it changed", async () => {
  await resetReportToDraft(`${COUNTY}100`, 2026, 4, []);
  const draft = await report(`${COUNTY}100`);
  const staff = await signIn(base, `staff-${COUNTY}100`);
  const statuses = await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      post(
        staff,
        `/api/reports/${draft.id}/draft`,
        JSON.stringify({ expectedVersion: draft.version, narrative: `并发 ${i}` }),
      ).then((r) => r.status),
    ),
  );
  expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(5);
  expect((await report(`${COUNTY}100`)).version).toBe(draft.version + 1);
});
