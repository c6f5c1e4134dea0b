// browser.test.mjs — the main flows of the web application in Debian's
// headless Chromium, driven by playwright-core: log in, register an
// application, record a reply, see the annual table change, upload a report
// to the checker and see the highlighted cell; the public form and status
// page; the oversight office's units and sum. Screenshots go to
// tests/web/screenshots/ (kept as the run's artifacts).
// Usage: node --test browser.test.mjs   (XXGK=path/to/xxgk; exit 77 skips)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const xxgk = process.env.XXGK || path.join(here, '../../build/xxgk');
const chromium = '/usr/bin/chromium';
const shots = path.join(here, 'screenshots');
const TODAY = '2026-11-20';

let pw;
try {
  pw = await import('playwright-core');
} catch {
  console.log('skip: playwright-core is not installed (npm ci in tests/web)');
  process.exit(77);
}
if (!fs.existsSync(chromium)) {
  console.log('skip: Debian chromium is not installed');
  process.exit(77);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgk-web-'));
let server, base, browser;

before(async () => {
  fs.mkdirSync(shots, { recursive: true });
  server = spawn(xxgk, ['serve', '--demo', '--db', path.join(tmp, 'demo.db'),
    '--listen', '127.0.0.1:0', '--today', TODAY, '--quiet', '--post-rate', '0'],
  { stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise((resolve, reject) => {
    let out = '';
    const t = setTimeout(() => reject(new Error('server did not start')), 120000);
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(t); resolve(`http://127.0.0.1:${m[1]}`); }
    });
    server.on('exit', (c) => reject(new Error(`server exited ${c}`)));
  });
  browser = await pw.chromium.launch({
    executablePath: chromium,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
      '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const done = new Promise((r) => server.on('exit', r));
    server.kill('SIGTERM');
    await done;
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function shot(page, name) {
  await page.screenshot({ path: path.join(shots, name), fullPage: true });
}

async function login(page, who) {
  await page.goto(`${base}/login`);
  await page.fill('input[name=login]', who);
  await page.fill('input[name=password]', 'demo-2026');
  await Promise.all([page.waitForURL(/\/cases/), page.click('button[type=submit]')]);
}

// The figure in the row labelled `label`, in the column numbered `col`
// from the right (0: the total) of table 3.
async function tableFigure(page, label, col = 0) {
  const row = page.locator('#table-applications tr', {
    has: page.locator(`th:text-is("${label}")`),
  });
  const cells = row.locator('td');
  const n = await cells.count();
  return Number(await cells.nth(n - 1 - col).innerText());
}

test('a clerk logs in, registers an application, replies, and the annual table changes', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await ctx.newPage();
  await login(page, 'jiaoyu');
  assert.equal(await page.locator('h1').innerText(), '申请登记');
  assert.ok(await page.locator('.badge.overdue, .badge.soon, .badge.ok').count() > 0);
  await shot(page, '01-cases.png');

  await page.goto(`${base}/report?year=2026`);
  const granted = await tableFigure(page, '（一）予以公开');
  const received = await tableFigure(page, '一、本年新收政府信息公开申请数量');

  await page.goto(`${base}/cases/new`);
  await page.fill('input[name=received]', '2026-11-16');
  await page.fill('input[name=name]', '浏览器测试');
  await page.fill('input[name=id_number]', '110101198001011234');
  await page.fill('input[name=contact]', '13811112222');
  await page.fill('textarea[name=content]', '某小学2026年秋季招生计划');
  await shot(page, '02-new-case.png');
  await Promise.all([page.waitForURL(/\/cases\/\d+$/), page.click('form.grid button[type=submit]')]);
  assert.match(await page.locator('.flash').innerText(), /已登记申请/);
  assert.match(await page.locator('h1').innerText(), /^申请 2026-\d{5}$/);

  // the script hides the fee fields while the step is a reply
  assert.equal(await page.locator('input[name=quantity]').isVisible(), false);
  await page.selectOption('#event-kind', 'fee_notice');
  assert.equal(await page.locator('input[name=quantity]').isVisible(), true);
  await page.selectOption('#event-kind', 'reply');
  await page.fill('#event-form input[name=date]', TODAY);
  await page.selectOption('select[name=outcome]', 'granted');
  await page.fill('input[name=basis]', '《条例》第三十六条第（二）项');
  await Promise.all([page.waitForLoadState('load'), page.click('#event-form button[type=submit]')]);
  await page.waitForSelector('.flash');
  assert.match(await page.locator('.timeline').innerText(), /答复：（一）予以公开/);
  assert.match(await page.locator('.badge.closed').innerText(), /已办结/);
  await shot(page, '03-case-replied.png');

  await page.goto(`${base}/cases?q=${encodeURIComponent('浏览器测试')}`);
  const row = await page.locator('table.list tbody tr').first().innerText();
  assert.match(row, /110\*{11}1234/);
  assert.doesNotMatch(row, /13811112222/);

  await page.goto(`${base}/report?year=2026`);
  assert.equal(await tableFigure(page, '（一）予以公开'), granted + 1);
  assert.equal(await tableFigure(page, '一、本年新收政府信息公开申请数量'), received + 1);
  await shot(page, '04-report-2026.png');
  await ctx.close();
});

test('the checker highlights the inconsistent cell and puts the finding beside it', async () => {
  const src = fs.readFileSync(path.join(here, '../data/tianjin-nankai-2023.txt'), 'utf8');
  const i = src.indexOf('（七）总计');
  const m = /\d+/.exec(src.slice(i));
  const at = i + m.index;
  const bad = src.slice(0, at) + String(Number(m[0]) + 5) + src.slice(at + m[0].length);
  const file = path.join(tmp, 'nankai-broken.txt');
  fs.writeFileSync(file, bad);
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
  const page = await ctx.newPage();
  await page.goto(`${base}/checker`);
  await page.setInputFiles('input[name=file]', file);
  await Promise.all([page.waitForURL(/\/check$/), page.click('form.grid button[type=submit]')]);
  const badCells = page.locator('td.bad');
  assert.ok(await badCells.count() >= 1, 'a highlighted cell');
  const aside = page.locator('#table-applications aside.findings');
  assert.match(await aside.innerText(), /总计/);
  // the highlighted cell shows the changed figure
  assert.ok((await page.locator('#table-applications td.bad').allInnerTexts())
    .some((t) => t.startsWith(String(Number(m[0]) + 5))));
  await page.locator('#table-applications').scrollIntoViewIfNeeded();
  await shot(page, '05-checker.png');
  await page.locator('#table-applications').screenshot({ path: path.join(shots, '06-checker-table3.png') });
  await ctx.close();
});

test('the public applies, gets a tracking number and code, and sees the status', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'zh-CN' });
  const page = await ctx.newPage();
  await page.goto(`${base}/apply`);
  await page.selectOption('select[name=agency_id]', { label: '　示例市自然资源局' });
  await page.fill('input[name=name]', '公众乙');
  await page.fill('input[name=contact]', 'yi@example.cn');
  await page.fill('textarea[name=content]', '某地块的规划条件');
  await page.click('form.grid button[type=submit]');
  await page.waitForSelector('#code');
  const tracking = await page.locator('#tracking').innerText();
  const code = await page.locator('#code').innerText();
  assert.match(tracking, /^2026-\d{5}$/);
  assert.match(code, /^[2-9A-HJ-NP-Z]{16}$/);
  await shot(page, '07-applied.png');
  await page.goto(`${base}/status`);
  await page.fill('input[name=tracking]', tracking);
  await page.fill('input[name=code]', code);
  await page.click('form.narrow button[type=submit]');
  await page.waitForSelector('dl.facts');
  const text = await page.locator('main').innerText();
  assert.match(text, /示例市自然资源局/);
  assert.match(text, /办理中/);
  assert.doesNotMatch(text, /公众乙|yi@example/);
  await shot(page, '08-status.png');
  await ctx.close();
});

test('the oversight office sees each unit and the sum', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await ctx.newPage();
  await login(page, 'dubanshi');
  await page.goto(`${base}/report?year=2025`);
  const units = page.locator('table.units tbody tr');
  assert.equal(await units.count(), 3);
  const sum = await page.locator('table.units tfoot').innerText();
  assert.match(sum, /合计/);
  await shot(page, '09-oversight-report.png');
  await page.goto(`${base}/cases?state=overdue`);
  await shot(page, '10-oversight-overdue.png');
  await ctx.close();
});

// The page must not scroll sideways: what is wider scrolls inside.
async function fitsWidth(page, width) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= width + 1, `the page is ${w} px wide at ${width}`);
}

test('a clerk works in a phone-width browser', async () => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true });
  const page = await ctx.newPage();
  await login(page, 'jiaoyu');
  await fitsWidth(page, 390);
  const first = page.locator('table.list tbody tr td').first();
  assert.equal(await first.evaluate((e) => getComputedStyle(e).position), 'sticky');
  // the list scrolls inside itself, and the tracking number stays in view
  const list = page.locator('table.list');
  assert.ok(await list.evaluate((e) => e.scrollWidth > e.clientWidth));
  await list.evaluate((e) => { e.scrollLeft = 400; });
  const box = await first.boundingBox();
  assert.ok(box.x >= 0 && box.x < 30, `the key column at x=${box.x}`);
  await shot(page, '11-phone-cases.png');
  for (const [url, name] of [['/records', '12-phone-records.png'], ['/reviews', '13-phone-reviews.png'],
    ['/report?year=2025', '14-phone-report.png']]) {
    await page.goto(`${base}${url}`);
    await fitsWidth(page, 390);
    await shot(page, name);
  }
  await page.goto(`${base}/checker`);
  await page.setInputFiles('input[name=file]', path.join(here, '../data/tianjin-nankai-2023.txt'));
  await Promise.all([page.waitForURL(/\/check$/), page.click('form.grid button[type=submit]')]);
  await fitsWidth(page, 390);
  await shot(page, '15-phone-checker.png');
  // a refused step: the error on the form, what was typed kept
  await page.goto(`${base}/cases?state=open`);
  await page.locator('table.list tbody tr td a').first().click();
  await page.selectOption('#event-kind', 'reply');
  await page.fill('#event-form input[name=date]', '2001-01-01');
  await page.fill('#event-form input[name=note]', '手机上填的说明');
  await page.click('#event-form button[type=submit]');
  await page.waitForSelector('#event-form .flash.error');
  assert.match(await page.textContent('#event-form .flash.error'), /事件日期 2001-01-01/);
  assert.equal(await page.inputValue('#event-form input[name=note]'), '手机上填的说明');
  assert.equal(await page.inputValue('#event-form input[name=date]'), '2001-01-01');
  await fitsWidth(page, 390);
  await shot(page, '16-phone-refused-step.png');
  await ctx.close();
  const wide = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const p2 = await wide.newPage();
  await login(p2, 'jiaoyu');
  await fitsWidth(p2, 1366);
  await shot(p2, '17-wide-cases.png');
  await wide.close();
});

test('a citizen applies, answers a 补正 online and receives the reply online', async () => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true });
  const page = await ctx.newPage();
  await page.goto(`${base}/apply`);
  await page.selectOption('select[name=agency_id]', { label: '　示例市教育局' });
  await page.fill('input[name=name]', '公众丁');
  await page.fill('input[name=contact]', '13900001111');
  // the postal address is asked for only for 纸质
  assert.equal(await page.locator('input[name=address]').isVisible(), false);
  await page.selectOption('select[name=delivery]', '纸质');
  assert.equal(await page.locator('input[name=address]').isVisible(), true);
  await page.fill('textarea[name=content]', '某中学体育馆的建设合同');
  await page.click('form.grid button[type=submit]');
  // without the address: the error on the form, the input kept
  await page.waitForSelector('.flash.error');
  assert.equal(await page.inputValue('textarea[name=content]'), '某中学体育馆的建设合同');
  await page.fill('input[name=address]', '示例市某路2号');
  await page.click('form.grid button[type=submit]');
  await page.waitForSelector('#code');
  const tracking = await page.locator('#tracking').innerText();
  const code = await page.locator('#code').innerText();
  await fitsWidth(page, 390);
  await shot(page, '18-citizen-applied.png');

  // the clerk asks for a 补正
  const clerk = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })).newPage();
  await login(clerk, 'jiaoyu');
  await clerk.goto(`${base}/cases?q=${tracking}`);
  await clerk.locator('table.list tbody tr td a').first().click();
  const caseUrl = clerk.url();
  await clerk.selectOption('#event-kind', 'correction_requested');
  await clerk.fill('#event-form input[name=note]', '请写明合同的签订年份');
  await Promise.all([clerk.waitForLoadState('load'), clerk.click('#event-form button[type=submit]')]);
  await clerk.waitForSelector('.flash');

  // the citizen sees what it asks for and answers it online
  const lookUp = async () => {
    await page.goto(`${base}/status`);
    await page.fill('input[name=tracking]', tracking);
    await page.fill('input[name=code]', code);
    await page.click('form.narrow button[type=submit]');
    await page.waitForSelector('dl.facts');
  };
  await lookUp();
  assert.match(await page.locator('main').innerText(), /请写明合同的签订年份/);
  assert.match(await page.locator('main').innerText(), /等待您补正/);
  await page.fill('#correction textarea[name=text]', '2023年签订');
  await page.click('#correction button[type=submit]');
  await page.waitForSelector('.flash.ok');
  assert.match(await page.locator('.timeline').innerText(), /2023年签订/);
  await fitsWidth(page, 390);
  await shot(page, '19-citizen-correction-answered.png');

  // the clerk sees the answer and replies; the citizen reads the reply
  await clerk.goto(caseUrl);
  assert.match(await clerk.locator('.timeline').innerText(), /2023年签订/);
  await clerk.selectOption('#event-kind', 'reply');
  await clerk.selectOption('select[name=outcome]', 'granted');
  await clerk.fill('input[name=basis]', '《条例》第三十六条第（二）项');
  await clerk.fill('#event-form input[name=note]', '合同复印件已按地址寄出');
  await Promise.all([clerk.waitForLoadState('load'), clerk.click('#event-form button[type=submit]')]);
  await clerk.waitForSelector('.badge.closed');
  await lookUp();
  const text = await page.locator('main').innerText();
  assert.match(text, /已办结/);
  assert.match(text, /合同复印件已按地址寄出/);
  assert.match(text, /第三十六条/);
  assert.doesNotMatch(text, /公众丁|13900001111/);
  await shot(page, '20-citizen-reply.png');
  await ctx.close();
});

test('the office filters by unit, sees each unit\'s deadlines and exports', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  const page = await ctx.newPage();
  await login(page, 'dubanshi');
  await page.selectOption('form.filters select[name=agency]', { label: '　示例市自然资源局' });
  await Promise.all([page.waitForURL(/agency=/), page.click('form.filters button[type=submit]')]);
  const units = await page.locator('table.list tbody tr td:nth-child(3)').allInnerTexts();
  assert.ok(units.length > 0 && units.every((u) => u === '示例市自然资源局'), units.join());
  await shot(page, '21-office-unit-filter.png');
  await page.goto(`${base}/overdue`);
  assert.equal(await page.locator('table.overview tbody tr').count(), 4);
  await shot(page, '22-office-overview.png');
  await page.goto(`${base}/report?year=2025`);
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.locator('.downloads a', { hasText: 'CSV' }).first().click()]);
  const file = path.join(tmp, 'export.csv');
  await download.saveAs(file);
  assert.match(fs.readFileSync(file, 'utf8'), /applications\.received\.total/);
  await ctx.close();
});

test('the office gives a user a login, and the user changes the password', async () => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true });
  const page = await ctx.newPage();
  await login(page, 'dubanshi');
  await page.goto(`${base}/users`);
  await page.selectOption('form.grid select[name=agency_id]', { label: '　示例市教育局' });
  await page.fill('form.grid input[name=name]', '浏览器用户');
  await page.fill('form.grid input[name=login]', 'liulanqi');
  await page.fill('form.grid input[name=password]', 'first-pass-1');
  await Promise.all([page.waitForLoadState('load'), page.click('form.grid button[type=submit]')]);
  assert.match(await page.locator('main').innerText(), /liulanqi/);
  await fitsWidth(page, 390);
  await shot(page, '23-users.png');
  await page.click('header.top form.inline button');
  await page.goto(`${base}/login?next=/password`);
  await page.fill('input[name=login]', 'liulanqi');
  await page.fill('input[name=password]', 'first-pass-1');
  await Promise.all([page.waitForURL(/\/password$/), page.click('button[type=submit]')]);
  await page.fill('input[name=current]', 'first-pass-1');
  await page.fill('input[name=password]', 'second-pass-2');
  await page.fill('input[name=again]', 'second-pass-2');
  await shot(page, '24-password.png');
  await Promise.all([page.waitForURL(/\/cases/), page.click('form.narrow button[type=submit]')]);
  assert.match(await page.locator('.flash').innerText(), /密码已修改/);
  await page.click('header.top form.inline button');
  await page.goto(`${base}/login`);
  await page.fill('input[name=login]', 'liulanqi');
  await page.fill('input[name=password]', 'second-pass-2');
  await Promise.all([page.waitForURL(/\/cases/), page.click('button[type=submit]')]);
  await ctx.close();
});

test('a clerk uploads 50 report files into the corpus and sees the progress and each result', async () => {
  const src = fs.readFileSync(path.join(here, '../data/tianjin-nankai-2023.txt'), 'utf8');
  const files = [];
  for (let i = 0; i < 50; i++) { // 50 different files: a line of their own at the end
    const f = path.join(tmp, `report-${String(i).padStart(2, '0')}.txt`);
    fs.writeFileSync(f, `${src}\n附注：第 ${i + 1} 份\n`);
    files.push(f);
  }
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const page = await ctx.newPage();
  await login(page, 'jiaoyu');
  await page.goto(`${base}/corpus`);
  await page.setInputFiles('#corpus-upload input[name=files]', files);
  await page.click('#corpus-upload button[type=submit]');
  // the script shows the upload's progress, then the results page
  await page.waitForSelector('#corpus-upload progress:not([hidden])');
  await page.waitForSelector('#summary', { timeout: 60000 });
  assert.match(await page.locator('#summary').innerText(), /共 50 个文件/);
  assert.equal(await page.locator('table.list tbody tr').count(), 50);
  await shot(page, '25-corpus-upload.png');
  await page.goto(`${base}/corpus`);
  await fitsWidth(page, 1366);
  await shot(page, '26-corpus.png');
  await ctx.close();
});

test('the round: a unit uploads and submits, the office returns it, the unit resubmits, the office approves and publishes', async () => {
  // last year's report as a DOCX, table 2's first total typed one too high
  const src = fs.readFileSync(path.join(here, '../data/tianjin-nankai-2023.txt'), 'utf8')
    .replaceAll('2023', '2025');
  const at = src.indexOf('总计');
  const m = /\d+/.exec(src.slice(at));
  const cut = at + m.index;
  fs.writeFileSync(path.join(tmp, 'bad.txt'),
    src.slice(0, cut) + String(Number(m[0]) + 1) + src.slice(cut + m[0].length));
  fs.writeFileSync(path.join(tmp, 'good.txt'), src);
  execFileSync(xxgk, ['render', '--to', 'docx', '-o', path.join(tmp, '年报.docx'), path.join(tmp, 'bad.txt')]);
  const flash = (page) => page.locator('p.flash[role=status]').innerText();
  // a form posted: its answer (a redirect, often to the same page) loaded
  const post = (page, click) => Promise.all([page.waitForNavigation(), click]);
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true });
  const wide = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const unit = await phone.newPage();
  const office = await wide.newPage();
  await login(office, 'dubanshi');
  await login(unit, 'weijian');
  // the office's board: each state of the demo round, the late unit marked
  await office.goto(`${base}/rounds`);
  await Promise.all([office.waitForURL(/\/rounds\/\d+$/), office.locator('table.list a').first().click()]);
  const board = office.url();
  const states = await office.locator('table.board tbody tr td:nth-child(2)').allInnerTexts();
  assert.deepEqual(states, ['已报送', '有错误', '未报送']);
  await shot(office, '27-round-board-1366.png');
  await fitsWidth(office, 1366);
  // the unit (a phone) lands on its own page, uploads a draft, answers, submits
  await unit.goto(`${base}/rounds`);
  await Promise.all([unit.waitForURL(/\/units\/\d+$/), unit.locator('table.list a').first().click()]);
  const mine = unit.url();
  await unit.setInputFiles('input[name=file]', path.join(tmp, '年报.docx'));
  await post(unit, unit.click('form[action$="/upload"] button[name=draft]'));
  assert.match(await flash(unit), /第 1 版已保存为草稿：错误 [1-9]/);
  await shot(unit, '28-round-unit-draft-390.png');
  await fitsWidth(unit, 390);
  const answer = unit.locator('details.version[open] form.note').first();
  await answer.locator('input[name=text]').fill('表中数字按签发原件填写');
  await post(unit, answer.locator('button').click());
  assert.match(await flash(unit), /已记下答复/);
  assert.match(await unit.locator('#v1-f1 ul.notes').innerText(), /按签发原件填写/);
  await post(unit, unit.click('form[action$="/submit"] button'));
  assert.match(await flash(unit), /已报送/);
  // the office returns it with its reason
  await office.goto(mine);
  await shot(office, '29-round-unit-office-1366.png');
  await office.fill('form[action$="/return"] textarea[name=why]', '表三的合计与分项不符，请核对后重新报送');
  await post(office, office.click('form[action$="/return"] button'));
  assert.match(await flash(office), /已退回/);
  // the unit reads why, uploads the corrected report and submits at once
  await unit.goto(mine);
  assert.match(await unit.locator('main').innerText(), /表三的合计与分项不符/);
  await shot(unit, '30-round-unit-returned-390.png');
  await fitsWidth(unit, 390);
  await unit.setInputFiles('input[name=file]', path.join(tmp, 'good.txt'));
  await post(unit, unit.click('form[action$="/upload"] button:not([name])'));
  assert.match(await flash(unit), /第 2 版已报送/);
  assert.match(await unit.locator('details.version[open] pre.changes').innerText(), /\S/);
  // the office approves; the board shows it
  await office.goto(mine);
  await post(office, office.click('form[action$="/approve"] button'));
  assert.match(await flash(office), /已通过/);
  await office.goto(board);
  assert.deepEqual(await office.locator('table.board tbody tr td:nth-child(2)').allInnerTexts(),
    ['已报送', '有错误', '已通过']);
  await post(office, office.click('form[action$="/publish"] button'));
  assert.match(await flash(office), /已发布 1 份报告到语料库/);
  assert.deepEqual(await office.locator('table.board tbody tr td:nth-child(2)').allInnerTexts(),
    ['已报送', '有错误', '已发布']);
  await shot(office, '31-round-board-approved-1366.png');
  // figures in lists right-aligned in tabular digits, headers never broken
  const style = (page, sel, prop) => page.locator(sel).first().evaluate((e, p) => getComputedStyle(e)[p], prop);
  assert.equal(await style(office, 'table.board td.num', 'textAlign'), 'right');
  assert.equal(await style(office, 'table.board td.num', 'fontVariantNumeric'), 'tabular-nums');
  await office.goto(`${base}/cases`);
  const clerk = office.locator('table.list thead th', { hasText: '承办人' });
  const line = await clerk.evaluate((e) => parseFloat(getComputedStyle(e).lineHeight));
  assert.ok((await clerk.boundingBox()).height < 2 * line, '承办人 on one line at 1366 px');
  const phone2 = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true });
  const small = await phone2.newPage();
  await login(small, 'dubanshi');
  await small.goto(board);
  await shot(small, '32-round-board-390.png');
  await fitsWidth(small, 390);
  await small.goto(mine);
  await shot(small, '33-round-unit-published-390.png');
  await fitsWidth(small, 390);
  // the phone's sticky first column covers what scrolls under it, to its edge
  await small.goto(`${base}/cases`);
  assert.equal(await style(small, 'table.list', 'borderCollapse'), 'separate');
  assert.match(await style(small, 'tr.due-overdue td:first-child', 'boxShadow'), /inset/);
  // the quality ranking: a card per report on a phone
  await small.goto(`${base}/corpus`);
  assert.equal(await style(small, 'table.ranking tbody tr', 'display'), 'grid');
  await small.locator('table.ranking').scrollIntoViewIfNeeded();
  await fitsWidth(small, 390);
  await small.screenshot({ path: path.join(shots, '34-corpus-ranking-390.png') });
  await phone.close();
  await phone2.close();
  await wide.close();
});
