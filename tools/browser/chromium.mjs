// Launches Debian's headless Chromium through playwright-core, for the browser checks.
//
//   const { context, close } = await launch({ viewport, acceptDownloads });
//
// The profile is a fresh temporary directory, removed by close(). Needs playwright-core and
// Chromium (tools/browser/install.sh); exits with status 2 when either is missing.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir, homedir } from "node:os";
import { join } from "node:path";

const tools = process.env.PCDS_TOOLS ?? join(homedir(), ".local", "pcds-tools");

export async function launch(options = {}) {
  const { chromium } = await import(join(tools, "node", "node_modules", "playwright-core", "index.mjs"));
  const browser = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].find((b) => existsSync(b));
  if (!browser) {
    console.error("error: no Chromium: run tools/browser/install.sh");
    process.exit(2);
  }
  const profile = mkdtempSync(join(tmpdir(), "pcds-browser-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browser,
    headless: true,
    ...options,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, profile, close };
}
