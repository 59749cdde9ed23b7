// The workbench's Metrics tab: traffic sent from the terminal shows as Istio's request counter, grouped by the
// labels the learner ticks, as a chart and a table of current rates; the table sorts from the keyboard; axe finds
// nothing; and istioctl dashboard prometheus opens the tab once the Prometheus add-on runs.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openLab, runInTerminal, watchPage, type Locale } from './lab-helpers';

const WORDS = {
  en: {
    tab: 'Metrics',
    region: "Metrics of your cluster's proxies",
    metric: 'Metric',
    groupBy: 'Group by',
    rate: 'Rate (/s)',
  },
  ko: { tab: '메트릭', region: '클러스터 프록시의 메트릭', metric: '메트릭', groupBy: '묶을 레이블', rate: '비율(/s)' },
} as const;

const TRAFFIC =
  'for i in $(seq 1 3); do kubectl exec deploy/ratings-v1 -c ratings -- curl -s -o /dev/null productpage:9080/productpage; done; echo sent-$((4*3))';

for (const locale of ['en', 'ko'] as const satisfies readonly Locale[]) {
  test(`${locale}: requests from the terminal show as a rate by workload and code; dashboard prometheus opens the tab`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const clean = watchPage(page);
    const words = WORDS[locale];
    await openLab(page, locale, 'request-routing');
    const terminal = await runInTerminal(page, locale, TRAFFIC);
    await expect(terminal).toContainText('sent-12', { timeout: 60_000 });

    const tab = page.getByRole('tab', { name: words.tab, exact: true });
    await tab.click();
    const region = page.getByRole('region', { name: words.region });
    await region.getByRole('combobox', { name: words.metric }).selectOption('istio_requests_total');
    const groupBy = region.getByRole('group', { name: words.groupBy });
    await expect(groupBy.getByRole('checkbox', { name: 'destination_workload', exact: true })).toBeChecked();
    await groupBy.getByRole('checkbox', { name: 'response_code', exact: true }).check();

    const table = region.getByRole('table');
    const productpage = table.getByRole('row').filter({ hasText: 'productpage-v1' }).filter({ hasText: '200' });
    await expect(productpage.first()).toBeVisible({ timeout: 10_000 });
    // Its rate is over the last ten seconds of the mesh's clock, which a busy machine can let pass before the
    // table is read; the total of the three requests stays. The table shows the last scrape (one a second), which
    // can come between the second request and the third: the total reaches 3 by the next one.
    const cells = () => productpage.first().getByRole('cell').allTextContents();
    await expect.poll(async () => Number((await cells())[1]), { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    expect(Number((await cells())[0])).toBeGreaterThanOrEqual(0);
    await expect(region.locator('svg path.metrics-line').first()).toHaveAttribute('d', /^M[\d.]+,[\d.]+L/);
    await expect(region.getByRole('img')).toBeVisible();

    // The keyboard sorts the table: a column's button takes the focus, Enter sorts by it (labels from A first).
    const header = table.getByRole('button', { name: 'response_code', exact: true });
    await header.focus();
    await page.keyboard.press('Enter');
    const codes = table.getByRole('columnheader', { name: /response_code/ });
    await expect(codes).toHaveAttribute('aria-sort', 'ascending');
    // The table is redrawn every second; the focus stays on the button, and Enter again sorts the other way.
    await table.evaluate((element) => element.setAttribute('data-seen', ''));
    await expect(region.locator('table[data-seen]')).toHaveCount(0);
    await expect(header).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(codes).toHaveAttribute('aria-sort', 'descending');
    await expect(table.getByRole('columnheader', { name: words.rate })).not.toHaveAttribute('aria-sort');

    const axe = await new AxeBuilder({ page }).include('[data-panel="metrics"]').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);

    // Back on a file tab, then Prometheus' dashboard opens the Metrics tab again.
    await page.getByRole('tab').first().click();
    await expect(region).toBeHidden();
    await runInTerminal(
      page,
      locale,
      'kubectl apply -f samples/addons/prometheus.yaml && kubectl rollout status deploy/prometheus -n istio-system',
    );
    await expect(terminal).toContainText('"prometheus" successfully rolled out', { timeout: 30_000 });
    await runInTerminal(page, locale, 'istioctl dashboard prometheus');
    await expect(terminal).toContainText('http://localhost:9090');
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    await expect(region).toBeVisible();
    clean();
  });
}
