// Admin: run a suite of test conversations against the live knowledge base and intents.
import { computed, createModel, signal, type ReadonlySignal } from '@preact/signals';
import { errorMessage, type ApiClient } from '../api/client.js';
import type { ConversationSuiteResult } from '../api/types.js';
import { SAMPLE_CONVERSATION_SUITE } from '../lib/sample-conversation-suite.js';

export type ResultFilter = 'all' | 'failed' | 'passed';

export const ConversationTestsModel = createModel((api: ApiClient) => {
  const suite = signal('');
  const running = signal(false);
  const error = signal<string | null>(null);
  const result = signal<ConversationSuiteResult | null>(null);
  const filter = signal<ResultFilter>('all');
  const shown = computed(() => {
    const all = result.value?.results ?? [];
    return filter.value === 'all' ? all : all.filter((r) => r.passed === (filter.value === 'passed'));
  });

  async function run(): Promise<void> {
    if (running.value || !suite.value.trim()) return;
    running.value = true;
    error.value = null;
    try {
      result.value = await api.runConversationTests(suite.value);
      // Failures first is what an admin wants after a run that has some.
      filter.value = result.value.failed > 0 ? 'failed' : 'all';
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      running.value = false;
    }
  }

  return {
    suite: suite as ReadonlySignal<string>,
    running: running as ReadonlySignal<boolean>,
    error: error as ReadonlySignal<string | null>,
    result: result as ReadonlySignal<ConversationSuiteResult | null>,
    filter: filter as ReadonlySignal<ResultFilter>,
    shown,
    setSuite(text: string) {
      suite.value = text;
    },
    loadSample() {
      suite.value = SAMPLE_CONVERSATION_SUITE;
    },
    setFilter(f: ResultFilter) {
      filter.value = f;
    },
    run,
  };
});

export type ConversationTests = InstanceType<typeof ConversationTestsModel>;
