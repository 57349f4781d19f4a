import { Queue } from 'bullmq';
import type { Page } from 'playwright-core';
import { QUEUE_EVENTS, createRedis, environment, validateEnvironment } from '@accord/core';
import { BrowserStage } from './support/browser-stage';

/**
 * 任务队列: a platform admin opens the job queues' dashboard (bull-board) from the portal's menu
 * in a new tab; it renders with its own files under the API's CSP. Nobody else has the entry.
 */
describe('queue dashboard in the browser', () => {
  let stage: BrowserStage;
  let queue: Queue;
  let connection: ReturnType<typeof createRedis>;

  beforeAll(async () => {
    stage = await BrowserStage.open('queue-board');
    const env = stage.world.env;
    connection = createRedis(validateEnvironment({ ...environment(), ...env }).REDIS_URL);
    queue = new Queue(QUEUE_EVENTS, { connection, prefix: `${env.REDIS_PREFIX}:bull` });
    await queue.add('test.waiting', { n: 1 });
    await queue.add('test.delayed', { n: 2 }, { delay: 60 * 60 * 1000 });
  });

  afterAll(async () => {
    await queue?.close();
    await connection?.quit();
    await stage?.close();
  });

  afterEach(() => stage.afterEach());

  it('opens from the menu in a new tab and shows the queues', async () => {
    const page = await stage.newPage();
    await stage.signIn(page, 'platform.admin', '平台管理员');
    const [board] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('nav-queue-board').filter({ hasText: '任务队列' }).click()]);

    const problems: string[] = [];
    board.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    board.on('response', (res) => {
      if (res.url().includes('/admin/queues') && res.status() >= 400) problems.push(`${res.status()} ${res.url()}`);
    });
    // Google's fonts stay blocked on purpose (nothing from elsewhere); anything else is a fault.
    board.on('console', (msg) => {
      if (msg.type() === 'error' && !msg.text().includes('fonts.googleapis.com')) problems.push(`console: ${msg.text()}`);
    });

    await board.waitForURL((url) => url.pathname.startsWith('/admin/queues'));
    await board.getByText(QUEUE_EVENTS, { exact: true }).first().waitFor();
    await board.waitForLoadState('networkidle');
    await stage.screenshot(board, 'dashboard');
    expect(problems).toEqual([]);

    // the portal stays where it was
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('has no entry for a center admin', async () => {
    const page: Page = await stage.newPage();
    await stage.signIn(page, 'qd.admin', '刘洋');
    await page.getByTestId('nav-audit').waitFor();
    expect(await page.getByTestId('nav-queue-board').count()).toBe(0);
  });
});
