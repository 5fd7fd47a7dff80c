/**
 * Charts stay readable and do not block the first paint (issues 13.12 and 15.4): the cockpit's
 * HTML carries every chart as SVG with all its category labels, none cut off, in both
 * languages and at desktop and phone widths; Apache ECharts is fetched only when someone
 * points at a chart; each page's first-load JavaScript stays within the 180 kB (gzip) budget;
 * stars use the one star colour scale.
 */
import { gzipSync } from "node:zlib";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { STAR_COLOURS } from "@/lib/charts/star-scale";
import { signInViaApi } from "./fixtures";

/**
 * Every page within the 180 kB target (issue 15, part 4). Measured 2026-12-05 once messages are
 * compiled at build time (no ICU parser in the browser: −5.2 kB everywhere) and the report form's
 * shared rules compute with big.js instead of Prisma's browser Decimal (decimal.js: −12.6 kB):
 * the cockpit 156.8 kB, the county page 174.3, the town page 156.0, the report form 172.1.
 */
const BUDGET_BYTES = 180 * 1024;
// The six counties in the order of their division codes (330802 … 330881), as the charts list them.
const COUNTIES = {
  "zh-CN": ["柯城区", "衢江区", "常山县", "开化县", "龙游县", "江山市"],
  en: [
    "Kecheng District",
    "Qujiang District",
    "Changshan County",
    "Kaihua County",
    "Longyou County",
    "Jiangshan City",
  ],
};
const squash = (text: string) => text.replace(/\s+/g, "");
// A method name of the ECharts instance: minifiers keep property names, so it marks the chunk.
const ECHARTS_MARK = "renderToSVGString";

async function signedInPage(
  browser: Browser,
  locale: "zh-CN" | "en",
  options: { javaScriptEnabled?: boolean; width?: number } = {},
) {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: { width: options.width ?? 1280, height: 900 },
    baseURL: test.info().project.use.baseURL,
  });
  const page = await context.newPage();
  await signInViaApi(page, "leader");
  await context.addCookies([
    { name: "NEXT_LOCALE", value: locale, url: test.info().project.use.baseURL! },
  ]);
  return page;
}

/** Every script the page fetched, with its gzip size and whether it is the ECharts chunk. */
function recordScripts(page: Page) {
  const scripts: { url: string; gzip: number; echarts: boolean }[] = [];
  page.on("response", async (response) => {
    if (response.request().resourceType() !== "script") return;
    const body = await response.body().catch(() => null);
    if (!body) return;
    scripts.push({
      url: response.url(),
      gzip: gzipSync(body).length,
      echarts: body.includes(ECHARTS_MARK),
    });
  });
  return scripts;
}

/** The category labels of each chart on the page, read from its table view. */
async function labelsFromTables(page: Page): Promise<string[][]> {
  const panels = page.locator("[data-chart-panel]");
  const labels: string[][] = [];
  for (const panel of await panels.all()) {
    await panel.getByRole("button", { name: /表格|Table/ }).click();
    labels.push(await panel.locator("tbody th").allTextContents());
    await panel.getByRole("button", { name: /图表|Chart/ }).click();
  }
  return labels;
}

for (const locale of ["zh-CN", "en"] as const) {
  test(`the cockpit's HTML carries every chart as SVG with all its labels (${locale})`, async ({
    browser,
  }) => {
    const live = await signedInPage(browser, locale);
    await live.goto("/dashboard?year=2022");
    const expected = await labelsFromTables(live);
    expect(expected).toHaveLength(5);
    expect(expected[0]).toEqual(COUNTIES[locale]); // attainment by county
    expect(expected[4]).toEqual(COUNTIES[locale]); // stars by county

    // Without JavaScript: the server's SVGs, both widths, titled, with every label as text.
    const still = await signedInPage(browser, locale, { javaScriptEnabled: false });
    await still.goto("/dashboard?year=2022");
    const panels = still.locator("[data-testid=chart-still]");
    await expect(panels).toHaveCount(5);
    for (const [i, labels] of expected.entries()) {
      const svgs = panels.nth(i).locator("svg");
      await expect(svgs).toHaveCount(2);
      for (const svg of await svgs.all()) {
        await expect(svg).toHaveAttribute("role", "img");
        expect(await svg.getAttribute("aria-label")).toBeTruthy();
        const text = squash((await svg.locator("text").allTextContents()).join(""));
        for (const label of labels) expect(text, `chart ${i}: ${label}`).toContain(squash(label));
      }
    }
    await live.context().close();
    await still.context().close();
  });

  for (const width of [1280, 390]) {
    test(`no chart label is cut off at ${width} px (${locale})`, async ({ browser }) => {
      const page = await signedInPage(browser, locale, { width });
      await page.goto("/dashboard?year=2022");
      const svgs = page.locator("[data-testid=chart-still] svg:visible");
      await expect(svgs).toHaveCount(5);
      // Each text's box lies inside its SVG's box: 1 px slack across; 4 px up and down, as
      // Chromium boxes text in CJK fonts below its central baseline (glyphs are inside).
      const outside = await svgs.evaluateAll((elements) =>
        elements.flatMap((svg) => {
          const box = svg.getBoundingClientRect();
          return [...svg.querySelectorAll("text")]
            .filter((text) => {
              const r = text.getBoundingClientRect();
              return (
                r.left < box.left - 1 ||
                r.right > box.right + 1 ||
                r.top < box.top - 4 ||
                r.bottom > box.bottom + 4
              );
            })
            .map((text) => text.textContent);
        }),
      );
      expect(outside).toEqual([]);
      // The labels are no smaller than 10 px on screen (the SVG is scaled to its box).
      const smallest = await svgs.evaluateAll((elements) =>
        Math.min(
          ...elements.flatMap((svg) =>
            [...svg.querySelectorAll("text")].map((t) => t.getBoundingClientRect().height),
          ),
        ),
      );
      expect(smallest).toBeGreaterThanOrEqual(10);
      // For a reviewer's eye: each chart panel as drawn.
      const panels = page.locator("[data-chart-panel]");
      for (const [i, panel] of (await panels.all()).entries()) {
        await panel.screenshot({
          path: test.info().outputPath(`chart-${locale}-${width}-${i}.png`),
        });
      }
      await page.context().close();
    });
  }
}

test("ECharts is fetched only when someone points at a chart", async ({ browser }) => {
  const page = await signedInPage(browser, "zh-CN");
  const scripts = recordScripts(page);
  await page.goto("/dashboard");
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForTimeout(500);
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((s) => s.echarts)).toEqual([]);
  await expect(page.getByTestId("chart-live")).toHaveCount(0);

  const chart = page.getByTestId("chart-by-county");
  await chart.locator("[data-testid=chart-still]").hover();
  await expect(chart.getByTestId("chart-live").locator("svg")).toBeVisible();
  expect(scripts.filter((s) => s.echarts)).toHaveLength(1);
  // The interactive chart draws the same labels.
  const text = squash(
    (await chart.getByTestId("chart-live").locator("text").allTextContents()).join(""),
  );
  for (const county of COUNTIES["zh-CN"]) expect(text).toContain(county);
  await page.context().close();
});

test("stars take the one star colour scale in the chart, its legend and the town table", async ({
  browser,
}) => {
  const page = await signedInPage(browser, "zh-CN");
  await page.goto("/dashboard?year=2022");
  const panel = page.locator("[data-chart-panel]").last();
  const swatches = panel.getByRole("list").locator("li > span");
  await expect(swatches).toHaveCount(5);
  const toRgb = (hex: string) =>
    `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(", ")})`;
  expect(
    await swatches.evaluateAll((s) => s.map((e) => getComputedStyle(e).backgroundColor)),
  ).toEqual(STAR_COLOURS.map(toRgb));
  const svg = await panel.locator("[data-testid=chart-still] svg:visible").innerHTML();
  for (const colour of STAR_COLOURS) expect(svg).toContain(`fill="${colour}"`);

  // The county's town table shows each rated town's stars in its level's colour.
  await page.goto("/counties/330825?year=2022");
  const stars = page.getByTestId("town-figures-table").getByRole("img", { name: /星/ }).first();
  await expect(stars).toBeVisible();
  const level = Number((await stars.getAttribute("aria-label"))!.match(/\d/)![0]);
  expect(
    await stars
      .locator("span")
      .first()
      .evaluate((e) => getComputedStyle(e).color),
  ).toBe(toRgb(STAR_COLOURS[level - 1]!));
  await page.context().close();
});

test("first-load JavaScript stays within 180 kB (gzip) on the heaviest pages", async ({
  browser,
}) => {
  const pages: [string, string][] = [
    ["leader", "/dashboard"],
    ["leader", "/counties/330825"],
    ["staff-330825101", "/towns/330825101"],
    ["staff-330825101", "/towns/330825101/reports/2026/4"],
  ];
  const sizes: Record<string, number> = {};
  for (const [user, path] of pages) {
    const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
    const page = await context.newPage();
    await signInViaApi(page, user);
    const scripts = recordScripts(page);
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    sizes[path] = scripts.reduce((sum, s) => sum + s.gzip, 0);
    await context.close();
  }
  console.log(
    Object.entries(sizes)
      .map(([path, bytes]) => `${path}: ${(bytes / 1024).toFixed(1)} kB gzip`)
      .join("\n"),
  );
  for (const [path, bytes] of Object.entries(sizes)) {
    expect(bytes, `${path} first-load JS`).toBeLessThanOrEqual(BUDGET_BYTES);
    expect(bytes, `${path} measured nothing`).toBeGreaterThan(50 * 1024);
  }
});
