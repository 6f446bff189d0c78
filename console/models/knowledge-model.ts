// Admin view of the knowledge base: articles, ingestion and a retrieval playground.
import { createModel, effect, signal, type ReadonlySignal } from '@preact/signals';
import { errorMessage, type ApiClient } from '../api/client.js';
import type {
  Article,
  ArticleDetail,
  CalibrationStatus,
  KnowledgeGapGroup,
  NewArticle,
  PreviewAnswer,
  SearchResponse,
  UploadFileResult,
} from '../api/types.js';
import { createRemoteList } from './remote-list.js';

export const KnowledgeModel = createModel((api: ApiClient) => {
  const list = createRemoteList(async () => (await api.listArticles()).articles);
  const { items: articles, error, saveError } = list;
  const deleting = signal<string | null>(null);
  const search = signal<SearchResponse | null>(null);
  const searching = signal(false);
  const searchError = signal<string | null>(null);
  const preview = signal<PreviewAnswer | null>(null);
  const uploading = signal(false);
  const uploadProgress = signal(0);
  const uploadResults = signal<UploadFileResult[] | null>(null);
  const uploadError = signal<string | null>(null);
  const editing = signal<ArticleDetail | null>(null);
  const reindexing = signal(false);
  const notice = signal<string | null>(null);
  const gaps = signal<KnowledgeGapGroup[] | null>(null);
  const gapsError = signal<string | null>(null);
  const calibration = signal<CalibrationStatus | null>(null);
  const calibrationError = signal<string | null>(null);
  let calibrationPoll: ReturnType<typeof setTimeout> | null = null;

  async function loadCalibration(): Promise<void> {
    if (calibrationPoll) clearTimeout(calibrationPoll);
    calibrationPoll = null;
    calibrationError.value = null;
    try {
      const s = await api.calibration();
      calibration.value = s;
      // Recalibration runs in the background on the server: follow its progress.
      if (s.state === 'pending' || s.state === 'running')
        calibrationPoll = setTimeout(() => void loadCalibration(), 1000);
    } catch (err) {
      calibrationError.value = errorMessage(err);
    }
  }

  const load = list.load;
  void load();
  // The progress poll stops with the screen.
  effect(() => () => {
    if (calibrationPoll) clearTimeout(calibrationPoll);
  });

  return {
    articles: articles as ReadonlySignal<Article[]>,
    ...list.state,
    saveError: saveError as ReadonlySignal<string | null>,
    deleting: deleting as ReadonlySignal<string | null>,
    search: search as ReadonlySignal<SearchResponse | null>,
    searching: searching as ReadonlySignal<boolean>,
    searchError: searchError as ReadonlySignal<string | null>,
    preview: preview as ReadonlySignal<PreviewAnswer | null>,
    uploading: uploading as ReadonlySignal<boolean>,
    /** 0-1 of the bytes sent. */
    uploadProgress: uploadProgress as ReadonlySignal<number>,
    uploadResults: uploadResults as ReadonlySignal<UploadFileResult[] | null>,
    uploadError: uploadError as ReadonlySignal<string | null>,
    editing: editing as ReadonlySignal<ArticleDetail | null>,
    reindexing: reindexing as ReadonlySignal<boolean>,
    notice: notice as ReadonlySignal<string | null>,
    gaps: gaps as ReadonlySignal<KnowledgeGapGroup[] | null>,
    gapsError: gapsError as ReadonlySignal<string | null>,
    calibration: calibration as ReadonlySignal<CalibrationStatus | null>,
    calibrationError: calibrationError as ReadonlySignal<string | null>,
    loadCalibration,
    /** Chooses the threshold for an expected false-confident rate (null: the default). */
    async setCalibrationTarget(target: number | null) {
      calibrationError.value = null;
      try {
        calibration.value = await api.setCalibrationTarget(target);
      } catch (err) {
        calibrationError.value = errorMessage(err);
      }
    },
    async recalibrate() {
      calibrationError.value = null;
      try {
        calibration.value = await api.recalibrate();
        await loadCalibration();
      } catch (err) {
        calibrationError.value = errorMessage(err);
      }
    },
    reload: load,
    async upload(files: readonly File[]) {
      if (files.length === 0) return;
      uploading.value = true;
      uploadProgress.value = 0;
      uploadError.value = null;
      uploadResults.value = null;
      try {
        const res = await api.uploadArticles(files, (sent, total) => (uploadProgress.value = total ? sent / total : 0));
        uploadProgress.value = 1;
        uploadResults.value = res.results;
        await load();
      } catch (err) {
        uploadError.value = errorMessage(err);
      } finally {
        uploading.value = false;
      }
    },
    async open(id: string) {
      error.value = null;
      saveError.value = null;
      try {
        editing.value = await api.getArticle(id);
      } catch (err) {
        error.value = errorMessage(err);
      }
    },
    close() {
      editing.value = null;
    },
    /** Resolves true when saved. */
    save(id: string, article: NewArticle): Promise<boolean> {
      return list.save(async () => {
        const res = await api.updateArticle(id, article);
        notice.value = res.changed
          ? `Saved and re-indexed into ${res.chunks} chunks.`
          : 'No changes: nothing to re-index.';
        editing.value = null;
      });
    },
    async reindexAll() {
      reindexing.value = true;
      error.value = null;
      try {
        const res = await api.reindexKnowledge();
        notice.value = `Re-indexed ${res.articles} articles into ${res.chunks} chunks.`;
        await load();
      } catch (err) {
        error.value = errorMessage(err);
      } finally {
        reindexing.value = false;
      }
    },
    async loadGaps() {
      gapsError.value = null;
      try {
        gaps.value = (await api.knowledgeGaps()).groups;
      } catch (err) {
        gapsError.value = errorMessage(err);
      }
    },
    /** Resolves true when saved, so the form knows to clear itself. */
    add: (article: NewArticle): Promise<boolean> => list.save(() => api.createArticle(article)),
    async remove(id: string) {
      deleting.value = id;
      error.value = null;
      try {
        await api.deleteArticle(id);
        articles.value = articles.value.filter((a) => a.id !== id);
      } catch (err) {
        error.value = errorMessage(err);
      } finally {
        deleting.value = null;
      }
    },
    async runSearch(query: string, pageUrl: string, k: number) {
      if (!query.trim()) return;
      searching.value = true;
      searchError.value = null;
      try {
        const page = pageUrl.trim() || undefined;
        const [found, answer] = await Promise.all([
          api.search(query.trim(), page, k),
          api.previewAnswer(query.trim(), page).catch(() => null),
        ]);
        search.value = found;
        preview.value = answer;
      } catch (err) {
        searchError.value = errorMessage(err);
        search.value = null;
      } finally {
        searching.value = false;
      }
    },
  };
});

export type Knowledge = InstanceType<typeof KnowledgeModel>;
