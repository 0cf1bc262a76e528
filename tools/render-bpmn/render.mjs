#!/usr/bin/env node
// Renders BPMN 2.0 models to PNG with bpmn-js (the renderer Camunda Modeler uses)
// in headless Chromium, driven by playwright-core.
//
//   node render.mjs                      # every ../../processes/*.bpmn -> ../../processes/<Name>.png
//   node render.mjs path/to/A.bpmn ...   # only these files (PNG written beside each)
//
// Options:
//   --scale=N     device scale factor (default 2); a diagram whose PNG would be
//                 wider/taller than MAX_SIDE px fails with a hint to lower it
//   --padding=N   white margin around the diagram in CSS px (default 30)
//   --strict      treat bpmn-js import warnings as failures
//   CHROMIUM=/path/to/chromium overrides the browser (default /usr/bin/chromium)
//
// Exit code: 0 when every model imported, 1 when at least one failed
// (the bpmn-js import error and warnings are printed), 2 on usage/setup errors.

import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const processesDir = path.join(repoRoot, 'processes');

const MAX_SIDE = 16000; // Chromium cannot capture much beyond 16384 device px per side
// bpmn-js draws its bpmn.io watermark at the bottom right of the canvas (its
// licence requires it to stay visible); keep a white strip below the diagram
// for it so that it never covers a label.
const LOGO_STRIP = 40;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function parseArgs(argv) {
  const opts = { scale: 2, padding: 30, strict: false, files: [] };
  for (const arg of argv) {
    let m;
    if ((m = arg.match(/^--scale=(\d+(\.\d+)?)$/))) opts.scale = Number(m[1]);
    else if ((m = arg.match(/^--padding=(\d+)$/))) opts.padding = Number(m[1]);
    else if (arg === '--strict') opts.strict = true;
    else if (arg === '-h' || arg === '--help') {
      console.log('usage: node render.mjs [--scale=2] [--padding=30] [--strict] [file.bpmn ...]');
      process.exit(0);
    } else if (arg.startsWith('--')) {
      console.error(`unknown option ${arg}`);
      process.exit(2);
    } else opts.files.push(path.resolve(process.cwd(), arg));
  }
  if (opts.files.length === 0) {
    if (!fs.existsSync(processesDir)) {
      console.error(`no ${processesDir} directory`);
      process.exit(2);
    }
    opts.files = fs.readdirSync(processesDir)
      .filter((f) => f.endsWith('.bpmn'))
      .sort()
      .map((f) => path.join(processesDir, f));
  }
  return opts;
}

function pkgFile(rel) {
  return require.resolve(`bpmn-js/${rel}`);
}

const PAGE_HTML = `<!doctype html>
<html><head><meta charset="utf-8">
<style>
  html, body { margin: 0; padding: 0; background: #fff; overflow: hidden; }
  #canvas { position: absolute; inset: 0; background: #fff; }
</style></head>
<body><div id="canvas"></div></body></html>`;

async function renderOne(page, file, opts) {
  const xml = fs.readFileSync(file, 'utf8');
  const rel = path.relative(process.cwd(), file) || file;

  // Import into a fresh viewer; report errors and warnings.
  const result = await page.evaluate(async (xml) => {
    if (window.viewer) window.viewer.destroy();
    document.getElementById('canvas').innerHTML = '';
    const viewer = new window.BpmnJS({ container: '#canvas' });
    window.viewer = viewer;
    const fmt = (w) => String(w && w.message ? w.message : w);
    try {
      const { warnings } = await viewer.importXML(xml);
      const canvas = viewer.get('canvas');
      const root = canvas.getRootElement();
      return {
        ok: true,
        warnings: warnings.map(fmt),
        root: root.id,
        hasDrilldown: canvas.getRootElements().length > 1,
      };
    } catch (err) {
      return { ok: false, error: fmt(err), warnings: (err.warnings || []).map(fmt) };
    }
  }, xml);

  for (const w of result.warnings) console.warn(`  warning [${rel}]: ${w}`);
  if (!result.ok) {
    console.error(`FAIL ${rel}: import failed: ${result.error}`);
    return false;
  }
  if (opts.strict && result.warnings.length) {
    console.error(`FAIL ${rel}: ${result.warnings.length} import warning(s) (--strict)`);
    return false;
  }

  // Size the viewport to the diagram's bounding box (+ padding) at scale 1,
  // then fit-viewport (centred) so the whole diagram shows at 100%.
  const inner = await page.evaluate(() => {
    const canvas = window.viewer.get('canvas');
    canvas.zoom(1);
    const b = canvas.viewbox().inner;
    return { x: b.x, y: b.y, width: b.width, height: b.height };
  });
  if (!(inner.width > 0 && inner.height > 0)) {
    console.error(`FAIL ${rel}: diagram is empty (no BPMNDiagram shapes?)`);
    return false;
  }
  const width = Math.ceil(inner.width + 2 * opts.padding);
  const height = Math.ceil(inner.height + 2 * opts.padding + LOGO_STRIP);
  await page.setViewportSize({ width, height });
  const scale = await page.evaluate((strip) => {
    const canvas = window.viewer.get('canvas');
    canvas.resized();
    // viewport = bbox + padding, so this centres the diagram at zoom 1 ...
    const s = canvas.zoom('fit-viewport', 'auto');
    // ... then move it up so the bpmn.io logo (bottom right) gets a strip of its own
    canvas.scroll({ dx: 0, dy: -strip / 2 });
    return s;
  }, LOGO_STRIP);
  if (Math.abs(scale - 1) > 0.01) console.warn(`  note [${rel}]: fitted at zoom ${scale}`);
  // Let fonts and layout settle.
  await page.evaluate(() => document.fonts.ready);

  const out = file.replace(/\.bpmn$/i, '') + '.png';
  await page.screenshot({
    path: out,
    clip: { x: 0, y: 0, width, height },
    omitBackground: false,
    animations: 'disabled',
  });
  const dpr = await page.evaluate(() => window.devicePixelRatio);
  const px = `${Math.round(width * dpr)}x${Math.round(height * dpr)}`;
  console.log(`ok   ${rel} -> ${path.relative(process.cwd(), out)} (${px} px` +
    `${result.warnings.length ? `, ${result.warnings.length} warning(s)` : ''}` +
    `${result.hasDrilldown ? ', collapsed subprocess contents not shown' : ''})`);
  return true;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.files.length === 0) {
    console.error('no .bpmn files to render');
    process.exit(2);
  }
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    console.error(`chromium not found at ${executablePath} (set CHROMIUM=...)`);
    process.exit(2);
  }

  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'render-bpmn-'));
  let context;
  let failures = 0;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1200, height: 800 },
      deviceScaleFactor: opts.scale,
      offline: true,
    });
    const page = context.pages()[0] || await context.newPage();
    page.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
    await page.setContent(PAGE_HTML);
    await page.addStyleTag({ path: pkgFile('dist/assets/diagram-js.css') });
    await page.addStyleTag({ path: pkgFile('dist/assets/bpmn-js.css') });
    await page.addScriptTag({ path: pkgFile('dist/bpmn-viewer.production.min.js') });

    for (const file of opts.files) {
      if (!fs.existsSync(file)) {
        console.error(`FAIL ${file}: no such file`);
        failures++;
        continue;
      }
      let ok;
      try {
        ok = await checkSize(page, file, opts) && await renderOne(page, file, opts);
      } catch (err) {
        console.error(`FAIL ${file}: ${err.message}`);
        ok = false;
      }
      if (!ok) failures++;
    }
  } finally {
    if (context) await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  if (failures) {
    console.error(`${failures} of ${opts.files.length} model(s) failed`);
    process.exit(1);
  }
}

// deviceScaleFactor is fixed for the whole browser context, so a diagram that
// would exceed MAX_SIDE device pixels is reported instead of being cut off.
async function checkSize(page, file, opts) {
  const size = await measure(page, file);
  if (!size) return true; // renderOne reports the import error
  const side = Math.max(size.width, size.height) + 2 * opts.padding;
  if (side * opts.scale <= MAX_SIDE) return true;
  const fit = Math.floor((MAX_SIDE / side) * 10) / 10;
  console.error(`FAIL ${path.basename(file)}: ${Math.ceil(side)} px at scale ${opts.scale} exceeds ` +
    `${MAX_SIDE} px; rerun it with --scale=${fit}`);
  return false;
}

async function measure(page, file) {
  const xml = fs.readFileSync(file, 'utf8');
  return page.evaluate(async (xml) => {
    const el = document.createElement('div');
    el.style.cssText = 'position:absolute;left:0;top:0;width:800px;height:600px;visibility:hidden';
    document.body.appendChild(el);
    const v = new window.BpmnJS({ container: el });
    try {
      await v.importXML(xml);
      const b = v.get('canvas').viewbox().inner;
      return { width: b.width, height: b.height };
    } catch {
      return null;
    } finally {
      v.destroy();
      el.remove();
    }
  }, xml);
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exit(2);
});
