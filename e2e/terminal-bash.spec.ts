// The lab terminal as bash: what a learner pastes from istio.io — a heredoc piped into kubectl, a function over
// several lines, an alias — works line after line, and a watch prints as it goes and keeps its lines after Ctrl-C.
import { expect, test } from '@playwright/test';
import { openLab, runInTerminal, watchPage } from './lab-helpers';

test('en: heredocs with pipes, functions and aliases carry from line to line, as in bash', async ({ page }) => {
  const clean = watchPage(page);
  await openLab(page, 'en', 'request-routing');
  const terminal = await runInTerminal(
    page,
    'en',
    'cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: pasted\nEOF',
  );
  await expect(terminal).toContainText('namespace/pasted created');
  await runInTerminal(page, 'en', 'pods() {\n  kubectl get pods -n "$1" --no-headers | wc -l\n}');
  await runInTerminal(page, 'en', 'echo "bookinfo pods: $(pods default)"');
  await expect(terminal).toContainText('bookinfo pods: 6');
  await runInTerminal(page, 'en', 'alias k=kubectl');
  await runInTerminal(page, 'en', 'k get ns pasted -o name');
  // A row of its own: the alias ran kubectl, which printed the name.
  await expect(terminal.locator('.xterm-rows > div', { hasText: /^namespace\/pasted\s*$/ })).toHaveCount(1);
  clean();
});

test('ko: kubectl get -w prints while it runs, and Ctrl-C keeps what it printed', async ({ page }) => {
  const clean = watchPage(page);
  await openLab(page, 'ko', 'request-routing');
  const terminal = await runInTerminal(page, 'ko', 'kubectl get deployments -w');
  // The table shows while the watch is still running: no prompt after it yet.
  await expect(terminal).toContainText(/NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE/);
  await expect(terminal).toContainText(/productpage-v1\s+1\/1/);
  await expect(terminal).not.toContainText(/\$ $/);
  await page.keyboard.press('Control+C');
  await runInTerminal(page, 'ko', 'echo watch-ended');
  await expect(terminal).toContainText(/productpage-v1\s+1\/1[\s\S]*\^C[\s\S]*watch-ended/);
  clean();
});
