// Drives the code-server workbench in headless Chromium: opens the payload URL (which runs
// test/suite in the extension host), takes the screenshots the suite asks for, and waits for
// the suite's results.json. Usage: node test/drive.mjs URL OUT_DIR TIMEOUT_SECONDS
import fs from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

const [url, out, timeoutSeconds = '300'] = process.argv.slice(2);
const deadline = Date.now() + Number(timeoutSeconds) * 1000;
const results = path.join(out, 'results.json');
const consoleLog = fs.createWriteStream(path.join(out, 'browser-console.log'));
const started = Date.now();
const note = text => console.log(`drive: ${text} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

// What the extension-host suite asks for: a screenshot; a click on an element (optionally the
// one whose text is `text`), as a user would click; text typed into an input, then Enter; or a
// wait until an element whose text contains `text` is visible (what the user sees, not what
// the API says).
async function act(page, name, request) {
  if (request.action === 'screenshot') {
    await page.screenshot({ path: path.join(out, `${name}.png`) });
    return;
  }
  if (request.action === 'click') {
    await page.waitForSelector(request.selector, { visible: true, timeout: 15000 });
    const candidates = await page.$$(request.selector);
    let target;
    for (const candidate of candidates) {
      const text = await candidate.evaluate(element => element.textContent.trim());
      if (!request.text || text === request.text) {
        target = candidate;
        break;
      }
    }
    if (!target) {
      throw new Error(`no ${request.selector} with text ${request.text}`);
    }
    await target.click();
    return;
  }
  if (request.action === 'expect') {
    await page.waitForFunction((selector, text) => [...document.querySelectorAll(selector)]
      .some(element => element.offsetParent !== null && element.textContent.includes(text)),
    { timeout: 15000, polling: 200 }, request.selector, request.text);
    return;
  }
  if (request.action === 'type') {
    // Replaces the text of an input (e.g. the file dialog's path box) and presses Enter. The value
    // is set whole and announced with an input event: typed key by key, the file dialog's own
    // completion races the keystrokes and keeps part of the old path.
    await page.waitForSelector(request.selector, { visible: true, timeout: 15000 });
    const setValue = () => page.$eval(request.selector, (input, text) => {
      input.focus();
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, request.text);
    const shows = () => page.$eval(request.selector, (input, text) => input.offsetParent !== null && input.value === text,
      request.text).catch(() => false);
    for (let attempt = 0; attempt < 5; attempt++) {
      await setValue();
      await new Promise(resolve => setTimeout(resolve, 700));
      if (await shows()) {
        await page.keyboard.press('Enter');
        await new Promise(resolve => setTimeout(resolve, 700));
        const open = await page.$eval(request.selector, input => input.offsetParent !== null).catch(() => false);
        if (!open) {
          return;
        }
      }
    }
    throw new Error(`the input ${request.selector} did not take "${request.text}"`);
  }
  throw new Error(`unknown action ${request.action}`);
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  defaultViewport: { width: 1280, height: 800 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run',
    // The workbench comes from 127.0.0.1; nothing else is resolved, so no request leaves the machine.
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
});
let status = 0;
try {
  const page = await browser.newPage();
  page.on('console', message => consoleLog.write(`${message.type()}: ${message.text()}\n`));
  page.on('pageerror', error => consoleLog.write(`pageerror: ${error.message}\n`));
  note('browser started');
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  note('workbench page loaded');
  while (!fs.existsSync(results)) {
    if (Date.now() > deadline) {
      console.error(`drive: no results after ${timeoutSeconds} s`);
      await page.screenshot({ path: path.join(out, 'timeout.png') });
      status = 1;
      break;
    }
    for (const request of fs.readdirSync(out).filter(f => f.endsWith('.request')).sort()) {
      const name = request.replace(/\.request$/, '');
      try {
        await act(page, name, JSON.parse(fs.readFileSync(path.join(out, request), 'utf8')));
        fs.renameSync(path.join(out, request), path.join(out, `${name}.done`));
      } catch (e) {
        fs.writeFileSync(path.join(out, `${name}.failed`), String(e && e.stack || e));
        fs.rmSync(path.join(out, request));
      }
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  note('suite finished');
} finally {
  await browser.close();
  note('browser closed');
  consoleLog.end();
}
process.exit(status);
