// (c) "Show Code Map" renders clusters (screenshot kept as an artifact); clicking a point opens its code; the map
// fills the editor area with the cluster list beside it; clicking a cluster lists its members by file and can
// restrict the search to them; the map exports as SVG and PNG.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as A from '../actions';
import { findPoint, openMap } from '../map';
import { EDITOR_PART, PANEL } from '../selectors';
import { screenshot, session } from '../session';

suite('code map', () => {
  test('renders clusters, and a click on a point opens its code', async () => {
    const { page } = session();
    await A.closeAllEditors(page);
    const { frame, chunks, clusters } = await openMap(page);
    assert.ok(chunks >= 5, `only ${chunks} chunks on the map`);
    assert.ok(clusters >= 2, `only ${clusters} cluster(s)`);
    assert.equal(await frame.locator(PANEL.clusterItem).count(), clusters, 'one list entry per cluster');
    await screenshot('code-map');

    const hit = await findPoint(frame);
    await frame.locator(PANEL.mapCanvas).click({ position: { x: hit.x, y: hit.y } });
    await A.waitForEditor(page, hit.path);
    const sel = await A.selectionLines(page);
    assert.equal(sel.start, hit.line, `the map point said ${hit.path}:${hit.line}; the editor shows "${sel.text}"`);
    await screenshot('code-map-opened');
  });

  test('opens across the editor area, with the cluster list beside the map', async () => {
    const { page } = session();
    await A.closeAllEditors(page);
    const { frame } = await openMap(page);
    const editor = (await page.locator(EDITOR_PART).boundingBox())!;
    const view = (await page.locator('iframe.webview.ready').first().boundingBox())!;
    assert.ok(view.width >= 0.9 * editor.width, `the panel is ${Math.round(view.width)} px wide in a ${Math.round(editor.width)} px editor area`);
    const canvas = (await frame.locator(PANEL.mapCanvas).boundingBox())!;
    const list = (await frame.locator(PANEL.clusterList).boundingBox())!;
    assert.ok(list.x >= canvas.x + canvas.width - 1, 'the cluster list is to the right of the map');
    assert.ok(list.y < canvas.y + canvas.height, 'and beside it, not below');
  });

  test('opens across the editor area also when the editor is split', async () => {
    const { page } = session();
    await A.closeAllEditors(page);
    await A.openFile(page, 'src/geo/spherical.ts');
    await A.runCommand(page, 'View: Split Editor Right');
    await page.locator('.editor-group-container').nth(1).waitFor({ timeout: 10_000 });
    await openMap(page);
    const editor = (await page.locator(EDITOR_PART).boundingBox())!;
    const view = (await page.locator('iframe.webview.ready').first().boundingBox())!;
    await screenshot('code-map-from-split');
    assert.ok(view.width >= 0.9 * editor.width, `the panel is ${Math.round(view.width)} px wide in a ${Math.round(editor.width)} px editor area`);
    await A.closeAllEditors(page);
    await A.runCommand(page, 'View: Join All Editor Groups').catch(() => undefined);
  });

  test('clicking a cluster lists its members by file, and "Search in this cluster" searches only them', async () => {
    const { page } = session();
    const { frame } = await openMap(page);
    // The largest cluster (listed first).
    const item = frame.locator(PANEL.clusterItem).first();
    const label = await item.locator('.cluster-label').innerText();
    const size = Number(await item.locator('.cluster-size').innerText());
    await item.click();
    await frame.locator(PANEL.clusterMembers).waitFor({ state: 'visible', timeout: 10_000 });
    const members = await frame.locator(PANEL.member).evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
    assert.equal(members.length, size, `the cluster says ${size} chunks; ${members.length} members listed`);
    const perFile = await frame.locator(`${PANEL.memberFile} .member-path`).allInnerTexts();
    assert.equal(perFile.reduce((n, t) => n + Number(/\((\d+)\)$/.exec(t)![1]), 0), size, `grouped by file: ${perFile.join(', ')}`);
    const ranges = members.map((t) => /^(.+):(\d+)–(\d+)$/.exec(t)!).map((m) => ({ path: m[1], start: Number(m[2]), end: Number(m[3]) }));
    const inCluster = (loc: string) => {
      const m = /^(.+):(\d+)$/.exec(loc)!;
      return ranges.some((r) => r.path === m[1] && Number(m[2]) >= r.start && Number(m[2]) <= r.end);
    };
    await screenshot('code-map-cluster-members');

    await frame.locator(PANEL.membersSearch).click();
    await frame.locator(PANEL.searchView).waitFor({ state: 'visible', timeout: 10_000 });
    const note = frame.locator(PANEL.searchRestriction);
    await note.waitFor({ state: 'visible', timeout: 10_000 });
    assert.ok((await note.innerText()).includes(label), `the search says it is restricted to "${label}"`);
    // A vague query: hybrid search reaches every chunk through its semantic half, so only the restriction limits it.
    const search = async (query: string) => {
      await frame.locator(PANEL.searchInput).fill(query);
      await frame.locator(PANEL.searchInput).press('Enter');
      await frame.locator(PANEL.searchStatus).filter({ hasText: /results? \(|No results/ }).waitFor({ timeout: 30_000 });
      await page.waitForTimeout(300);
      return frame.locator(`${PANEL.searchResults} ${PANEL.resultPath}`).allInnerTexts();
    };
    const restricted = await search('function that returns a value');
    assert.ok(restricted.length > 0 && restricted.length <= size, `${restricted.length} results from a cluster of ${size}`);
    for (const loc of restricted) assert.ok(inCluster(loc), `${loc} is not a member of "${label}"`);
    await screenshot('code-map-cluster-search');

    await frame.locator(PANEL.searchRestrictionClear).click();
    await note.waitFor({ state: 'hidden', timeout: 10_000 });
    const all = await search('function that returns a value');
    assert.ok(all.some((loc) => !inCluster(loc)), `after Clear the search reaches other clusters: ${all.join(', ')}`);
  });

  test('exports the map as SVG and PNG through the save dialog', async () => {
    const { page, workspace } = session();
    const { frame, chunks, clusters } = await openMap(page);
    const dir = path.join(path.dirname(workspace), `map-export-${Date.now()}`);
    fs.mkdirSync(dir, { recursive: true });
    const svgFile = path.join(dir, 'map.svg');
    await frame.locator(PANEL.mapExportSvg).click();
    await A.answerSaveDialog(page, svgFile);
    await frame.locator(PANEL.mapStatus).filter({ hasText: 'Saved the map to' }).waitFor({ timeout: 20_000 });
    const svg = fs.readFileSync(svgFile, 'utf8');
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.equal((svg.match(/<path [^>]*data-cluster="\d+"/g) ?? []).length, chunks, 'one shape per chunk on the map');
    const labels = await frame.locator(`${PANEL.clusterItem} .cluster-label`).allInnerTexts();
    const escaped = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    for (const l of labels) assert.ok(svg.includes(escaped(l)), `the legend names "${l}"`);
    assert.equal(labels.length, clusters);

    const pngFile = path.join(dir, 'map.png');
    await frame.locator(PANEL.mapExportPng).click();
    await A.answerSaveDialog(page, pngFile);
    await frame.locator(PANEL.mapStatus).filter({ hasText: 'map.png' }).waitFor({ timeout: 20_000 });
    const png = fs.readFileSync(pngFile);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
    assert.ok(png.length > 2000, `a PNG of ${png.length} bytes`);
  });
});
