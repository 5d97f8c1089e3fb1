// Opens an HTML report in headless Chromium at 1280 by 900 pixels, as a reader would, and takes
// a full-page screenshot. Records console messages, page errors and every request, so a caller
// can prove that the page loads nothing and renders its charts.
//
//   node tools/browser/check-report.mjs REPORT.html SCREENSHOT.png
//
// Prints one JSON object: {"requests": [...], "console": [...], "errors": [...],
// "charts": N, "drawnCharts": N, "scrollWidth": W, "viewportWidth": 1280}. requests lists
// every request except the report file itself. Needs playwright-core and Chromium
// (tools/browser/install.sh).
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { launch } from "./chromium.mjs";

const [report, screenshot] = process.argv.slice(2);
if (!report || !screenshot) {
  console.error("usage: node tools/browser/check-report.mjs REPORT.html SCREENSHOT.png");
  process.exit(2);
}
const own = pathToFileURL(resolve(report)).href;
const { context, close } = await launch({ viewport: { width: 1280, height: 900 } });
const seen = { requests: [], console: [], errors: [] };
context.on("request", (request) => {
  if (request.url() !== own) seen.requests.push(`${request.method()} ${request.url()}`);
});
let status = 0;
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (m) => seen.console.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => seen.errors.push(e.message));
  await page.goto(own, { waitUntil: "load" });
  const measured = await page.evaluate(() => {
    const charts = [...document.querySelectorAll("svg")];
    const drawn = charts.filter((svg) => {
      const box = svg.getBoundingClientRect();
      const bars = [...svg.querySelectorAll("rect")].filter((r) => r.getBBox().width > 0);
      return box.width > 100 && box.height > 20 && bars.length > 0;
    });
    return {
      charts: charts.length,
      drawnCharts: drawn.length,
      scrollWidth: document.documentElement.scrollWidth,
      viewportWidth: window.innerWidth,
    };
  });
  Object.assign(seen, measured);
  await page.screenshot({ path: screenshot, fullPage: true });
} catch (e) {
  console.error(`error: ${e.message}`);
  status = 1;
} finally {
  await close();
}
process.exitCode = status;
process.stdout.write(JSON.stringify(seen) + "\n");
