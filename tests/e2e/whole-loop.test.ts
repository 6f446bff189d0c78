import { describe, expect, it } from 'vitest';
import { findChromium } from '../helpers/browser.js';
import { signInToConsole, useBrowserSuite } from '../helpers/browser-suite.js';
import { dbKind } from '../helpers/test-db.js';

const browserPath = findChromium();

describe.skipIf(!browserPath.path)(`end to end in Chromium: visitor and agent (${dbKind})`, () => {
  const suite = useBrowserSuite(browserPath.path!);

  it('answers from the knowledge base, hands off, and an agent claims, replies and resolves', async () => {
    const { server, browser } = suite;
    const visitorCtx = await browser.newContext();
    const agentCtx = await browser.newContext();
    const visitor = await visitorCtx.newPage();
    const agent = await agentCtx.newPage();

    // 1. The visitor asks a question the demo knowledge base answers.
    await visitor.goto(`${server.url}/billing`);
    const widget = visitor.locator('firstline-widget');
    await widget.getByRole('button', { name: 'Open chat' }).click();
    await widget.getByLabel('Message').fill('How do I change my billing email?');
    await widget.getByRole('button', { name: 'Send' }).click();
    const aiAnswer = widget.locator('[data-role="ai"]').first();
    await aiAnswer.waitFor({ timeout: 15_000 });
    expect((await aiAnswer.innerText()).toLowerCase()).toContain('billing');
    expect(await aiAnswer.locator('a').first().getAttribute('href')).toBeTruthy();

    // 2. The visitor asks for a person. Nobody is signed in yet, so the widget says that rather
    // than a queue position and a wait it cannot promise.
    await widget.getByLabel('Message').fill('I want to talk to a person');
    await widget.getByRole('button', { name: 'Send' }).click();
    const queue = widget.getByTestId('queue-status');
    await queue.waitFor({ timeout: 15_000 });
    expect(await queue.innerText()).toMatch(/handed to our team\. Nobody is available right now/);

    // 3. The agent logs in and sees the conversation with its brief, without a reload.
    await signInToConsole(agent, server.url);
    const row = agent.getByTestId('queue-row').first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    const brief = agent.getByTestId('handoff-brief');
    await brief.waitFor({ timeout: 10_000 });
    const briefText = await brief.innerText();
    expect(briefText).toMatch(/asked for a human/i);
    expect(briefText).toContain('/billing');
    // The demo page identifies Dana without a userHash: agents are told it is only a claim.
    expect(briefText).toContain('Dana Demo <dana@example.com> (unverified identity)');
    expect(await agent.getByTestId('identity-unverified').innerText()).toBe('unverified');
    expect(await agent.locator('[data-role="visitor"]').first().innerText()).toContain('billing email');

    // 3b. While the agent watches, the visitor gets angry: the sentiment trend falls without a reload.
    const trend = agent.getByRole('img', { name: /^Sentiment/ });
    await trend.waitFor({ timeout: 10_000 });
    expect(await trend.getAttribute('aria-label')).not.toMatch(/falling/);
    await widget.getByLabel('Message').fill('This is ridiculous. Nothing works and I am furious!!');
    await widget.getByRole('button', { name: 'Send' }).click();
    await agent.locator('[data-role="visitor"]', { hasText: 'furious' }).waitFor({ timeout: 10_000 });
    await expect.poll(() => trend.getAttribute('aria-label'), { timeout: 10_000 }).toMatch(/to -0\.\d\d, falling$/);
    expect(await trend.getAttribute('class')).toContain('spark-neg');

    // 4. Claim and reply: the reply appears in the widget with the agent's name.
    await agent.getByRole('button', { name: 'Claim' }).click();
    await agent.getByLabel('Reply').fill('Hi! I can help with that.');
    await agent.getByRole('button', { name: 'Send' }).click();
    const agentMessage = widget.locator('[data-role="agent"]').first();
    await agentMessage.waitFor({ timeout: 15_000 });
    expect(await agentMessage.innerText()).toContain('Hi! I can help with that.');
    // The agent's display name (given at first sign-in) is shown with the reply, not the account name "Admin".
    await widget.locator('[data-role="agent"] .fl-author', { hasText: 'Tess' }).first().waitFor({ timeout: 5_000 });
    expect(await widget.getByText(/Admin/).count()).toBe(0);

    // 5. Resolve: the widget says so.
    await agent.getByRole('button', { name: 'Resolve' }).click();
    await widget
      .getByText(/resolved/i)
      .first()
      .waitFor({ timeout: 15_000 });

    await visitorCtx.close();
    await agentCtx.close();
  }, 90_000);
});
