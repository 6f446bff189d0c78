import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type ApiClient } from '../../console/api/client.js';
import { AgentsModel } from '../../console/models/agents-model.js';
import { KnowledgeModel } from '../../console/models/knowledge-model.js';
import { createRemoteList } from '../../console/models/remote-list.js';

const open: Array<{ [Symbol.dispose](): void }> = [];
afterEach(() => {
  for (const m of open.splice(0)) m[Symbol.dispose]();
});
const refused = (message: string) => new ApiError(422, 'invalid', message);

describe('remote list', () => {
  it('run reports a failed change in `error`, save in `saveError`, and both reload on success', async () => {
    const fetchList = vi.fn(async () => ['a']);
    const list = createRemoteList(fetchList);
    await list.load();
    expect(list.items.value).toEqual(['a']);

    expect(await list.run(async () => Promise.reject(refused('no')))).toBe(false);
    expect([list.state.error.value, list.saveError.value]).toEqual(['no', null]);
    expect(await list.save(async () => Promise.reject(refused('bad form')))).toBe(false);
    expect([list.state.error.value, list.saveError.value]).toEqual(['no', 'bad form']);

    fetchList.mockResolvedValueOnce(['a', 'b']);
    expect(await list.save(async () => {})).toBe(true);
    expect(list.items.value).toEqual(['a', 'b']);
    expect([list.saveError.value, list.state.saving.value]).toEqual([null, false]);
  });
});

describe('agents model', () => {
  it('loads, adds and updates through the API, with form errors kept apart', async () => {
    const agents = [{ id: 'a1', name: 'Ada' }];
    const api = {
      listAgents: vi.fn(async () => ({ agents: [...agents] })),
      createAgent: vi.fn(async (a: { name: string }) => void agents.push({ id: 'a2', name: a.name })),
      updateAgent: vi.fn(async () => Promise.reject(refused('email taken'))),
    };
    const model = new AgentsModel(api as unknown as ApiClient);
    open.push(model);
    await expect.poll(() => model.loading.value).toBe(false);
    expect(model.agents.value.map((a) => a.name)).toEqual(['Ada']);

    expect(await model.add({ name: 'Bo' } as never)).toBe(true);
    expect(model.agents.value.map((a) => a.name)).toEqual(['Ada', 'Bo']);

    expect(await model.update('a1', {} as never)).toBe(false);
    expect(model.saveError.value).toBe('email taken');
    expect(model.error.value).toBeNull();
    model.clearSaveError();
    expect(model.saveError.value).toBeNull();
  });
});

describe('knowledge model', () => {
  it('saves an article with a notice and closes the editor; a failed load shows in `error`', async () => {
    const api = {
      listArticles: vi.fn(async () => ({ articles: [{ id: 'k1', title: 'Refunds' }] })),
      getArticle: vi.fn(async () => ({ id: 'k1', title: 'Refunds', body: 'x', format: 'text' })),
      updateArticle: vi.fn(async () => ({ id: 'k1', chunks: 3, changed: true })),
      deleteArticle: vi.fn(async () => Promise.reject(refused('in use'))),
    };
    const model = new KnowledgeModel(api as unknown as ApiClient);
    open.push(model);
    await expect.poll(() => model.loading.value).toBe(false);
    expect(model.articles.value).toHaveLength(1);

    await model.open('k1');
    expect(model.editing.value?.id).toBe('k1');
    expect(await model.save('k1', { title: 'Refunds', body: 'y', format: 'text' })).toBe(true);
    expect(model.notice.value).toBe('Saved and re-indexed into 3 chunks.');
    expect(model.editing.value).toBeNull();
    expect(api.listArticles).toHaveBeenCalledTimes(2);

    await model.remove('k1');
    expect([model.error.value, model.articles.value.length, model.deleting.value]).toEqual(['in use', 1, null]);

    api.listArticles.mockRejectedValueOnce(refused('down'));
    await model.reload();
    expect(model.error.value).toBe('down');
  });
});
