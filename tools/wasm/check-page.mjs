// Drives the browser validator page in headless Chromium, as a person would: for each file,
// pick it, press Check, and download the JSON report. Records every request the page makes, so
// a caller can prove that nothing leaves the page once it has loaded.
//
//   node tools/wasm/check-page.mjs PAGE_URL FILE...
//
// Prints one JSON object: {"reports": {FILE: REPORT, ...}, "loadRequests": [...],
// "laterRequests": [...]}, where laterRequests are the http(s) requests made after the page
// said it was ready. Needs playwright-core (tools/wasm/install.sh puts it under PCDS_TOOLS)
// and Debian's Chromium (tools/browser/install.sh).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launch } from "../browser/chromium.mjs";

const [url, ...files] = process.argv.slice(2);
if (!url || files.length === 0) {
  console.error("usage: node tools/wasm/check-page.mjs PAGE_URL FILE...");
  process.exit(2);
}
const { context, profile, close } = await launch({ acceptDownloads: true });
let loaded = false;
const loadRequests = [];
const laterRequests = [];
context.on("request", (request) => {
  const address = request.url();
  if (!/^https?:/i.test(address)) return; // blob: and data: never leave the machine
  (loaded ? laterRequests : loadRequests).push(`${request.method()} ${address}`);
});

let status = 0;
const reports = {};
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
  await page.goto(url);
  await page.waitForSelector("body[data-ready=true]", { timeout: 60_000 });
  loaded = true;
  for (const file of files) {
    await page.setInputFiles("#file", file);
    await page.click("#check");
    await page.waitForSelector("#result:not([hidden])");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("#download-json"),
    ]);
    const saved = join(profile, `report-${Object.keys(reports).length}.json`);
    await download.saveAs(saved);
    reports[file] = JSON.parse(readFileSync(saved, "utf8"));
    // A fresh result for the next file.
    await page.evaluate(() => { document.getElementById("result").hidden = true; });
  }
} catch (e) {
  console.error(`error: ${e.message}`);
  status = 1;
} finally {
  await close();
}
// Let standard output drain before node exits: a pipe takes 64 KiB at a time.
process.exitCode = status;
process.stdout.write(JSON.stringify({ reports, loadRequests, laterRequests }) + "\n");
